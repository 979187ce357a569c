/**
 * The command line, parsed: pure (the environment is passed in), so every usage error is a value
 * the tests can look at, and the exit code 2 is decided in one place.
 */
import { parseArgs } from "node:util";
import { GRANT_STATUSES, type GrantKey, parseGrantKey } from "./client.ts";

export const DEFAULT_REGION = "eu-west-1";
export const DEFAULT_POLL_MS = 1000;
export const DEFAULT_TIMEOUT_SECONDS = 900;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;

export interface Connection {
  endpoint: string;
  region: string;
  profile?: string;
  json: boolean;
}

export interface Wait {
  wait: boolean;
  pollMs: number;
  timeoutMs: number;
}

export type Command =
  | ({ command: "grant"; file: string; idempotencyKey?: string } & Wait)
  | ({ command: "revoke"; id: string; key: GrantKey } & Wait)
  | { command: "status"; id: string; key: GrantKey }
  | { command: "list"; cluster?: string; namespace?: string; status?: string }
  | { command: "catalog" };

export type Parsed =
  | { kind: "help" }
  | { kind: "usage"; message: string }
  | { kind: "run"; connection: Connection; command: Command };

const OPTIONS = {
  endpoint: { type: "string" },
  region: { type: "string" },
  profile: { type: "string" },
  json: { type: "boolean" },
  "idempotency-key": { type: "string" },
  "no-wait": { type: "boolean" },
  "poll-ms": { type: "string" },
  timeout: { type: "string" },
  cluster: { type: "string" },
  namespace: { type: "string" },
  status: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** Which options each command takes, beyond the connection's. */
const COMMAND_OPTIONS: Record<Command["command"], readonly (keyof typeof OPTIONS)[]> = {
  grant: ["idempotency-key", "no-wait", "poll-ms", "timeout"],
  revoke: ["no-wait", "poll-ms", "timeout"],
  status: [],
  list: ["cluster", "namespace", "status"],
  catalog: [],
};
const CONNECTION_OPTIONS = ["endpoint", "region", "profile", "json", "help"] as const;

/** The region an API Gateway endpoint names (`<id>.execute-api.<region>.amazonaws.com`). */
export function endpointRegion(endpoint: string): string | undefined {
  try {
    return /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(
      new URL(endpoint).hostname,
    )?.[1];
  } catch {
    return undefined;
  }
}

function positiveNumber(name: string, text: string | undefined, fallback: number): number | string {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    return `--${name} must be a positive number, got '${text}'`;
  }
  return value;
}

function waitOptions(values: Values): Wait | string {
  const pollMs = positiveNumber("poll-ms", values["poll-ms"], DEFAULT_POLL_MS);
  if (typeof pollMs === "string") return pollMs;
  const timeout = positiveNumber("timeout", values.timeout, DEFAULT_TIMEOUT_SECONDS);
  if (typeof timeout === "string") return timeout;
  return { wait: !values["no-wait"], pollMs, timeoutMs: timeout * 1000 };
}

function grantKey(text: string | undefined): { id: string; key: GrantKey } | string {
  if (text === undefined) return "expected a grant id cluster/namespace/serviceAccount";
  const key = parseGrantKey(text);
  return key ? { id: text, key } : `expected a grant id cluster/namespace/serviceAccount, got '${text}'`;
}

function command(name: string, args: string[], values: Values): Command | string {
  const arity = (count: number): string | undefined =>
    args.length > count ? `${name}: unexpected argument '${args[count]}'` : undefined;
  switch (name) {
    case "grant": {
      const file = args[0];
      if (file === undefined) return "grant: expected a request file, e.g. grant examples/grant-request.json";
      const key = values["idempotency-key"];
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        return `--idempotency-key must be 1-64 characters of A-Z a-z 0-9 . _ : -, got '${key}'`;
      }
      const wait = waitOptions(values);
      if (typeof wait === "string") return wait;
      return (
        arity(1) ?? { command: "grant", file, ...(key === undefined ? {} : { idempotencyKey: key }), ...wait }
      );
    }
    case "revoke":
    case "status": {
      const id = grantKey(args[0]);
      if (typeof id === "string") return `${name}: ${id}`;
      if (name === "status") return arity(1) ?? { command: "status", ...id };
      const wait = waitOptions(values);
      if (typeof wait === "string") return wait;
      return arity(1) ?? { command: "revoke", ...id, ...wait };
    }
    case "list": {
      const status = values.status?.toUpperCase();
      if (status !== undefined && !(GRANT_STATUSES as readonly string[]).includes(status)) {
        return `--status must be one of ${GRANT_STATUSES.join(", ")}, got '${values.status}'`;
      }
      return (
        arity(0) ?? {
          command: "list",
          ...(values.cluster === undefined ? {} : { cluster: values.cluster }),
          ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
          ...(status === undefined ? {} : { status }),
        }
      );
    }
    case "catalog":
      return arity(0) ?? { command: "catalog" };
    default:
      return `unknown command '${name}'`;
  }
}

export function parseCommandLine(argv: readonly string[], env: Record<string, string | undefined>): Parsed {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: "usage", message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  if (values.help || name === undefined || name === "help") return { kind: "help" };

  const result = command(name, args, values);
  if (typeof result === "string") return { kind: "usage", message: result };
  const allowed = new Set<string>([...CONNECTION_OPTIONS, ...COMMAND_OPTIONS[result.command]]);
  const stray = Object.keys(values).find((option) => !allowed.has(option));
  if (stray) return { kind: "usage", message: `${name} does not take --${stray}` };

  const endpoint = values.endpoint ?? env.POD_IDENTITY_API;
  if (!endpoint) {
    return { kind: "usage", message: "no API endpoint: pass --endpoint URL or set POD_IDENTITY_API" };
  }
  try {
    const url = new URL(endpoint);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
  } catch {
    return { kind: "usage", message: `the endpoint must be an http(s) URL, got '${endpoint}'` };
  }
  const region =
    values.region || endpointRegion(endpoint) || env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION;
  const profile = values.profile || env.AWS_PROFILE || undefined;
  return {
    kind: "run",
    connection: { endpoint, region, ...(profile ? { profile } : {}), json: values.json ?? false },
    command: result,
  };
}
