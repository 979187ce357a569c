import { PermanentError, ProvisionerError, RetryableError, ThrottledError } from "../errors.ts";

/**
 * The one place that reads SDK error names. Throttling and server-side failures are retryable;
 * IAM's `LimitExceeded` is a quota (not throttling, although @smithy's retry classification lists
 * `LimitExceededException` among throttling codes) and is permanent.
 */
/** The account's rate: the workflow waits (`ThrottledError`), it does not count these as failures. */
const THROTTLING_NAMES = new Set([
  "Throttling", // IAM/STS: HTTP 400, code Throttling, "Rate exceeded"
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
]);
const RETRYABLE_NAMES = new Set([
  "ServiceFailureException", // IAM 500
  "ServerException", // EKS 500
  "ServiceUnavailableException",
  "InternalFailure",
  "ConcurrentModificationException", // IAM 409: parallel writes to one role
  "EntityTemporarilyUnmodifiableException",
  "TransactionConflictException",
  "TimeoutError",
  "RequestTimeout",
]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);

export interface SdkError {
  name: string;
  message: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function isSdkError(error: unknown, ...names: string[]): error is SdkError {
  return error instanceof Error && (names.length === 0 || names.includes(error.name));
}

export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return THROTTLING_NAMES.has(error.name) || (error as SdkError).$metadata?.httpStatusCode === 429;
}

export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $metadata, code } = error as SdkError;
  const status = $metadata?.httpStatusCode ?? 0;
  return (
    isThrottling(error) || RETRYABLE_NAMES.has(error.name) || status >= 500 || NETWORK_CODES.has(code ?? "")
  );
}

/**
 * Turns anything an adapter caught into the product's taxonomy. `doing` says what was attempted,
 * so the message a person reads in the registry names the operation and the resource.
 */
export function translate(error: unknown, doing: string): ProvisionerError {
  if (error instanceof ProvisionerError) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (isThrottling(error))
    return new ThrottledError(`${doing} was throttled, waiting for the account's rate: ${message}`, {
      cause: error,
    });
  if (isRetryable(error))
    return new RetryableError(`${doing} failed, will retry: ${message}`, { cause: error });
  return new PermanentError(`${doing} failed: ${message}`, { cause: error });
}

/**
 * A field an answer must carry (an id, an ARN): its absence is AWS (or an emulation) breaking its
 * contract, never a value to pass on — an empty id written to the registry would name nothing.
 */
export function required(value: string | undefined, field: string, of: string): string {
  if (value === undefined || value === "") {
    throw new PermanentError(`AWS answered without the ${field} of ${of}; nothing was recorded for it`);
  }
  return value;
}
