import { createHash } from "node:crypto";
import { AwsError } from "./types.ts";

/**
 * Faults on demand. Two kinds:
 *
 * - **Decided by the seed** (`throttleRate`, `serverErrorRate`, `lostResponseRate`): whether a call
 *   faults is a pure function of the seed, the call (service, operation and what it names — see
 *   `fingerprint`) and how many times that same call was made before. Not of the wall clock, nor of
 *   the order in which concurrent work happens to reach the endpoint: a seed replays the same faults
 *   on any machine, however busy. `faultyAttempts` bounds how many times one call can fault in a row
 *   (AWS's bursts end), so that compensation, which retries longer than that, always completes.
 * - **A rate limit** (`throttleRatePerSecond`, `throttleBurst`): a token bucket per account for IAM,
 *   STS drawing from the same bucket as on AWS's shared IAM control plane. It emulates a rate, so it is
 *   about time by nature: for `npm start` and the benchmarks, never for a test's outcome.
 *
 * IAM answers throttling with `400 Throttling: Rate exceeded` (no Retry-After); EKS with 429
 * `ThrottlingException`; DynamoDB with 400 `ProvisionedThroughputExceededException`. The new-role
 * propagation delay lives in the IAM emulation (it owns when a role becomes visible).
 */
export interface FaultOptions {
  /** Seeds the per-call decisions; the same seed replays the same faults. */
  seed?: number;
  /** Probability that a call is throttled (decided per call by the seed). */
  throttleRate?: number;
  /** Probability that a call fails with a server error before it is served. */
  serverErrorRate?: number;
  /** Probability that a call is served and its answer lost: the client sees a server error. */
  lostResponseRate?: number;
  /** Only a call's first `faultyAttempts` attempts can fault (default: any). */
  faultyAttempts?: number;
  /** Token-bucket rate limit: requests per second each bucket refills; undefined = none. */
  throttleRatePerSecond?: number;
  /** Bucket size (burst). Defaults to the rate. */
  throttleBurst?: number;
}

/** The call a fault is decided for: which service and operation, and the request as sent. */
export interface FaultCall {
  signingName: string;
  accountId: string;
  operation?: string;
  method?: string;
  path?: string;
  body?: string;
}

const BUCKET_OF: Record<string, string> = { iam: "iam", sts: "iam", eks: "eks", dynamodb: "dynamodb" };

const THROTTLE_ERROR: Record<string, () => AwsError> = {
  // IAM and STS (Query protocol): HTTP 400, code "Throttling" (see TOOLING.md, "AWS wire facts").
  iam: () => new AwsError("Throttling", "Rate exceeded", 400),
  // EKS (REST-JSON): 429 ThrottlingException, the name @smithy's retry classification knows.
  eks: () => new AwsError("ThrottlingException", "Rate exceeded", 429),
  dynamodb: () =>
    new AwsError(
      "ProvisionedThroughputExceededException",
      "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
      400,
    ),
};

const SERVER_ERROR: Record<string, () => AwsError> = {
  iam: () =>
    new AwsError("ServiceFailure", "Request processing has failed due to an unknown error.", 500, "Receiver"),
  eks: () => new AwsError("ServerException", "An internal error occurred.", 500, "Receiver"),
  dynamodb: () => new AwsError("InternalServerError", "Internal server error", 500, "Receiver"),
};

/** A scripted failure: `operation` (e.g. `iam:PutRolePolicy`) answers `error` for its next `times` calls. */
interface ScriptedFailure {
  operation: string;
  /** Only calls whose fingerprint contains this text (e.g. one grant's role name). */
  matching?: string;
  error: () => AwsError;
  remaining: number;
  /** Serve the call, then answer the error: the client never learns that it succeeded (a lost response). */
  afterServing: boolean;
  /** Counted as an injected throttle or server error (a schedule's "at least one of each"). */
  counts?: keyof FaultCounts;
}

export interface Fault {
  error: AwsError;
  afterServing: boolean;
}

export interface FaultCounts {
  throttled: number;
  serverErrors: number;
  lostResponses: number;
}

/** EKS association ids are random (`a-` and 17 characters): a call names its association by grant, not by id. */
const GENERATED_IDS = /a-[0-9a-z]{17}/g;

/**
 * What a call names, without what varies from run to run: its service, operation, method, path and
 * body — for JSON-protocol services only the item's key (a registry write carries timestamps and
 * versions; its key is what it is about).
 */
export function fingerprint(call: FaultCall): string {
  const body = call.body ?? "";
  let about = body;
  if (call.signingName === "dynamodb" && body.startsWith("{")) {
    try {
      const parsed = JSON.parse(body) as {
        TableName?: string;
        IndexName?: string;
        Key?: unknown;
        Item?: { grantId?: unknown };
        ExpressionAttributeValues?: unknown;
      };
      about = JSON.stringify([
        parsed.TableName,
        parsed.IndexName,
        parsed.Key ?? parsed.Item?.grantId,
        parsed.Key || parsed.Item ? undefined : parsed.ExpressionAttributeValues,
      ]);
    } catch {
      // Not JSON: the body as it is.
    }
  }
  return [call.signingName, call.operation ?? "", call.method ?? "", call.path ?? "", about]
    .join(" ")
    .replace(GENERATED_IDS, "a-ID");
}

