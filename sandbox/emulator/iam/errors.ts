import { AwsError } from "../types.ts";

/**
 * IAM's error codes: the one table. `status` is the HTTP status IAM answers with; `exception` is
 * the name CloudTrail logs in `errorCode`.
 *
 * The modelled errors come from the service model (botocore `iam/2010-05-08`, each exception
 * shape's `error.code` and `httpStatusCode`): the wire code is the shape's `error.code`
 * (`NoSuchEntity`, `ReportExpired`), CloudTrail logs the shape's name
 * (`NoSuchEntityException`, `CredentialReportExpiredException`; real records in
 * test/fixtures/cloudtrail/). Codes the model does not list (`ValidationError` from the request
 * validation, `InvalidAction`, `AccessDenied`, …) are logged as they are.
 */
export const IAM_ERROR_CODES = {
  ConcurrentModification: { status: 409, exception: "ConcurrentModificationException" },
  ReportExpired: { status: 410, exception: "CredentialReportExpiredException" },
  ReportNotPresent: { status: 410, exception: "CredentialReportNotPresentException" },
  ReportInProgress: { status: 404, exception: "CredentialReportNotReadyException" },
  DeleteConflict: { status: 409, exception: "DeleteConflictException" },
  DuplicateCertificate: { status: 409, exception: "DuplicateCertificateException" },
  DuplicateSSHPublicKey: { status: 400, exception: "DuplicateSSHPublicKeyException" },
  EntityAlreadyExists: { status: 409, exception: "EntityAlreadyExistsException" },
  EntityTemporarilyUnmodifiable: { status: 409, exception: "EntityTemporarilyUnmodifiableException" },
  FeatureDisabled: { status: 404, exception: "FeatureDisabledException" },
  FeatureEnabled: { status: 409, exception: "FeatureEnabledException" },
  InvalidAuthenticationCode: { status: 403, exception: "InvalidAuthenticationCodeException" },
  InvalidCertificate: { status: 400, exception: "InvalidCertificateException" },
  InvalidInput: { status: 400, exception: "InvalidInputException" },
  InvalidPublicKey: { status: 400, exception: "InvalidPublicKeyException" },
  InvalidUserType: { status: 400, exception: "InvalidUserTypeException" },
  KeyPairMismatch: { status: 400, exception: "KeyPairMismatchException" },
  LimitExceeded: { status: 409, exception: "LimitExceededException" },
  MalformedCertificate: { status: 400, exception: "MalformedCertificateException" },
  MalformedPolicyDocument: { status: 400, exception: "MalformedPolicyDocumentException" },
  NoSuchEntity: { status: 404, exception: "NoSuchEntityException" },
  OpenIdIdpCommunicationError: { status: 400, exception: "OpenIdIdpCommunicationErrorException" },
  PasswordPolicyViolation: { status: 400, exception: "PasswordPolicyViolationException" },
  PolicyEvaluation: { status: 500, exception: "PolicyEvaluationException" },
  PolicyNotAttachable: { status: 400, exception: "PolicyNotAttachableException" },
  ReportGenerationLimitExceeded: { status: 409, exception: "ReportGenerationLimitExceededException" },
  ServiceFailure: { status: 500, exception: "ServiceFailureException" },
  NotSupportedService: { status: 404, exception: "ServiceNotSupportedException" },
  UnmodifiableEntity: { status: 400, exception: "UnmodifiableEntityException" },
  UnrecognizedPublicKeyEncoding: { status: 400, exception: "UnrecognizedPublicKeyEncodingException" },
  // Not modelled. The request validation's errors (Coral), logged as they are.
  ValidationError: { status: 400, exception: "ValidationError" },
  InvalidAction: { status: 400, exception: "InvalidAction" },
  // Throttling: HTTP 400 `Throttling: Rate exceeded` on the wire (TOOLING.md, "AWS wire facts").
  // CloudTrail logs it with the suffix, as it logs IAM's modelled errors and as EKS's
  // `ThrottlingException` reads. Inferred: no public CloudTrail record of a throttled IAM call was found.
  Throttling: { status: 400, exception: "ThrottlingException" },
} as const satisfies Record<string, { status: number; exception: string }>;

export type IamErrorCode = keyof typeof IAM_ERROR_CODES;

/** The `errorCode` CloudTrail logs for an IAM wire error code (unlisted codes as they are). */
export function iamCloudTrailErrorCode(code: string): string {
  return Object.hasOwn(IAM_ERROR_CODES, code) ? IAM_ERROR_CODES[code as IamErrorCode].exception : code;
}

/** An IAM error with the status the table gives its code (500s are the server's fault). */
export function iamError(code: IamErrorCode, message: string): AwsError {
  const { status } = IAM_ERROR_CODES[code];
  return new AwsError(code, message, status, status >= 500 ? "Receiver" : "Sender");
}

// ---------------------------------------------------------------------------------------------
// IAM's messages, as real responses carry them (quoted in public issue trackers and in recorded
// AWS responses, e.g. "The role with name X cannot be found.").

export const validationError = (message: string) => iamError("ValidationError", message);
export const malformedPolicy = (message: string) => iamError("MalformedPolicyDocument", message);
export const invalidInput = (message: string) => iamError("InvalidInput", message);
export const deleteConflict = (message: string) => iamError("DeleteConflict", message);
export const noSuchEntity = (message: string) => iamError("NoSuchEntity", message);
export const alreadyExists = (message: string) => iamError("EntityAlreadyExists", message);
export const quotaExceeded = (quota: string, limit: number) =>
  iamError("LimitExceeded", `Cannot exceed quota for ${quota}: ${limit}`);
export const noSuchRole = (name: string) => noSuchEntity(`The role with name ${name} cannot be found.`);
export const noSuchUser = (name: string) => noSuchEntity(`The user with name ${name} cannot be found.`);
export const policyNotFound = (arn: string) => noSuchEntity(`Policy ${arn} was not found.`);
export const policyVersionNotFound = (arn: string, versionId: string) =>
  noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
/**
 * A policy ARN IAM cannot use. Recorded AWS answers (2026): text that is no ARN at all is a
 * `ValidationError`, an ARN that names something other than a policy `InvalidInput`; both say
 * "ARN X is not valid.".
 */
export const invalidArn = (arn: string, isArn: boolean) =>
  iamError(isArn ? "InvalidInput" : "ValidationError", `ARN ${arn} is not valid.`);
export const duplicateTagKeys = () =>
  invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
/**
 * A tag key with the reserved `aws:` prefix. IAM answers `InvalidInput`; the wording is the one AWS
 * services answer with (EC2: "Tag keys starting with 'aws:' are reserved for internal use"): IAM's
 * own was not found in public sources.
 */
export const reservedTagKey = () =>
  invalidInput("Tag keys starting with 'aws:' are reserved for internal use");
