import { AwsError } from "./types.ts";

/**
 * Faults on demand, seeded so a failing schedule replays:
 * - throttling: a token bucket per account; IAM and STS draw from one bucket, as on AWS's shared
 *   IAM control plane. IAM answers `400 Throttling: Rate exceeded` (no Retry-After).
 * - random server errors at a given rate (IAM `ServiceFailure` 500, EKS `ServerException` 500).
 * The new-role propagation delay lives in the IAM emulation (it owns when a role becomes visible).
 */
export interface FaultOptions {
  /** Requests per second each bucket refills; undefined = no throttling. */
  throttleRatePerSecond?: number;
  /** Bucket size (burst). Defaults to the rate. */
  throttleBurst?: number;
  /** Probability in [0,1] that a request fails with a server error. */
  serverErrorRate?: number;
}

const BUCKET_OF: Record<string, string> = { iam: "iam", sts: "iam", eks: "eks" };

const THROTTLE_ERROR: Record<string, () => AwsError> = {
  // IAM and STS (Query protocol): HTTP 400, code "Throttling" (see TOOLING.md, "AWS wire facts").
  iam: () => new AwsError("Throttling", "Rate exceeded", 400),
  // EKS (REST-JSON): 429 ThrottlingException, the name @smithy's retry classification knows.
  eks: () => new AwsError("ThrottlingException", "Rate exceeded", 429),
};

const SERVER_ERROR: Record<string, () => AwsError> = {
  iam: () =>
    new AwsError("ServiceFailure", "Request processing has failed due to an unknown error.", 500, "Receiver"),
  eks: () => new AwsError("ServerException", "An internal error occurred.", 500, "Receiver"),
};

/** A scripted failure: `operation` (e.g. `iam:PutRolePolicy`) answers `error` for its next `times` calls. */
interface ScriptedFailure {
  operation: string;
  error: () => AwsError;
  remaining: number;
  /** Serve the call, then answer the error: the client never learns that it succeeded (a lost response). */
  afterServing: boolean;
}

export interface Fault {
  error: AwsError;
  afterServing: boolean;
}

export class FaultInjector {
  options: FaultOptions;
  #random: () => number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #scripted: ScriptedFailure[] = [];
  /** Counts of injected faults, for tests and benchmarks. */
  readonly injected = { throttled: 0, serverErrors: 0 };

  constructor(options: FaultOptions, random: () => number, now: () => number = Date.now) {
    this.options = options;
    this.#random = random;
    this.#now = now;
  }

  /** New options (and, with `random`, a new seeded sequence: the same seed replays the same faults). */
  configure(options: FaultOptions, random?: () => number): void {
    this.options = options;
    if (random) this.#random = random;
    this.#buckets.clear();
    this.#scripted = [];
  }

  /** Ends random faults (throttling, server errors); scripted failures stay armed. */
  endRandomFaults(): void {
    this.options = {};
  }

  /**
   * Makes `operation` (`iam:PutRolePolicy`, `eks:CreatePodIdentityAssociation`, …) fail with the
   * given AWS error for its next `times` calls (default: until cleared).
   */
  failOperation(
    operation: string,
    error: { code: string; message: string; status?: number },
    options: { times?: number; afterServing?: boolean } = {},
  ): void {
    this.#scripted.push({
      operation,
      error: () =>
        new AwsError(
          error.code,
          error.message,
          error.status ?? 400,
          (error.status ?? 400) >= 500 ? "Receiver" : "Sender",
        ),
      remaining: options.times ?? Number.POSITIVE_INFINITY,
      afterServing: options.afterServing ?? false,
    });
  }

  /** The fault to answer instead of serving the request, if any. */
  check(signingName: string, accountId: string, operation?: string): Fault | undefined {
    const scripted = operation
      ? this.#scripted.find((f) => f.operation === `${signingName}:${operation}` && f.remaining > 0)
      : undefined;
    if (scripted) {
      scripted.remaining--;
      return { error: scripted.error(), afterServing: scripted.afterServing };
    }
    const random = this.#randomFault(signingName, accountId);
    return random ? { error: random, afterServing: false } : undefined;
  }

  #randomFault(signingName: string, accountId: string): AwsError | undefined {
    const bucketName = BUCKET_OF[signingName];
    if (!bucketName) return undefined;
    const { throttleRatePerSecond, serverErrorRate } = this.options;
    if (
      throttleRatePerSecond !== undefined &&
      !this.#take(`${accountId}/${bucketName}`, throttleRatePerSecond)
    ) {
      this.injected.throttled++;
      return THROTTLE_ERROR[bucketName]?.();
    }
    if (serverErrorRate && this.#random() < serverErrorRate) {
      this.injected.serverErrors++;
      return SERVER_ERROR[bucketName]?.();
    }
    return undefined;
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
