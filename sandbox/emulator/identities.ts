import type { Credentials, Identity, IdentityStore } from "./types.ts";

/** In-memory access key → identity and secret map. */
export class MemoryIdentityStore implements IdentityStore {
  readonly #byKey = new Map<string, { identity: Identity; credentials?: Credentials }>();

  resolve(accessKeyId: string): Identity | undefined {
    return this.#byKey.get(accessKeyId)?.identity;
  }

  credentialsOf(accessKeyId: string): Credentials | undefined {
    const credentials = this.#byKey.get(accessKeyId)?.credentials;
    return credentials && { ...credentials };
  }

  register(identity: Identity, credentials?: Credentials): void {
    this.#byKey.set(
      identity.accessKeyId,
      credentials ? { identity, credentials: { ...credentials } } : { identity },
    );
  }

  remove(accessKeyId: string): void {
    this.#byKey.delete(accessKeyId);
  }
}

/** An identity for a session of `roleName` (what a Lambda function's execution role looks like to CloudTrail). */
export function assumedRoleIdentity(
  accountId: string,
  accessKeyId: string,
  roleName: string,
  sessionName: string,
  rolePath = "/",
): Identity {
  const roleId = `AROA${hashId(`${accountId}:${roleName}`)}`;
  return {
    type: "AssumedRole",
    principalId: `${roleId}:${sessionName}`,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    accountId,
    accessKeyId,
    sessionIssuer: {
      type: "Role",
      principalId: roleId,
      arn: `arn:aws:iam::${accountId}:role${rolePath}${roleName}`,
      accountId,
      userName: roleName,
    },
  };
}

/** An IAM user signing with a long-term access key. */
export function iamUserIdentity(
  accountId: string,
  accessKeyId: string,
  userName: string,
  path = "/",
): Identity {
  return {
    type: "IAMUser",
    principalId: `AIDA${hashId(`${accountId}:${userName}`)}`,
    arn: `arn:aws:iam::${accountId}:user${path}${userName}`,
    accountId,
    accessKeyId,
    userName,
  };
}

/** 17 upper-case alphanumerics derived from a string: stable ids for seeded identities. */
export function hashId(input: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822507);
  }
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let out = "";
  let n = (BigInt(h1 >>> 0) << 32n) | BigInt(h2 >>> 0);
  for (let i = 0; i < 17; i++) {
    out += alphabet[Number(n % 32n)];
    n = n / 32n + BigInt(i * 7919);
  }
  return out;
}
