/** mulberry32: a small, fast, seedable PRNG. The same seed replays the same ids and fault schedule. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The emulation's one id generator: `length` characters of `alphabet`, drawn from the sandbox's
 * seeded `random` (ids replay with the seed, and, like AWS's, share no fixed characters).
 */
export function randomString(random: () => number, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}
