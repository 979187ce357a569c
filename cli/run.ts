/**
 * The commands: parse, call the API, wait, print, and answer with an exit code. Everything outside
 * (environment, output, files, credentials, clock) comes in through `Io`, so the tests run the whole
 * CLI against a local server with a fake clock; `cli/main.ts` passes the real ones.
 */
import { readFile } from "node:fs/promises";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { type Command, type Connection, parseCommandLine, type Wait } from "./args.ts";
import {
  type Accepted,
  ApiUnreachableError,
  type Client,
  type Credentials,
  CredentialsError,
  type CredentialsProvider,
  createClient,
  type FailureBody,
  type GrantSummary,
  type GrantView,
} from "./client.ts";
import {
  EXIT,
  type ExitCode,
  exitCodeForStatus,
  formatAccepted,
  formatCatalog,
  formatError,
  formatGrant,
  formatList,
  formatProgress,
  HELP,
} from "./format.ts";

export interface Io {
  env: Record<string, string | undefined>;
  /** Writes one line (the newline is added). */
  stdout(line: string): void;
  stderr(line: string): void;
  readFile?: (path: string) => Promise<string>;
  /** Default: the AWS SDK's Node credential chain, with `--profile`. */
  credentials?: Credentials | CredentialsProvider;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** An unexpected error of this CLI's own (a bug), not one of the documented outcomes. */
export const EXIT_INTERNAL = 70;

const HEARTBEAT_MS = 30_000;

export type WaitOutcome =
  | { kind: "settled"; view: GrantView }
  /** 404 while waiting for a revocation: the grant is gone. */
  | { kind: "gone" }
  | { kind: "refused"; status: number; body: FailureBody }
  | { kind: "timeout"; last?: GrantView; problem?: string };

export interface WaitOptions {
  operation: "grant" | "revoke";
  /** The execution the 202 answer named: an ACTIVE or FAILED view naming another one is the state before it. */
  executionArn?: string;
  pollMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onProgress?: (view: GrantView, elapsedMs: number) => void;
  /** A poll that got no usable answer (unreachable, 5xx, 429); the wait goes on. */
  onRetry?: (problem: string, elapsedMs: number) => void;
}

/**
 * Whether a grant has settled: ACTIVE, FAILED or DELETED with no execution RUNNING, and, when the
 * view names an execution, it is the one the request started (else the view is from before it).
 * DELETED is only reached by a revocation, so it is never stale.
 */
export function settled(view: GrantView, executionArn?: string): boolean {
  if (view.execution?.status === "RUNNING") return false;
  if (view.status === "DELETED") return true;
  if (view.status !== "ACTIVE" && view.status !== "FAILED") return false;
  return !executionArn || !view.execution || view.execution.executionArn === executionArn;
}

/** Polls `GET /grants/{id}` every `pollMs` until the grant settles or `timeoutMs` passes. */
export async function waitForGrant(client: Client, id: string, options: WaitOptions): Promise<WaitOutcome> {
  const start = options.now();
  let last: GrantView | undefined;
  let problem: string | undefined;
  for (;;) {
    const elapsed = () => options.now() - start;
    try {
      const response = await client.getGrant(id);
      if (response.ok) {
        last = response.body;
        problem = undefined;
        options.onProgress?.(last, elapsed());
        if (settled(last, options.executionArn)) return { kind: "settled", view: last };
      } else if (response.status === 404 && options.operation === "revoke") {
        return { kind: "gone" };
      } else if (exitCodeForStatus(response.status) === EXIT.refused) {
        return { kind: "refused", status: response.status, body: response.body };
      } else {
        problem = formatError(response.status, response.body).join(" ");
        options.onRetry?.(problem, elapsed());
      }
    } catch (error) {
      if (!(error instanceof ApiUnreachableError)) throw error;
      problem = error.message;
      options.onRetry?.(problem, elapsed());
    }
    if (elapsed() + options.pollMs > options.timeoutMs) {
      return { kind: "timeout", ...(last ? { last } : {}), ...(problem ? { problem } : {}) };
    }
    await options.sleep(options.pollMs);
  }
}

/** Every page of `GET /grants`, following `nextToken`. */
export async function listAllGrants(
  client: Client,
  filter: { cluster?: string; namespace?: string; status?: string },
): Promise<{ ok: true; grants: GrantSummary[] } | { ok: false; status: number; body: FailureBody }> {
  const grants: GrantSummary[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const response = await client.listGrants({ ...filter, limit: 100, ...(nextToken ? { nextToken } : {}) });
    if (!response.ok) return { ok: false, status: response.status, body: response.body };
    grants.push(...response.body.grants);
    nextToken = response.body.nextToken;
    // A token seen before would loop for ever: the API's bug, but not the caller's hang.
    if (nextToken !== undefined && seen.has(nextToken)) break;
    if (nextToken !== undefined) seen.add(nextToken);
  } while (nextToken);
  return { ok: true, grants };
}

class Session {
  readonly client: Client;
  readonly io: Io;
  readonly json: boolean;

