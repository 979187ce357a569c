import { IAM_XMLNS, parseQueryRequest, renderQueryError, renderQueryResponse } from "../query-protocol.ts";
import {
  AwsError,
  type EmulatedService,
  type EmulatorContext,
  type ServiceRequest,
  type ServiceResponse,
} from "../types.ts";
import { iamError } from "./errors.ts";
import { Input, validateInput } from "./input.ts";
import { routeOf } from "./routes.ts";
import { IamAccount, type IamRole, type IamServiceOptions, type IamSnapshot } from "./state.ts";

export type { IamAccessKey, IamPolicy, IamRole, IamServiceOptions, IamSnapshot, IamUser } from "./state.ts";

/**
 * IAM over the Query protocol, in memory: roles (inline and managed policies, permissions
 * boundaries, tags), customer managed policies, users and access keys — with IAM's validation,
 * error codes and messages, and one CloudTrail record per call, refused calls included.
 *
 * The folder, for finding an operation: `routes.ts` (every action and what it takes) →
 * `roles.ts`, `role-policies.ts`, `tags.ts`, `managed-policies.ts`, `users.ts` (the operations, by
 * resource) → `state.ts` (the account's entities and lookups), `views.ts` (how responses and
 * CloudTrail show them), `input.ts` (request members and their validation), `policy-grammar.ts`,
 * `errors.ts` (the one error-code table), `limits.ts` (quotas and fixed values).
 */
export class IamService implements EmulatedService {
  readonly signingName = "iam";
  readonly #ctx: EmulatorContext;
  readonly #account: IamAccount;
  /** Requests `handle` served (and recorded): the front door's later renderError for them records nothing more. */
  readonly #served = new WeakSet<ServiceRequest>();

  constructor(ctx: EmulatorContext, options: IamServiceOptions = {}) {
    this.#ctx = ctx;
    this.#account = new IamAccount(ctx, options);
  }

  handle(request: ServiceRequest): ServiceResponse {
    this.#served.add(request);
    const params = parseQueryRequest(request);
    const action = params.get("Action") ?? "";
    const route = routeOf(action);
    if (!route) {
      return this.#renderError(
        iamError(
          "InvalidAction",
          `Could not find operation ${action} for version ${params.get("Version") ?? ""}`,
        ),
        request,
      );
    }
    const input = new Input(params, route.input);
    try {
      validateInput(route.input, input);
      const outcome = route.run(this.#account, input, request) ?? {};
      this.#record(action, request, input, { responseElements: outcome.responseElements ?? null });
      return renderQueryResponse({
        action,
        xmlns: IAM_XMLNS,
        requestId: request.requestId,
        result: outcome.result,
      });
    } catch (error) {
      if (!(error instanceof AwsError)) {
        // The front door answers it as InternalFailure (500) and logs it.
        this.#record(action, request, input, {
          error: new AwsError("InternalFailure", String(error), 500, "Receiver"),
        });
        throw error;
      }
      this.#record(action, request, input, { error });
      return this.#renderError(error, request);
    }
  }

  /**
   * Renders an IAM error. For a call the front door refuses before `handle` (an injected throttle
   * or server error), this is also where it gets its CloudTrail record, as on AWS, where throttled
   * calls are logged: the front door needs to do nothing but call `renderError`, as it does.
   */
  renderError(error: AwsError, request: ServiceRequest): ServiceResponse {
    if (!this.#served.has(request)) this.#recordRefused(error, request);
    return this.#renderError(error, request);
  }

  // --- For other emulated services and tests -------------------------------------------------

  setPropagationDelay(ms: number): void {
    this.#account.propagationDelayMs = ms;
  }

  /** Whether other services can see the role yet: it exists and was created at least the propagation delay ago. */
  isRoleVisible(roleArn: string): boolean {
    const role = this.#account.roleByArn(roleArn);
    return (
      role !== undefined && this.#ctx.now().getTime() - role.createdAtMs >= this.#account.propagationDelayMs
    );
  }

  getRoleByArn(arn: string): IamRole | undefined {
    const role = this.#account.roleByArn(arn);
    return role && structuredClone(role);
  }

  getRoleByName(name: string): IamRole | undefined {
    const role = this.#account.roles.get(name.toLowerCase());
    return role && structuredClone(role);
  }

  snapshot(): IamSnapshot {
    return this.#account.snapshot();
  }

  /** Replaces the state with a snapshot's, and the access keys that sign requests with its active ones. */
  restore(snapshot: unknown): void {
    this.#account.restore(snapshot);
  }

  // --- CloudTrail ----------------------------------------------------------------------------

  #renderError(error: AwsError, request: ServiceRequest): ServiceResponse {
    return renderQueryError(error, IAM_XMLNS, request.requestId);
  }

  /**
   * A call refused before it was served: recorded when it names an IAM action and comes from a
   * known identity (a request the front door cannot authenticate has none to show, and CloudTrail
   * does not log it).
   */
  #recordRefused(error: AwsError, request: ServiceRequest): void {
    if (request.caller.arn === "") return;
    const params = parseQueryRequest(request);
    const action = params.get("Action") ?? "";
    const route = routeOf(action);
    if (!route) return;
    this.#record(action, request, new Input(params, route.input), { error });
  }

  /**
   * One API call for CloudTrail: the wire error code as it is (CloudTrail's own `errorCode` form is
   * cloudtrail.ts's business), no responseElements for reads.
   */
  #record(
    action: string,
    request: ServiceRequest,
    input: Input,
    outcome: { responseElements?: Record<string, unknown> | null; error?: AwsError },
  ): void {
    const readOnly = /^(Get|List)/.test(action);
    const { error } = outcome;
    this.#ctx.recordApiCall({
      eventSource: "iam.amazonaws.com",
      eventName: action,
      awsRegion: "us-east-1",
      caller: request.caller,
      requestParameters: input.cloudTrailParameters(),
      responseElements: error || readOnly ? null : (outcome.responseElements ?? null),
      ...(error && { errorCode: error.code, errorMessage: error.message }),
      readOnly,
      requestId: request.requestId,
      eventTime: this.#ctx.now(),
      userAgent: request.headers["user-agent"],
    });
  }
}
