import {
  parseQueryRequest,
  queryAction,
  renderQueryError,
  renderQueryResponse,
  STS_XMLNS,
} from "./query-protocol.ts";
import {
  AwsError,
  type EmulatedService,
  type EmulatorContext,
  type ServiceRequest,
  type ServiceResponse,
} from "./types.ts";

/**
 * STS over the Query protocol: GetCallerIdentity, which answers with the identity that signed the
 * request, as AWS does — an IAM user as `AIDA…` / `arn:aws:iam::<account>:user/<path><name>`, a role
 * session as `AROA…:<session>` / `arn:aws:sts::<account>:assumed-role/<role>/<session>`, the root
 * user as `<account>` / `arn:aws:iam::<account>:root`: CloudTrail's principalId and arn.
 */
export class StsService implements EmulatedService {
  readonly signingName = "sts";
  readonly #ctx: EmulatorContext;

  constructor(ctx: EmulatorContext) {
    this.#ctx = ctx;
  }

  operationOf(request: ServiceRequest): string | undefined {
    return queryAction(request);
  }

  handle(request: ServiceRequest): ServiceResponse {
    const params = parseQueryRequest(request);
    const action = params.get("Action") ?? "";
    if (action !== "GetCallerIdentity") {
      throw new AwsError(
        "InvalidAction",
        `Could not find operation ${action} for version ${params.get("Version") ?? ""}`,
      );
    }
    const { caller } = request;
    this.#ctx.recordApiCall({
      eventSource: "sts.amazonaws.com",
      eventName: action,
      awsRegion: request.region,
      caller,
      requestParameters: null,
      responseElements: null,
      readOnly: true,
      requestId: request.requestId,
      eventTime: this.#ctx.now(),
      userAgent: request.headers["user-agent"],
    });
    return renderQueryResponse({
      action,
      xmlns: STS_XMLNS,
      requestId: request.requestId,
      result: { UserId: caller.principalId, Account: caller.accountId, Arn: caller.arn },
    });
  }

  renderError(error: AwsError, request: ServiceRequest): ServiceResponse {
    return renderQueryError(error, STS_XMLNS, request.requestId);
  }
}
