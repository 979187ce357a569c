import { createHash } from "node:crypto";
import { iamUserIdentity } from "../identities.ts";
import { randomString, seededRandom } from "../random.ts";
import type { EmulatorContext, Identity } from "../types.ts";
import {
  invalidArn,
  noSuchEntity,
  noSuchRole,
  noSuchUser,
  policyNotFound,
  validationError,
} from "./errors.ts";
import {
  ACCESS_KEY_ID_LENGTH,
  AWS_MANAGED_POLICY_DATE,
  ENTITY_ID_LENGTH,
  IAM_LIMITS,
  ID_ALPHABET,
  ID_PREFIX,
} from "./limits.ts";
import { ENTITY_PRINCIPAL } from "./policy-grammar.ts";

/** IAM's state for one account, and the lookups the operations share. */

export interface Tag {
  Key: string;
  Value: string;
}

export interface IamRole {
  path: string;
  roleName: string;
  roleId: string;
  arn: string;
  /** ISO-8601 to the second, as IAM returns it. */
  createDate: string;
  /** ctx.now() at creation, in ms: when the role starts to propagate. */
  createdAtMs: number;
  /** Exactly as the client sent it. */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  /** Policy name → document exactly as sent. */
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
}

export interface IamPolicy {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  /** The default (and only) version's document, exactly as sent; empty for AWS managed policies. */
  document: string;
  createDate: string;
  updateDate: string;
  tags: Tag[];
}

export interface IamUser {
  path: string;
  userName: string;
  userId: string;
  arn: string;
  createDate: string;
  permissionsBoundaryArn?: string;
  tags: Tag[];
}

export interface IamAccessKey {
  accessKeyId: string;
  /** Kept so that the key signs requests (the front door checks signatures); never returned after CreateAccessKey. */
  secretAccessKey: string;
  userName: string;
  status: "Active" | "Inactive";
  createDate: string;
}

export interface IamSnapshot {
  format: "iam-emulator/2";
  roles: IamRole[];
  policies: IamPolicy[];
  users: IamUser[];
  accessKeys: IamAccessKey[];
}

export interface IamServiceOptions {
  /** How long a new role stays invisible to other services (ms, measured with ctx.now()). Default 0. */
  propagationDelayMs?: number;
  /** Roles per account. Default 1,000 (IAM's default quota). */
  roleQuota?: number;
}

export const AWS_MANAGED_POLICY = /^arn:aws:iam::aws:policy\/(.+\/)?([\w+=,.@-]+)$/;
const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy\/(.+\/)?([\w+=,.@-]+)$/;
const ANY_ARN = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$/;

export class IamAccount {
  readonly ctx: EmulatorContext;
  readonly roleQuota: number;
  propagationDelayMs: number;
  /** By lower-case name: IAM role and user names are unique regardless of case. */
  roles = new Map<string, IamRole>();
  users = new Map<string, IamUser>();
  /** By ARN. */
  policies = new Map<string, IamPolicy>();
  accessKeys = new Map<string, IamAccessKey>();

  constructor(ctx: EmulatorContext, options: IamServiceOptions = {}) {
    this.ctx = ctx;
    this.roleQuota = options.roleQuota ?? IAM_LIMITS.rolesPerAccount;
    this.propagationDelayMs = options.propagationDelayMs ?? 0;
  }

  get accountId(): string {
    return this.ctx.accountId;
  }

  now(): Date {
    return this.ctx.now();
  }

  /** A new unique id (`AROA…`, `AIDA…`, `ANPA…`): random, as IAM's are, and replayed by the sandbox's seed. */
  newId(kind: "role" | "user" | "policy"): string {
    return ID_PREFIX[kind] + randomString(this.ctx.random, ID_ALPHABET, ENTITY_ID_LENGTH);
  }

  newAccessKeyId(): string {
    return ID_PREFIX.accessKey + randomString(this.ctx.random, ID_ALPHABET, ACCESS_KEY_ID_LENGTH);
  }

  randomString(alphabet: string, length: number): string {
    return randomString(this.ctx.random, alphabet, length);
  }

  // --- Roles -------------------------------------------------------------------------------

  role(name: string): IamRole {
    const role = this.roles.get(name.toLowerCase());
    if (!role) throw noSuchRole(name);
    return role;
  }

  roleByArn(arn: string): IamRole | undefined {
    const name = arn.slice(arn.lastIndexOf("/") + 1);
    const role = this.roles.get(name.toLowerCase());
    return role?.arn === arn ? role : undefined;
  }

