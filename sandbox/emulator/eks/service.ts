import { restJsonError } from "../json-protocol.ts";
import {
  type ApiCall,
  AwsError,
  type EmulatedService,
  type EmulatorContext,
  type ServiceRequest,
  type ServiceResponse,
} from "../types.ts";
import { addCluster } from "./clusters.ts";
import { EksError } from "./errors.ts";
import { parseBody } from "./input.ts";
import { matchRoute } from "./routes.ts";
import { clusterKey, EksState, partition } from "./state.ts";
import {
  type Body,
  DEFAULT_ASSOCIATIONS_PER_CLUSTER,
  DEFAULT_CLUSTER_REGION,
  type Eks,
  type EksOptions,
  type RoleDirectory,
} from "./types.ts";

/**
 * Amazon EKS, REST-JSON: clusters and EKS Pod Identity associations, as the unmodified
 * `@aws-sdk/client-eks` (and botocore) send and parse them. This class is the service's door:
 * it routes a request by the route table (routes.ts), runs the operation (clusters.ts,
 * pod-identity-associations.ts, tags.ts) on the state (state.ts), renders the answer (views.ts)
 * and reports the call to CloudTrail.
 */
export class EksService implements EmulatedService {
  readonly signingName = "eks";
  readonly #eks: Eks;

  constructor(ctx: EmulatorContext, roles: RoleDirectory, options: EksOptions = {}) {
    this.#eks = {
      ctx,
      state: new EksState(),
      roles,
      associationsPerCluster: options.associationsPerCluster ?? DEFAULT_ASSOCIATIONS_PER_CLUSTER,
    };
  }

  /** The operation of the route the request matches: every route is nameable for scripted faults. */
  operationOf(request: ServiceRequest): string | undefined {
    return matchRoute(request.method, request.path)?.route.operation;
  }

  handle(request: ServiceRequest): ServiceResponse {
    const match = matchRoute(request.method, request.path);
    if (!match) {
      throw new AwsError(
        "UnknownOperationException",
        `No EKS operation at ${request.method} ${request.path}`,
        404,
      );
    }
    const { route, params, rawParams } = match;
    let body: Body | null = null;
    try {
      body = parseBody(request.body);
      const response = route.run({ eks: this.#eks, request, params, body });
      this.#record(route.operation, request, requestParameters(rawParams, request.query, body), response);
      return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(response) };
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      this.#record(route.operation, request, requestParameters(rawParams, request.query, body), error);
      return renderJsonError(error);
    }
  }

  /** Errors the front door raises before `handle` (injected faults, sandbox failures) are recorded too: CloudTrail logs throttled calls. */
  renderError(error: AwsError, request: ServiceRequest): ServiceResponse {
    const match = matchRoute(request.method, request.path);
    // An unknown access key has no identity for CloudTrail to show.
    if (match && request.caller.arn !== "") {
      this.#record(
        match.route.operation,
        request,
        requestParameters(match.rawParams, request.query, null),
        error,
      );
    }
    return renderJsonError(error);
  }

  snapshot(): unknown {
    return this.#eks.state.snapshot();
  }

  restore(snapshot: unknown): void {
    this.#eks.state.restore(snapshot);
  }

  /** An ACTIVE cluster for the sandbox, without a CloudTrail event. Returns its ARN. */
  seedCluster(name: string, region: string = DEFAULT_CLUSTER_REGION): string {
    const existing = this.#eks.state.clusters.get(clusterKey(region, name));
    if (existing) return existing.arn;
    const roleArn = `arn:${partition(region)}:iam::${this.#eks.ctx.accountId}:role/${name}-cluster-role`;
    return addCluster(this.#eks, region, name, roleArn, {}, undefined, {}).arn;
  }

  #record(
    operation: string,
    request: ServiceRequest,
    parameters: Body | null,
    outcome: Body | AwsError,
  ): void {
    const failed = outcome instanceof AwsError;
    const call: ApiCall = {
      eventSource: "eks.amazonaws.com",
      eventName: operation,
      awsRegion: request.region,
      caller: request.caller,
      requestParameters: parameters,
      responseElements: failed ? null : outcome,
      readOnly: /^(Describe|List)/.test(operation),
      requestId: request.requestId,
      eventTime: this.#eks.ctx.now(),
    };
    if (failed) {
      call.errorCode = outcome.code;
      call.errorMessage = outcome.message;
    }
    const userAgent = request.headers["user-agent"];
    if (userAgent) call.userAgent = userAgent;
    this.#eks.ctx.recordApiCall(call);
  }
}

function renderJsonError(error: AwsError): ServiceResponse {
  return restJsonError(error, error instanceof EksError ? error.fields : {});
}

/** CloudTrail's requestParameters: path parameters as sent (ARNs stay URL-encoded), then query and body members. */
function requestParameters(
  rawParams: Record<string, string>,
  query: URLSearchParams,
  body: Body | null,
): Body {
  const parameters: Body = { ...rawParams };
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    if (key === "tagKeys") parameters[key] = values;
    else if (key === "maxResults") parameters[key] = Number(values[0]);
    else parameters[key] = values[0];
  }
  return { ...parameters, ...body };
}
