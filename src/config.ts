import { ConfigurationError } from "./errors.ts";

/**
 * The environment, read once, validated, typed and frozen. A missing or malformed variable fails
 * at cold start with its name. Nothing else in the product reads `process.env`.
 */
export interface Config {
  /** The account the grants' roles live in (CloudFormation `AWS::AccountId`). */
  accountId: string;
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  partition: string;
  /** The region of the clusters and of the resources the catalog scopes to. */
  region: string;
  /**
   * `<service>-<stage>`: names this stage's resources (boundaries `<prefix>-boundary-<tenant>`,
   * table, bus, state machines, functions) and is the value of its ownership tag.
   */
  stackPrefix: string;
  /** The registry table. */
  registryTable: string;
  /**
   * Add `aws:SourceAccount` / `aws:SourceArn` conditions to trust policies. Not documented for
   * `pods.eks.amazonaws.com`, and one public report says `aws:SourceArn` broke credentials: off
   * unless asked for.
   */
  trustSourceConditions: boolean;
}

export type Env = Record<string, string | undefined>;

/** Where this stage's resources live: what the adapters derive ARNs and names from. */
export const stageScope = (c: Config) => ({
  partition: c.partition,
  region: c.region,
  account: c.accountId,
  stackPrefix: c.stackPrefix,
});

export function required(env: Env, name: string, pattern: RegExp, expected: string): string {
  const value = env[name];
  if (value === undefined || value === "")
    throw new ConfigurationError(`Environment variable ${name} is not set`);
  if (!pattern.test(value)) {
    throw new ConfigurationError(`Environment variable ${name} must be ${expected}, got '${value}'`);
  }
  return value;
}

function flag(env: Env, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new ConfigurationError(`Environment variable ${name} must be 'true' or 'false', got '${value}'`);
}

export function readConfig(env: Env): Readonly<Config> {
  return Object.freeze({
    accountId: required(env, "ACCOUNT_ID", /^\d{12}$/, "a 12-digit AWS account id"),
    partition: required(env, "PARTITION", /^aws(-[a-z]+)*$/, "an AWS partition (aws, aws-cn, aws-us-gov)"),
    region: required(env, "AWS_REGION", /^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as eu-west-1"),
    stackPrefix: required(
      env,
      "STACK_PREFIX",
      /^[A-Za-z][A-Za-z0-9-]{0,79}$/,
      "the stack prefix <service>-<stage> (letters, digits and '-')",
    ),
    registryTable: required(env, "REGISTRY_TABLE", /^[A-Za-z0-9_.-]{3,255}$/, "a DynamoDB table name"),
    trustSourceConditions: flag(env, "TRUST_SOURCE_CONDITIONS"),
  });
}

/** How long a grant may wait for AWS's rate (`GRANT_DEADLINE_SECONDS`, default 600) before it is rolled back. */
export function readGrantDeadlineSeconds(env: Env): number {
  const value = env.GRANT_DEADLINE_SECONDS;
  if (value === undefined || value === "") return 600;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1) {
    throw new ConfigurationError(
      `Environment variable GRANT_DEADLINE_SECONDS must be a whole number of seconds, got '${value}'`,
    );
  }
  return Number(value);
}

let cached: Readonly<Config> | undefined;

let cachedDeadline: number | undefined;

/** The grant deadline of this process, read from `GRANT_DEADLINE_SECONDS` on first use. */
export function grantDeadlineSeconds(): number {
  cachedDeadline ??= readGrantDeadlineSeconds(process.env);
  return cachedDeadline;
}

/** The configuration of this process, read from `process.env` on first use. */
export function config(): Readonly<Config> {
  cached ??= readConfig(process.env);
  return cached;
}
