/**
 * The product's error taxonomy. Adapters in `src/aws/` translate SDK errors into these; nothing
 * above them inspects SDK error names. The `name` of each class is what Step Functions sees as the
 * error type, and what the `Retry` / `Catch` blocks in `statemachines/` match on.
 */
export type ErrorCode =
  | "VALIDATION"
  | "CONFLICT"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "RETRYABLE"
  | "THROTTLED"
  | "DEADLINE_EXCEEDED"
  | "ROLE_PROPAGATION"
  | "PERMANENT"
  | "CONFIGURATION";

export class ProvisionerError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "ProvisionerError";
  }
}

export interface FieldProblem {
  /** JSON pointer-like path of the offending field, e.g. `permissions/0/bucket`. */
  field: string;
  reason: string;
}

/** The caller's fault: the request is rejected as a whole and nothing is created. */
export class ValidationError extends ProvisionerError {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[], options?: { cause?: unknown }) {
    super("VALIDATION", problems.map((p) => `${p.field}: ${p.reason}`).join("; "), options);
    this.name = "ValidationError";
    this.problems = problems;
  }
}

/**
 * Another request holds the grant (its lock), or a newer one took it over. A resource that exists
 * and is not the provisioner's is a `PermanentError`: retrying cannot make it ours.
 */
export class ConflictError extends ProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CONFLICT", message, options);
    this.name = "ConflictError";
  }
}

/** One rule of the tenancy that refused a request, and why. */
export interface Refusal {
  /** The rule: `caller`, `cluster`, `namespace`, `permissions[0].bucket`, `targetRoleArn`, `maxGrants`, … */
  rule: string;
  reason: string;
}

/** The caller may not do this (tenancy): nothing is created. The message names every rule that refused it. */
export class ForbiddenError extends ProvisionerError {
  readonly refusals: Refusal[];
  constructor(summary: string, refusals: Refusal[], options?: { cause?: unknown }) {
    super("FORBIDDEN", `${summary}: ${refusals.map((r) => `${r.rule}: ${r.reason}`).join("; ")}`, options);
    this.name = "ForbiddenError";
    this.refusals = refusals;
  }
}

export class NotFoundError extends ProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("NOT_FOUND", message, options);
    this.name = "NotFoundError";
  }
}

/** Throttling, a 5xx, a concurrent modification: the workflow retries with backoff and jitter. */
export class RetryableError extends ProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("RETRYABLE", message, options);
    this.name = "RetryableError";
  }
}

/**
 * The account is busy: AWS throttled the call (IAM's control plane is one per account and shared
 * by everything in it). Not a failure: the workflow waits its turn — retries with backoff and
 * jitter, without a small attempt cap — until the grant's deadline (`DeadlineExceededError`).
 */
export class ThrottledError extends ProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("THROTTLED", message, options);
    this.name = "ThrottledError";
  }
}

/** A grant waited for AWS's rate past its deadline: it is rolled back, and the message says so. */
export class DeadlineExceededError extends ProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("DEADLINE_EXCEEDED", message, options);
    this.name = "DeadlineExceededError";
  }
}

/**
 * A new IAM role is not yet visible to EKS ("Role provided in the request does not exist"). IAM is
 * eventually consistent; it usually takes seconds, at times up to a minute. The workflow retries
 * this for about two minutes, as Terraform's AWS provider does.
 */
export class RolePropagationError extends ProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("ROLE_PROPAGATION", message, options);
    this.name = "RolePropagationError";
  }
}

/**
 * Retrying cannot help: stop and roll back. The message says what a person must do. Also: a role or
 * association that exists and is not this grant's, and a registry record that disagrees with its key.
 */
export class PermanentError extends ProvisionerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("PERMANENT", message, options);
    this.name = "PermanentError";
  }
}

export class ConfigurationError extends ProvisionerError {
  constructor(message: string) {
    super("CONFIGURATION", message);
    this.name = "ConfigurationError";
  }
}
