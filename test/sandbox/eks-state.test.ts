import { describe, expect, it } from "vitest";
import { EksState, REMEMBERED_TOKENS } from "../../sandbox/emulator/eks/state.ts";

describe("EKS emulation: client request tokens", () => {
  it("keeps the newest tokens only, so a long run does not grow with every create", () => {
    const state = new EksState();
    for (let i = 0; i < REMEMBERED_TOKENS + 5; i++) {
      state.rememberToken(`arn|create|t${i}`, { fingerprint: `f${i}`, associationId: `a-${i}` });
    }
    expect(state.tokens.size).toBe(REMEMBERED_TOKENS);
    expect(state.tokens.has("arn|create|t4")).toBe(false);
    expect(state.tokens.has("arn|create|t5")).toBe(true);
    expect(state.tokens.get(`arn|create|t${REMEMBERED_TOKENS + 4}`)?.associationId).toBe(
      `a-${REMEMBERED_TOKENS + 4}`,
    );
  });

  it("a token used again becomes the newest", () => {
    const state = new EksState();
    state.rememberToken("k0", { fingerprint: "f", associationId: "a-0" });
    for (let i = 1; i < REMEMBERED_TOKENS; i++)
      state.rememberToken(`k${i}`, { fingerprint: "f", associationId: "a" });
    state.rememberToken("k0", { fingerprint: "f", associationId: "a-0" });
    state.rememberToken("new", { fingerprint: "f", associationId: "a" });
    expect(state.tokens.has("k0")).toBe(true);
    expect(state.tokens.has("k1")).toBe(false);
  });
});