  constructor(connection: Connection, io: Io) {
    this.io = io;
    this.json = connection.json;
    this.client = createClient({
      endpoint: connection.endpoint,
      region: connection.region,
      credentials:
        io.credentials ??
        fromNodeProviderChain({
          ...(connection.profile ? { profile: connection.profile } : {}),
          clientConfig: { region: connection.region },
        }),
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
  }

  print(body: unknown, lines: string[]): void {
    if (this.json) this.io.stdout(JSON.stringify(body, null, 2));
    else for (const line of lines) this.io.stdout(line);
  }

  /** A non-2xx answer: the message, fields and refusals on stderr (the body on stdout with --json). */
  failure(status: number, body: FailureBody): ExitCode {
    for (const line of formatError(status, body)) this.io.stderr(line);
    if (this.json) this.io.stdout(JSON.stringify(body, null, 2));
    return exitCodeForStatus(status);
  }

  async wait(id: string, accepted: Accepted, wait: Wait, operation: "grant" | "revoke"): Promise<ExitCode> {
    const now = this.io.now ?? Date.now;
    let shown = "";
    let shownAt = -Infinity;
    const outcome = await waitForGrant(this.client, id, {
      operation,
      executionArn: accepted.executionArn,
      pollMs: wait.pollMs,
      timeoutMs: wait.timeoutMs,
      sleep: this.io.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now,
      onProgress: (view, elapsedMs) => {
        const state = `${view.status} ${view.execution?.status ?? ""}`;
        if (state === shown && elapsedMs - shownAt < HEARTBEAT_MS) return;
        shown = state;
        shownAt = elapsedMs;
        this.io.stderr(formatProgress(view, elapsedMs));
      },
      onRetry: (problem) => this.io.stderr(`(retrying) ${problem}`),
    });
    switch (outcome.kind) {
      case "settled": {
        const { view } = outcome;
        this.print(view, formatGrant(view));
        const success = operation === "grant" ? view.status === "ACTIVE" : view.status === "DELETED";
        if (!success) {
          this.io.stderr(
            operation === "grant"
              ? `The grant ended ${view.status}${view.lastError ? `: ${view.lastError.cause}` : ""}`
              : `The revocation ended with the grant ${view.status}${view.lastError ? `: ${view.lastError.cause}` : ""}`,
          );
        }
        return success ? EXIT.ok : EXIT.failed;
      }
      case "gone":
        // The API no longer knows the grant: as DELETED as it gets. With --json, the view it would be.
        this.print({ grantId: id, status: "DELETED" }, [`${id}  DELETED`]);
        return EXIT.ok;
      case "refused":
        return this.failure(outcome.status, outcome.body);
      case "timeout":
        this.io.stderr(
          `Timed out after ${Math.round(wait.timeoutMs / 1000)}s waiting for ${id}` +
            (outcome.last ? ` (last seen ${outcome.last.status})` : "") +
            (outcome.problem ? `: ${outcome.problem}` : ""),
        );
        if (this.json && outcome.last) this.io.stdout(JSON.stringify(outcome.last, null, 2));
        return EXIT.unavailable;
    }
  }

  async grant(command: Extract<Command, { command: "grant" }>): Promise<ExitCode> {
    let text: string;
    try {
      text = await (this.io.readFile ?? ((path) => readFile(path, "utf8")))(command.file);
    } catch (error) {
      this.io.stderr(`Cannot read ${command.file}: ${(error as Error).message}`);
      return EXIT.usage;
    }
    try {
      JSON.parse(text);
    } catch (error) {
      this.io.stderr(`${command.file} is not valid JSON: ${(error as Error).message}`);
      return EXIT.usage;
    }
    const response = await this.client.createGrant(text, command.idempotencyKey);
    if (!response.ok) return this.failure(response.status, response.body);
    if (!command.wait) {
      this.print(response.body, formatAccepted(response.body));
      return EXIT.ok;
    }
    for (const line of formatAccepted(response.body)) this.io.stderr(line);
    return this.wait(response.body.grantId, response.body, command, "grant");
  }

  async revoke(command: Extract<Command, { command: "revoke" }>): Promise<ExitCode> {
    const response = await this.client.deleteGrant(command.key);
    if (!response.ok) return this.failure(response.status, response.body);
    if (!command.wait) {
      this.print(response.body, formatAccepted(response.body));
      return EXIT.ok;
    }
    for (const line of formatAccepted(response.body)) this.io.stderr(line);
    return this.wait(command.id, response.body, command, "revoke");
  }

  async run(command: Command): Promise<ExitCode> {
    switch (command.command) {
      case "grant":
        return this.grant(command);
      case "revoke":
        return this.revoke(command);
      case "status": {
        const response = await this.client.getGrant(command.key);
        if (!response.ok) return this.failure(response.status, response.body);
        this.print(response.body, formatGrant(response.body));
        return EXIT.ok;
      }
      case "list": {
        const { command: _, ...filter } = command;
        const result = await listAllGrants(this.client, filter);
        if (!result.ok) return this.failure(result.status, result.body);
        this.print({ grants: result.grants }, formatList(result.grants));
        return EXIT.ok;
      }
      case "catalog": {
        const response = await this.client.catalog();
        if (!response.ok) return this.failure(response.status, response.body);
        this.print(response.body, formatCatalog(response.body));
        return EXIT.ok;
      }
    }
  }
}

/** Runs one command line; resolves to its exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, io.env);
  if (parsed.kind === "help") {
    io.stdout(HELP.trimEnd());
    return EXIT.ok;
  }
  if (parsed.kind === "usage") {
    io.stderr(`pod-identity: ${parsed.message}`);
    io.stderr("Run `pod-identity --help` for usage.");
    return EXIT.usage;
  }
  try {
    return await new Session(parsed.connection, io).run(parsed.command);
  } catch (error) {
    if (error instanceof CredentialsError) {
      io.stderr(`${error.message}`);
      io.stderr("Configure AWS credentials (aws configure / aws sso login / AWS_PROFILE) or pass --profile.");
      return EXIT.noCredentials;
    }
    if (error instanceof ApiUnreachableError) {
      io.stderr(error.message);
      return EXIT.unavailable;
    }
    io.stderr(`pod-identity: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return EXIT_INTERNAL;
  }
}
