/**
 * The contract between the local AWS emulation's HTTP front door (`server.ts`) and each emulated
 * service (`iam/`, `sts.ts`, `eks/`, …). A service never touches sockets: it gets a parsed,
 * authenticated request and returns a status, headers and body exactly as AWS would put them on
 * the wire, so the unmodified AWS SDK clients parse them as they parse AWS.
 */

/** The caller, as CloudTrail's `userIdentity` shows it (see test/fixtures/cloudtrail/README.md). */
export interface Identity {
  type: "IAMUser" | "AssumedRole" | "Root";
  principalId: string;
  arn: string;
  accountId: string;
  accessKeyId: string;
  /** IAMUser only. */
  userName?: string;
  /** AssumedRole only: the role behind the session. */
  sessionIssuer?: {
    type: "Role";
    principalId: string;
    arn: string;
    accountId: string;
    userName: string;
  };
}

export interface ServiceRequest {
  method: string;
  /** URL path, not decoded (e.g. `/clusters/demo/pod-identity-associations`). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
  /** Region from the SigV4 credential scope. */
  region: string;
  caller: Identity;
  /** The `x-amzn-RequestId` the server will send; also CloudTrail's `requestID`. */
  requestId: string;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** An AWS error as a service returns it: `code` is the wire error code (`NoSuchEntity`, `ResourceInUseException`). */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** Query-protocol `<Type>`: Sender (client fault) or Receiver (server fault). */
  readonly fault: "Sender" | "Receiver";
  constructor(code: string, message: string, status = 400, fault: "Sender" | "Receiver" = "Sender") {
    super(message);
    this.name = "AwsError";
    this.code = code;
    this.status = status;
    this.fault = fault;
  }
}

/** One API call, as the emulation reports it so that CloudTrail records can be made from it. */
export interface ApiCall {
  eventSource: "iam.amazonaws.com" | "sts.amazonaws.com" | "eks.amazonaws.com";
  eventName: string;
  /** `us-east-1` for IAM (a global service), the request's region otherwise. */
  awsRegion: string;
  caller: Identity;
  /** lowerCamelCase API member names, as CloudTrail logs them; policy documents as the JSON strings the client sent. */
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  readOnly: boolean;
  requestId: string;
  eventTime: Date;
  userAgent?: string;
}

/** What every service gets from the emulation: the account, a clock, randomness, identities, a CloudTrail sink. */
export interface EmulatorContext {
  accountId: string;
  /** The clock; tests may move it. */
  now(): Date;
  /** Seeded randomness (ids, fault schedules): the same seed replays the same run. */
  random(): number;
  identities: IdentityStore;
  /** Report a call (successful or failed): mutating calls become CloudTrail events. */
  recordApiCall(call: ApiCall): void;
}

/** What an access key signs with, besides its id: its secret, and a temporary key's session token. */
export interface Credentials {
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Access keys → identities and their secrets: the front door checks each request's signature
 * against the secret held here, and tells the provisioner's own calls from a person's by the key
 * that signed them.
 */
export interface IdentityStore {
  resolve(accessKeyId: string): Identity | undefined;
  /** The key's secret (and session token); undefined when the key was registered without them. */
  credentialsOf(accessKeyId: string): Credentials | undefined;
  /**
   * Makes the key sign as `identity`. Without `credentials` the store has no secret to check a
   * signature against, so every request the key signs is refused (SignatureDoesNotMatch).
   */
  register(identity: Identity, credentials?: Credentials): void;
  remove(accessKeyId: string): void;
}

/** How a request and its answer are put on the wire: Query/XML (IAM, STS), AWS JSON 1.0/1.1, REST-JSON (EKS). */
export type WireProtocol = "query" | "json" | "rest-json";

export interface EmulatedService {
  /** SigV4 signing name: `iam`, `sts`, `eks`. */
  readonly signingName: string;
  /**
   * The API operation a request is (`GetCallerIdentity`, `CreatePodIdentityAssociation`), read
   * from the service's own routing, or undefined when the service serves no such operation: how
   * scripted faults name what they fail. A service of the Query or JSON protocols may leave it
   * out: its requests name their operation (`Action`, `X-Amz-Target`) and the front door reads
   * that. A REST service must say it, from its route table.
   */
  operationOf?(request: ServiceRequest): string | undefined;
  handle(request: ServiceRequest): Promise<ServiceResponse> | ServiceResponse;
  /** Renders an error in this service's wire protocol (used for the service's own errors and for injected faults). */
  renderError(error: AwsError, request: ServiceRequest): ServiceResponse;
}