  inlinePolicy(role: IamRole, name: string): string {
    const document = Object.hasOwn(role.inlinePolicies, name) ? role.inlinePolicies[name] : undefined;
    if (document === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
    return document;
  }

  /**
   * Whether a principal ARN names something IAM can resolve: an existing role or user of this
   * account (IAM resolves those when it stores a trust policy), or anything else.
   */
  principalExists(arn: string): boolean {
    const match = ENTITY_PRINCIPAL.exec(arn);
    if (!match || match[1] !== this.accountId) return true;
    const name = arn.slice(arn.lastIndexOf("/") + 1).toLowerCase();
    const entity = match[2] === "role" ? this.roles.get(name) : this.users.get(name);
    return entity?.arn === arn;
  }

  // --- Users and access keys ---------------------------------------------------------------

  /** The named user, or the calling IAM user when the name is left out (as IAM does). */
  user(name: string | undefined, caller: Identity): IamUser {
    const userName = name ?? callerUserName(caller);
    const user = this.users.get(userName.toLowerCase());
    if (!user) throw noSuchUser(userName);
    return user;
  }

  keysOf(user: IamUser): IamAccessKey[] {
    return [...this.accessKeys.values()].filter(
      (key) => key.userName.toLowerCase() === user.userName.toLowerCase(),
    );
  }

  accessKey(user: IamUser, id: string): IamAccessKey {
    const key = this.accessKeys.get(id);
    if (!key || key.userName.toLowerCase() !== user.userName.toLowerCase()) {
      throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    }
    return key;
  }

  /** Lets the key sign requests as its user, with its secret. */
  registerKey(key: IamAccessKey): void {
    const user = this.users.get(key.userName.toLowerCase());
    if (!user) return;
    this.ctx.identities.register(
      {
        ...iamUserIdentity(this.accountId, key.accessKeyId, user.userName, user.path),
        principalId: user.userId,
      },
      { secretAccessKey: key.secretAccessKey },
    );
  }

  // --- Managed policies --------------------------------------------------------------------

  /** The ARN if it names a policy; IAM's ValidationError or InvalidInput otherwise. */
  validPolicyArn(arn: string): string {
    if (!POLICY_ARN.test(arn)) throw invalidArn(arn, ANY_ARN.test(arn));
    return arn;
  }

  /** A customer managed policy of this account. */
  customerPolicy(arn: string): IamPolicy {
    const policy = this.policies.get(this.validPolicyArn(arn));
    if (!policy) throw policyNotFound(arn);
    return policy;
  }

  existingBoundary(arn: string): string {
    if (!this.policyOrAwsManaged(this.validPolicyArn(arn))) {
      throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
    }
    return arn;
  }

  /**
   * A customer managed policy of this account, or an AWS managed one (`arn:aws:iam::aws:policy/…`),
   * all taken as existing. AWS managed policies are not catalogued: their documents are unknown here.
   */
  policyOrAwsManaged(arn: string): IamPolicy | undefined {
    const local = this.policies.get(arn);
    if (local) return local;
    const match = AWS_MANAGED_POLICY.exec(arn);
    if (!match) return undefined;
    return {
      policyName: match[2] ?? "",
      policyId: awsManagedPolicyId(arn),
      arn,
      path: `/${match[1] ?? ""}`,
      document: "",
      createDate: AWS_MANAGED_POLICY_DATE,
      updateDate: AWS_MANAGED_POLICY_DATE,
      tags: [],
    };
  }

  policyUsage(arn: string): { attachments: number; boundaries: number } {
    const roles = [...this.roles.values()];
    const users = [...this.users.values()];
    return {
      attachments: roles.filter((r) => r.attachedPolicyArns.includes(arn)).length,
      boundaries: [...roles, ...users].filter((e) => e.permissionsBoundaryArn === arn).length,
    };
  }

  // --- Persistence -------------------------------------------------------------------------

  snapshot(): IamSnapshot {
    return structuredClone({
      format: "iam-emulator/2",
      roles: [...this.roles.values()],
      policies: [...this.policies.values()],
      users: [...this.users.values()],
      accessKeys: [...this.accessKeys.values()],
    });
  }

  /** Replaces the state with a snapshot's, and the access keys that sign requests with its active ones. */
  restore(snapshot: unknown): void {
    if (!isIamSnapshot(snapshot)) {
      throw new Error("Not an IAM emulator snapshot (format iam-emulator/1 or iam-emulator/2)");
    }
    const copy = structuredClone(snapshot);
    for (const key of this.accessKeys.keys()) this.ctx.identities.remove(key);
    this.roles = new Map(copy.roles.map((role) => [role.roleName.toLowerCase(), role]));
    this.users = new Map(copy.users.map((user) => [user.userName.toLowerCase(), user]));
    this.policies = new Map(copy.policies.map((policy) => [policy.arn, policy]));
    this.accessKeys = new Map(copy.accessKeys.map((key) => [key.accessKeyId, key]));
    for (const key of this.accessKeys.values()) {
      if (key.status === "Active") this.registerKey(key);
    }
  }
}

function callerUserName(caller: Identity): string {
  if (caller.type === "IAMUser" && caller.userName) return caller.userName;
  throw validationError("Must specify userName when calling with non-User credentials");
}

/**
 * An AWS managed policy's id: the same in every account and every run (as AWS's are), drawn by the
 * one id generator from a sequence seeded by the policy's ARN.
 */
function awsManagedPolicyId(arn: string): string {
  const seed = createHash("sha256").update(arn).digest().readUInt32BE(0);
  return ID_PREFIX.policy + randomString(seededRandom(seed), ID_ALPHABET, ENTITY_ID_LENGTH);
}

/** `iam-emulator/2`, or `/1` (which also kept a per-name creation count, no longer needed: ids are random). */
function isIamSnapshot(value: unknown): value is IamSnapshot {
  if (typeof value !== "object" || value === null) return false;
  const snapshot = value as { format?: unknown } & Partial<Omit<IamSnapshot, "format">>;
  return (
    (snapshot.format === "iam-emulator/1" || snapshot.format === "iam-emulator/2") &&
    [snapshot.roles, snapshot.policies, snapshot.users, snapshot.accessKeys].every(Array.isArray)
  );
}
