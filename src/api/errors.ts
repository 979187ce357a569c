import { type FieldProblem, ForbiddenError, type Refusal, ValidationError } from "../errors.ts";
import { CATALOG } from "../policy/catalog.ts";

/**
 * The HTTP API's one error format (`schemas/api/error.schema.json`): every failure, whatever raised
 * it, becomes `{ error: { code, message, requestId, … } }` with its status. Nothing internal (a stack,
 * an SDK message) reaches a 500: its message is fixed, and the request id finds it in the logs.
 */
export type ApiErrorCode =
  | "ValidationError"
  | "UnknownTemplate"
  | "Forbidden"
  | "NotFound"
  | "MethodNotAllowed"
  | "Conflict"
  | "PayloadTooLarge"
  | "UnsupportedMediaType"
  | "IdempotencyKeyReused"
  | "InternalError";

const STATUS: Record<ApiErrorCode, number> = {
  ValidationError: 400,
  UnknownTemplate: 400,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  IdempotencyKeyReused: 422,
  InternalError: 500,
};

export interface ApiErrorDetails {
  fields?: FieldProblem[];
  refusals?: Refusal[];
  executionArn?: string;
  validTemplates?: string[];
}

/** A failure the API answers as it is: its code, status and message are the caller's to read. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: ApiErrorDetails;
  constructor(code: ApiErrorCode, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; requestId: string } & ApiErrorDetails;
}

/** Any error → the API's answer. `internal` is told of what is not the caller's fault (to log it). */
export function errorResponse(
  error: unknown,
  requestId: string,
  internal: (error: unknown) => void,
): { status: number; body: ErrorBody } {
  const api = asApiError(error);
  if (!api) {
    internal(error);
    return {
      status: 500,
      body: {
        error: {
          code: "InternalError",
          message: `The request failed inside the provisioner; nothing was started. Quote request id ${requestId} when reporting it.`,
          requestId,
        },
      },
    };
  }
  return {
    status: api.status,
    body: { error: { code: api.code, message: api.message, requestId, ...api.details } },
  };
}

function asApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof ValidationError) {
    const unknownTemplate = error.problems.some((p) =>
      p.reason.startsWith("must be one of the catalog templates"),
    );
    return unknownTemplate
      ? new ApiError("UnknownTemplate", `Unknown template: ${error.message}`, {
          fields: error.problems,
          validTemplates: Object.keys(CATALOG),
        })
      : new ApiError("ValidationError", `The request is invalid: ${error.message}`, {
          fields: error.problems,
        });
  }
  if (error instanceof ForbiddenError)
    return new ApiError("Forbidden", error.message, { refusals: error.refusals });
  return undefined;
}