/** A number in [0, 1) that only the seed and the text decide. */
function draw(seed: number, text: string): number {
  return createHash("sha256").update(`${seed}|${text}`).digest().readUInt32BE(0) / 2 ** 32;
}

export class FaultInjector {
  options: FaultOptions;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #attempts = new Map<string, number>();
  #scripted: ScriptedFailure[] = [];
  /** Counts of injected faults, for tests and benchmarks. */
  readonly injected: FaultCounts = { throttled: 0, serverErrors: 0, lostResponses: 0 };
  /**
   * Every call the endpoint received, by `service:Operation` (every service, DynamoDB included; a
   * call refused by a fault counts too): what the benchmarks count a grant's AWS calls with.
   */
  readonly calls = new Map<string, number>();

  /**
   * `random` seeds nothing any more (kept for callers that pass one); the per-call decisions take
   * `options.seed` (default 1).
   */
  constructor(options: FaultOptions, _random?: () => number, now: () => number = Date.now) {
    this.options = options;
    this.#now = now;
  }

  /** New options; forgets the calls seen, the buckets' state and scripted failures. */
  configure(options: FaultOptions): void {
    this.options = options;
    this.#buckets.clear();
    this.#attempts.clear();
    this.#scripted = [];
  }

  /** Ends the faults decided by the seed and the rate limit; scripted failures stay armed. */
  endRandomFaults(): void {
    this.options = {};
  }

  /**
   * Makes `operation` (`iam:PutRolePolicy`, `eks:CreatePodIdentityAssociation`, …) fail with the
   * given AWS error for its next `times` calls (default: until cleared); with `matching`, only calls
   * whose fingerprint contains that text (one grant's calls, say, whatever the timing of the others).
   */
  failOperation(
    operation: string,
    error: { code: string; message: string; status?: number },
    options: { times?: number; afterServing?: boolean; matching?: string; counts?: keyof FaultCounts } = {},
  ): void {
    this.#scripted.push({
      operation,
      ...(options.matching !== undefined ? { matching: options.matching } : {}),
      error: () =>
        new AwsError(
          error.code,
          error.message,
          error.status ?? 400,
          (error.status ?? 400) >= 500 ? "Receiver" : "Sender",
        ),
      remaining: options.times ?? Number.POSITIVE_INFINITY,
      afterServing: options.afterServing ?? false,
      ...(options.counts ? { counts: options.counts } : {}),
    });
  }

  /** The error a throttle or server error of this service looks like (for scripted faults of those kinds). */
  static errorOf(kind: "throttle" | "server", signingName: string): AwsError | undefined {
    const bucket = BUCKET_OF[signingName] ?? "";
    return (kind === "throttle" ? THROTTLE_ERROR : SERVER_ERROR)[bucket]?.();
  }

  /** The fault to answer instead of (or after) serving the call, if any. */
  check(call: FaultCall): Fault | undefined {
    const name = `${call.signingName}:${call.operation ?? "?"}`;
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    const text = fingerprint(call);
    const scripted = call.operation
      ? this.#scripted.find(
          (f) =>
            f.operation === `${call.signingName}:${call.operation}` &&
            f.remaining > 0 &&
            (f.matching === undefined || text.includes(f.matching)),
        )
      : undefined;
    if (scripted) {
      scripted.remaining--;
      if (scripted.counts) this.injected[scripted.counts]++;
      return { error: scripted.error(), afterServing: scripted.afterServing };
    }
    return this.#decided(call, text) ?? this.#rateLimited(call);
  }

  #decided(call: FaultCall, text: string): Fault | undefined {
    const bucket = BUCKET_OF[call.signingName];
    const { throttleRate = 0, serverErrorRate = 0, lostResponseRate = 0, seed = 1 } = this.options;
    if (!bucket || throttleRate + serverErrorRate + lostResponseRate <= 0) return undefined;
    const attempt = this.#attempts.get(text) ?? 0;
    this.#attempts.set(text, attempt + 1);
    if (attempt >= (this.options.faultyAttempts ?? Number.POSITIVE_INFINITY)) return undefined;
    const u = draw(seed, `${text}|${attempt}`);
    if (u < throttleRate) {
      this.injected.throttled++;
      return { error: THROTTLE_ERROR[bucket]?.() as AwsError, afterServing: false };
    }
    if (u < throttleRate + serverErrorRate) {
      this.injected.serverErrors++;
      return { error: SERVER_ERROR[bucket]?.() as AwsError, afterServing: false };
    }
    if (u < throttleRate + serverErrorRate + lostResponseRate) {
      this.injected.lostResponses++;
      return { error: SERVER_ERROR[bucket]?.() as AwsError, afterServing: true };
    }
    return undefined;
  }

  /** The rate limit is IAM's (and STS's, which shares its bucket): the account's scarce control plane. */
  #rateLimited(call: FaultCall): Fault | undefined {
    const bucket = BUCKET_OF[call.signingName];
    const rate = this.options.throttleRatePerSecond;
    if (bucket !== "iam" || rate === undefined || this.#take(`${call.accountId}/${bucket}`, rate))
      return undefined;
    this.injected.throttled++;
    return { error: THROTTLE_ERROR[bucket]?.() as AwsError, afterServing: false };
  }

  #take(key: string, rate: number): boolean {
    const burst = this.options.throttleBurst ?? rate;
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
