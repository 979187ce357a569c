import { randomString } from "./random.ts";
import {
  type ApiCall,
  AwsError,
  type EmulatedService,
  type EmulatorContext,
  type ServiceRequest,
  type ServiceResponse,
} from "./types.ts";

/**
 * Amazon EKS, REST-JSON: clusters and EKS Pod Identity associations, as the unmodified
 * `@aws-sdk/client-eks` (and botocore) send and parse them. Routes, members and error shapes
 * follow the service model (`@aws-sdk/client-eks` 3.1169, botocore `eks/2017-11-01`).
 *
 * Simplifications, on purpose: a created cluster is ACTIVE at once and a deleted one is gone at
 * once (AWS takes minutes); clusters have no node groups, so DeleteCluster never refuses; the
 * IAM checks EKS makes are reduced to "is the role visible yet" (no trust-policy check).
 */

/** What EKS asks IAM: the IAM emulation owns when a new role becomes visible (propagation). */
export interface RoleDirectory {
  isRoleVisible(roleArn: string): boolean;
}

export interface EksOptions {
  /** EKS User Guide, Pod Identity "Limits": "Up to 5,000 EKS Pod Identity associations per cluster". */
  associationsPerCluster?: number;
}

export const DEFAULT_ASSOCIATIONS_PER_CLUSTER = 5000;
export const DEFAULT_CLUSTER_REGION = "us-east-1";

interface Cluster {
  name: string;
  region: string;
  arn: string;
  roleArn: string;
  version: string;
  createdAt: number;
  endpoint: string;
  oidcIssuer: string;
  resourcesVpcConfig: Record<string, unknown>;
  tags: Record<string, string>;
}

interface Association {
  clusterName: string;
  region: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  associationArn: string;
  associationId: string;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  disableSessionTags: boolean;
  targetRoleArn?: string;
  externalId?: string;
  policy?: string;
  /** Creation order: the list order and the pagination cursor. */
  sequence: number;
}

/** A clientRequestToken seen before: the request it came with and what it produced. */
interface TokenUse {
  fingerprint: string;
  associationId: string;
}

interface EksState {
  clusters: Cluster[];
  associations: Association[];
  tokens: [string, TokenUse][];
  sequence: number;
}

/** An EKS error; `fields` are the error shape's extra members (`clusterName`, …) put in the body. */
export class EksError extends AwsError {
  readonly fields: Record<string, string>;
  constructor(code: string, message: string, status: number, fields: Record<string, string> = {}) {
    super(code, message, status);
    this.fields = fields;
  }
}

const invalidParameter = (message: string) => new EksError("InvalidParameterException", message, 400);
const invalidRequest = (message: string) => new EksError("InvalidRequestException", message, 400);
const notFound = (message: string) => new EksError("ResourceNotFoundException", message, 404);
const badRequest = (message: string) => new EksError("BadRequestException", message, 400);

// Messages confirmed against real EKS output (see the fidelity tests for sources).
const clusterNotFound = (name: string) => notFound(`No cluster found for name: ${name}.`);
const roleNotVisible = () => invalidParameter("Role provided in the request does not exist");

type Body = Record<string, unknown>;

interface Call {
  request: ServiceRequest;
  /** Decoded path parameters. */
  params: Record<string, string>;
  body: Body;
}

interface Route {
  method: string;
  /** Path segments; `{x}` binds a parameter. */
  segments: string[];
  operation: string;
  run(call: Call): Body;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const EKS_ARN =
  /^arn:aws(-[a-z]+)*:eks:([a-z0-9-]+):(\d{12}):(cluster\/[^/]+|podidentityassociation\/[^/]+\/[^/]+)$/;
const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

export class EksService implements EmulatedService {
  readonly signingName = "eks";
  readonly #ctx: EmulatorContext;
  readonly #roles: RoleDirectory;
  readonly #associationsPerCluster: number;
  readonly #routes: Route[];
  #clusters = new Map<string, Cluster>();
  #associations = new Map<string, Association>();
  #tokens = new Map<string, TokenUse>();
  #sequence = 0;

  constructor(ctx: EmulatorContext, roles: RoleDirectory, options: EksOptions = {}) {
    this.#ctx = ctx;
    this.#roles = roles;
    this.#associationsPerCluster = options.associationsPerCluster ?? DEFAULT_ASSOCIATIONS_PER_CLUSTER;
    const associations = "clusters/{name}/pod-identity-associations";
    const association = `${associations}/{associationId}`;
    this.#routes = [
      route("POST", "clusters", "CreateCluster", (c) => this.#createCluster(c)),
      route("GET", "clusters", "ListClusters", (c) => this.#listClusters(c)),
      route("GET", "clusters/{name}", "DescribeCluster", (c) => ({ cluster: this.#describeCluster(c) })),
      route("DELETE", "clusters/{name}", "DeleteCluster", (c) => this.#deleteCluster(c)),
      route("POST", associations, "CreatePodIdentityAssociation", (c) => this.#createAssociation(c)),
      route("GET", associations, "ListPodIdentityAssociations", (c) => this.#listAssociations(c)),
      route("GET", association, "DescribePodIdentityAssociation", (c) => ({
        association: view(this.#association(c)),
      })),
      route("POST", association, "UpdatePodIdentityAssociation", (c) => this.#updateAssociation(c)),
      route("DELETE", association, "DeletePodIdentityAssociation", (c) => this.#deleteAssociation(c)),
      route("POST", "tags/{resourceArn}", "TagResource", (c) => this.#tagResource(c)),
      route("GET", "tags/{resourceArn}", "ListTagsForResource", (c) => ({
        tags: { ...this.#tagged(c).tags },
      })),
      route("DELETE", "tags/{resourceArn}", "UntagResource", (c) => this.#untagResource(c)),
    ];
  }

  handle(request: ServiceRequest): ServiceResponse {
    const match = this.#match(request);
    if (!match) {
      throw new AwsError(
        "UnknownOperationException",
        `No EKS operation at ${request.method} ${request.path}`,
        404,
      );
    }
    const { route, params } = match;
    let body: Body | null = null;
    try {
      body = parseBody(request.body);
      const response = route.run({ request, params, body });
      this.#record(
        route.operation,
        request,
        requestParameters(match.rawParams, request.query, body),
        response,
      );
      return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(response) };
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      this.#record(route.operation, request, requestParameters(match.rawParams, request.query, body), error);
      return renderJsonError(error);
    }
  }

  /** Errors the front door raises before `handle` (injected faults, sandbox failures) are recorded too: CloudTrail logs throttled calls. */
  renderError(error: AwsError, request: ServiceRequest): ServiceResponse {
    const match = this.#match(request);
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
    const state: EksState = {
      clusters: [...this.#clusters.values()],
      associations: [...this.#associations.values()],
      tokens: [...this.#tokens.entries()],
      sequence: this.#sequence,
    };
    return structuredClone(state);
  }

  restore(snapshot: unknown): void {
    const state = structuredClone(snapshot) as EksState; // produced by snapshot()
    this.#clusters = new Map(state.clusters.map((c) => [clusterKey(c.region, c.name), c]));
    this.#associations = new Map(state.associations.map((a) => [a.associationId, a]));
    this.#tokens = new Map(state.tokens);
    this.#sequence = state.sequence;
  }

  /** An ACTIVE cluster for the sandbox, without a CloudTrail event. Returns its ARN. */
  seedCluster(name: string, region: string = DEFAULT_CLUSTER_REGION): string {
    const existing = this.#clusters.get(clusterKey(region, name));
    if (existing) return existing.arn;
    const roleArn = `arn:${partition(region)}:iam::${this.#ctx.accountId}:role/${name}-cluster-role`;
    return this.#addCluster(region, name, roleArn, {}, undefined, {}).arn;
  }

  // ---- clusters -------------------------------------------------------------------------------

  #createCluster({ request, body }: Call): Body {
    const name = requiredString(body, "name");
    if (!CLUSTER_NAME.test(name)) {
      throw invalidParameter(
        `Cluster name ${name} must satisfy regular expression pattern: [0-9A-Za-z][A-Za-z0-9\\-_]*`,
      );
    }
    const roleArn = requiredString(body, "roleArn");
    // moto's EKS backend (messages "obtained through cURL responses from the actual APIs").
    if (!ROLE_ARN.test(roleArn)) throw invalidParameter(`Invalid Role Arn: '${roleArn}'`);
    const vpc = body.resourcesVpcConfig;
    if (typeof vpc !== "object" || vpc === null) throw invalidParameter("resourcesVpcConfig is required");
    if (this.#clusters.has(clusterKey(request.region, name))) {
      throw new EksError("ResourceInUseException", `Cluster already exists with name: ${name}`, 409, {
        clusterName: name,
      });
    }
    const tags = optionalTags(body, invalidParameter) ?? {};
    const version = optionalString(body, "version");
    const cluster = this.#addCluster(request.region, name, roleArn, vpc as Body, version, tags);
    return { cluster: clusterView(cluster, "ACTIVE") };
  }

  #listClusters({ request }: Call): Body {
    const names = [...this.#clusters.values()]
      .filter((c) => c.region === request.region)
      .map((c) => c.name)
      .sort();
    const { page, nextToken } = paginate(names, (name) => name, request.query);
    return withNextToken({ clusters: page }, nextToken);
  }

  #describeCluster({ request, params }: Call): Body {
    return clusterView(this.#cluster(request.region, params.name ?? ""), "ACTIVE");
  }

  // Associations go with their cluster: the DeleteCluster reference asks to delete node groups and
  // Fargate profiles first, not Pod Identity associations.
  #deleteCluster(call: Call): Body {
    const cluster = this.#cluster(call.request.region, call.params.name ?? "");
    for (const association of this.#associationsOf(cluster))
      this.#associations.delete(association.associationId);
    this.#clusters.delete(clusterKey(cluster.region, cluster.name));
    return { cluster: clusterView(cluster, "DELETING") };
  }

  #addCluster(
    region: string,
    name: string,
    roleArn: string,
    vpc: Body,
    version: string | undefined,
    tags: Record<string, string>,
  ): Cluster {
    const id = this.#randomString(HEX, 32).toUpperCase();
    const cluster: Cluster = {
      name,
      region,
      arn: `arn:${partition(region)}:eks:${region}:${this.#ctx.accountId}:cluster/${name}`,
      roleArn,
      version: version ?? "1.33",
      createdAt: this.#ctx.now().getTime(),
      endpoint: `https://${id}.gr7.${region}.eks.amazonaws.com`,
      oidcIssuer: `https://oidc.eks.${region}.amazonaws.com/id/${id}`,
      resourcesVpcConfig: {
        subnetIds: vpc.subnetIds ?? [],
        securityGroupIds: vpc.securityGroupIds ?? [],
        clusterSecurityGroupId: `sg-${this.#randomString(HEX, 17)}`,
        vpcId: `vpc-${this.#randomString(HEX, 17)}`,
        endpointPublicAccess: vpc.endpointPublicAccess ?? true,
        endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
        publicAccessCidrs: vpc.publicAccessCidrs ?? ["0.0.0.0/0"],
      },
      tags,
    };
    this.#clusters.set(clusterKey(region, name), cluster);
    return cluster;
  }

  #cluster(region: string, name: string): Cluster {
    const cluster = this.#clusters.get(clusterKey(region, name));
    if (!cluster) throw clusterNotFound(name);
    return cluster;
  }

  #associationsOf(cluster: Cluster): Association[] {
    return [...this.#associations.values()].filter(
      (a) => a.region === cluster.region && a.clusterName === cluster.name,
    );
  }

  // ---- Pod Identity associations --------------------------------------------------------------

  #createAssociation({ request, params, body }: Call): Body {
    const namespace = requiredString(body, "namespace");
    const serviceAccount = requiredString(body, "serviceAccount");
    const roleArn = requiredString(body, "roleArn");
    const targetRoleArn = optionalString(body, "targetRoleArn");
    const policy = optionalString(body, "policy");
    const disableSessionTags = optionalBoolean(body, "disableSessionTags") ?? false;
    const tags = optionalTags(body, invalidParameter) ?? {};
    const token = optionalString(body, "clientRequestToken");
    validateKubernetesNames(namespace, serviceAccount);
    validateRoleArn("roleArn", roleArn);
    if (targetRoleArn !== undefined) validateRoleArn("targetRoleArn", targetRoleArn);
    validateSessionPolicy(policy, disableSessionTags);
    const cluster = this.#cluster(request.region, params.name ?? "");

    const fingerprint = JSON.stringify([
      namespace,
      serviceAccount,
      roleArn,
      targetRoleArn,
      policy,
      disableSessionTags,
      sorted(tags),
    ]);
    const replay = this.#replay(token && `${cluster.arn}|create|${token}`, fingerprint);
    if (replay) return { association: view(replay) };

    const existing = this.#associationsOf(cluster).find(
      (a) => a.namespace === namespace && a.serviceAccount === serviceAccount,
    );
    // Real message: "ResourceInUseException: Association already exists: a-dt1bedfjc72dlwp5n".
    if (existing) {
      throw new EksError(
        "ResourceInUseException",
        `Association already exists: ${existing.associationId}`,
        409,
      );
    }
    if (this.#associationsOf(cluster).length >= this.#associationsPerCluster) {
      throw new EksError(
        "ResourceLimitExceededException",
        `Cannot create more than ${this.#associationsPerCluster} Pod Identity associations in cluster ${cluster.name}`,
        400,
        { clusterName: cluster.name },
      );
    }
    this.#checkRolesVisible(roleArn, targetRoleArn);

    const associationId = this.#newAssociationId();
    const now = this.#ctx.now().getTime();
    const association: Association = {
      clusterName: cluster.name,
      region: cluster.region,
      namespace,
      serviceAccount,
      roleArn,
      associationArn: `arn:${partition(cluster.region)}:eks:${cluster.region}:${this.#ctx.accountId}:podidentityassociation/${cluster.name}/${associationId}`,
      associationId,
      tags,
      createdAt: now,
      modifiedAt: now,
      disableSessionTags,
      sequence: ++this.#sequence,
    };
    if (targetRoleArn) {
      association.targetRoleArn = targetRoleArn;
      association.externalId = this.#uuid();
    }
    if (policy) association.policy = policy;
    this.#associations.set(associationId, association);
    if (token) this.#tokens.set(`${cluster.arn}|create|${token}`, { fingerprint, associationId });
    return { association: view(association) };
  }

  #listAssociations(call: Call): Body {
    const cluster = this.#cluster(call.request.region, call.params.name ?? "");
    const namespace = call.request.query.get("namespace");
    const serviceAccount = call.request.query.get("serviceAccount");
    const matching = this.#associationsOf(cluster)
      .filter((a) => namespace === null || a.namespace === namespace)
      .filter((a) => serviceAccount === null || a.serviceAccount === serviceAccount)
      .sort((a, b) => a.sequence - b.sequence);
    const { page, nextToken } = paginate(matching, (a) => a.sequence, call.request.query);
    return withNextToken({ associations: page.map(summary) }, nextToken);
  }

  #updateAssociation(call: Call): Body {
    const { body } = call;
    const roleArn = optionalString(body, "roleArn");
    const targetRoleArn = optionalString(body, "targetRoleArn");
    const policy = optionalString(body, "policy");
    const disableSessionTags = optionalBoolean(body, "disableSessionTags");
    const token = optionalString(body, "clientRequestToken");
    if (roleArn !== undefined) validateRoleArn("roleArn", roleArn);
    if (targetRoleArn) validateRoleArn("targetRoleArn", targetRoleArn);
    const association = this.#association(call);

    const fingerprint = JSON.stringify([roleArn, targetRoleArn, policy, disableSessionTags]);
    const tokenKey = token && `${association.associationArn}|update|${token}`;
    const replay = this.#replay(tokenKey, fingerprint);
    if (replay) return { association: view(replay) };

    // An empty string clears targetRoleArn / policy; an absent member leaves it as it is.
    const next = {
      roleArn: roleArn ?? association.roleArn,
      targetRoleArn: targetRoleArn === undefined ? association.targetRoleArn : targetRoleArn || undefined,
      policy: policy === undefined ? association.policy : policy || undefined,
      disableSessionTags: disableSessionTags ?? association.disableSessionTags,
    };
    validateSessionPolicy(next.policy, next.disableSessionTags);
    this.#checkRolesVisible(next.roleArn, next.targetRoleArn);

    association.roleArn = next.roleArn;
    association.disableSessionTags = next.disableSessionTags;
    setOrDelete(association, "policy", next.policy);
    if (next.targetRoleArn !== association.targetRoleArn) {
      setOrDelete(association, "targetRoleArn", next.targetRoleArn);
      setOrDelete(association, "externalId", next.targetRoleArn && (association.externalId ?? this.#uuid()));
    }
    association.modifiedAt = this.#ctx.now().getTime();
    if (tokenKey) this.#tokens.set(tokenKey, { fingerprint, associationId: association.associationId });
    return { association: view(association) };
  }

  // The AWS CLI example (delete-pod-identity-association.rst) returns modifiedAt = the deletion time.
  #deleteAssociation(call: Call): Body {
    const association = this.#association(call);
    this.#associations.delete(association.associationId);
    association.modifiedAt = this.#ctx.now().getTime();
    return { association: view(association) };
  }

  #association({ request, params }: Call): Association {
    const cluster = this.#cluster(request.region, params.name ?? "");
    const id = params.associationId ?? "";
    // Real message (aws-samples/eks-workshop-v2#882, DeletePodIdentityAssociation).
    if (id.length !== 19) throw invalidParameter("The parameter associationId should be 19 characters long.");
    const association = this.#associations.get(id);
    if (!association || association.region !== cluster.region || association.clusterName !== cluster.name) {
      throw notFound(`No Pod Identity Association found for id: ${id}.`);
    }
    return association;
  }

  /** The association an earlier request with this token produced, if it is the same request. */
  #replay(tokenKey: string | undefined, fingerprint: string): Association | undefined {
    const use = tokenKey ? this.#tokens.get(tokenKey) : undefined;
    if (!use) return undefined;
    if (use.fingerprint !== fingerprint) {
      throw invalidRequest(
        "The client request token has already been used for a request with different parameters.",
      );
    }
    return this.#associations.get(use.associationId);
  }

  // A target role may live in another account, which EKS cannot look into: only same-account
  // roles are checked.
  #checkRolesVisible(roleArn: string, targetRoleArn: string | undefined): void {
    if (!this.#roles.isRoleVisible(roleArn)) throw roleNotVisible();
    if (
      targetRoleArn &&
      accountOf(targetRoleArn) === this.#ctx.accountId &&
      !this.#roles.isRoleVisible(targetRoleArn)
    ) {
      throw roleNotVisible();
    }
  }

  // ---- tags -----------------------------------------------------------------------------------

  #tagResource(call: Call): Body {
    const resource = this.#tagged(call);
    const tags = optionalTags(call.body, badRequest);
    if (!tags) throw badRequest("tags is required");
    Object.assign(resource.tags, tags);
    return {};
  }

  #untagResource(call: Call): Body {
    const resource = this.#tagged(call);
    for (const key of call.request.query.getAll("tagKeys")) delete resource.tags[key];
    return {};
  }

  #tagged({ params }: Call): { tags: Record<string, string> } {
    const arn = params.resourceArn ?? "";
    const match = EKS_ARN.exec(arn);
    if (!match) throw badRequest(`${arn} is not a valid EKS resource ARN`);
    const resource =
      [...this.#clusters.values()].find((c) => c.arn === arn) ??
      [...this.#associations.values()].find((a) => a.associationArn === arn);
    if (!resource) throw new EksError("NotFoundException", `Resource ${arn} not found`, 404);
    return resource;
  }

  // ---- plumbing -------------------------------------------------------------------------------

  #match(request: ServiceRequest) {
    const segments = request.path.split("/").filter((s) => s !== "");
    for (const candidate of this.#routes) {
      if (candidate.method !== request.method || candidate.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const rawParams: Record<string, string> = {};
      const matches = candidate.segments.every((pattern, i) => {
        const segment = segments[i] ?? "";
        if (!pattern.startsWith("{")) return pattern === segment;
        const name = pattern.slice(1, -1);
        rawParams[name] = segment;
        params[name] = decodeURIComponent(segment);
        return true;
      });
      if (matches) return { route: candidate, params, rawParams };
    }
    return undefined;
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
      eventTime: this.#ctx.now(),
    };
    if (failed) {
      call.errorCode = outcome.code;
      call.errorMessage = outcome.message;
    }
    const userAgent = request.headers["user-agent"];
    if (userAgent) call.userAgent = userAgent;
    this.#ctx.recordApiCall(call);
  }

  #newAssociationId(): string {
    let id: string;
    do id = `a-${this.#randomString(ALPHANUMERIC, 17)}`;
    while (this.#associations.has(id));
    return id;
  }

  #uuid(): string {
    const hex = this.#randomString(HEX, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  #randomString(alphabet: string, length: number): string {
    return randomString(this.#ctx.random, alphabet, length);
  }
}

// ---- wire helpers -------------------------------------------------------------------------------

function route(method: string, path: string, operation: string, run: (call: Call) => Body): Route {
  return { method, segments: path.split("/"), operation, run };
}

function renderJsonError(error: AwsError): ServiceResponse {
  const fields = error instanceof EksError ? error.fields : {};
  return {
    status: error.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": error.code },
    body: JSON.stringify({ ...fields, message: error.message }),
  };
}

function parseBody(raw: string): Body {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest("Could not parse the request body as JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest("The request body must be a JSON object");
  }
  return parsed as Body;
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

// Cursor tokens (the last key served), so that deleting while paging skips nothing.
function paginate<T>(
  items: T[],
  key: (item: T) => string | number,
  query: URLSearchParams,
): { page: T[]; nextToken?: string } {
  const rawMax = query.get("maxResults");
  const maxResults = rawMax === null ? 100 : Number(rawMax);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    throw invalidParameter("maxResults must be between 1 and 100");
  }
  const token = query.get("nextToken");
  const after = token === null ? undefined : decodeToken(token);
  const rest = after === undefined ? items : items.filter((item) => key(item) > after);
  const page = rest.slice(0, maxResults);
  const last = page.at(-1);
  return rest.length > maxResults && last !== undefined
    ? { page, nextToken: encodeToken(key(last)) }
    : { page };
}

const encodeToken = (after: string | number) => Buffer.from(JSON.stringify({ after })).toString("base64url");

function decodeToken(token: string): string | number {
  try {
    const { after } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after: unknown };
    if (typeof after === "number" || typeof after === "string") return after;
  } catch {
    // not ours
  }
  throw invalidParameter("The nextToken provided is invalid");
}

function withNextToken(body: Body, nextToken: string | undefined): Body {
  return nextToken === undefined ? body : { ...body, nextToken };
}

// ---- views: the API shapes, timestamps as epoch seconds --------------------------------------------

const epochSeconds = (ms: number) => ms / 1000;

function view(a: Association): Body {
  return {
    clusterName: a.clusterName,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    roleArn: a.roleArn,
    associationArn: a.associationArn,
    associationId: a.associationId,
    tags: { ...a.tags },
    createdAt: epochSeconds(a.createdAt),
    modifiedAt: epochSeconds(a.modifiedAt),
    disableSessionTags: a.disableSessionTags,
    ...(a.targetRoleArn === undefined ? {} : { targetRoleArn: a.targetRoleArn, externalId: a.externalId }),
    ...(a.policy === undefined ? {} : { policy: a.policy }),
  };
}

function summary(a: Association): Body {
  return {
    clusterName: a.clusterName,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    associationArn: a.associationArn,
    associationId: a.associationId,
  };
}

function clusterView(c: Cluster, status: "ACTIVE" | "DELETING"): Body {
  return {
    name: c.name,
    arn: c.arn,
    createdAt: epochSeconds(c.createdAt),
    version: c.version,
    endpoint: c.endpoint,
    roleArn: c.roleArn,
    resourcesVpcConfig: structuredClone(c.resourcesVpcConfig),
    kubernetesNetworkConfig: { serviceIpv4Cidr: "10.100.0.0/16", ipFamily: "ipv4" },
    identity: { oidc: { issuer: c.oidcIssuer } },
    status,
    certificateAuthority: {
      data: Buffer.from(`sandbox certificate authority of ${c.name}`).toString("base64"),
    },
    platformVersion: "eks.1",
    tags: { ...c.tags },
  };
}

// ---- validation ---------------------------------------------------------------------------------

function requiredString(body: Body, member: string): string {
  const value = optionalString(body, member);
  if (value === undefined || value === "") throw invalidParameter(`${member} is required`);
  return value;
}

function optionalString(body: Body, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(`${member} must be a string`);
  return value;
}

function optionalBoolean(body: Body, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidParameter(`${member} must be a boolean`);
  return value;
}

// TagMap: at most 50 tags, keys 1–128 and values up to 256 characters, "aws:" reserved (service model).
function optionalTags(body: Body, fail: (message: string) => EksError): Record<string, string> | undefined {
  const value = body.tags;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw fail("tags must be a map of strings");
  const entries = Object.entries(value as Body);
  if (entries.length > 50) throw fail("A resource can have at most 50 tags");
  for (const [key, tagValue] of entries) {
    if (typeof tagValue !== "string") throw fail(`The value of tag ${key} must be a string`);
    if (key.length < 1 || key.length > 128) throw fail(`Tag key ${key} must be 1 to 128 characters long`);
    if (tagValue.length > 256) throw fail(`The value of tag ${key} must be at most 256 characters long`);
    if (key.toLowerCase().startsWith("aws:")) throw fail(`Tag key ${key} uses the reserved prefix aws:`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

// Kubernetes' own rules: a namespace is a DNS-1123 label, a service account a DNS-1123 subdomain.
function validateKubernetesNames(namespace: string, serviceAccount: string): void {
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) {
    throw invalidParameter(`Namespace ${namespace} is not a valid Kubernetes namespace name`);
  }
  if (serviceAccount.length > 253 || !DNS1123_SUBDOMAIN.test(serviceAccount)) {
    throw invalidParameter(
      `Service account ${serviceAccount} is not a valid Kubernetes service account name`,
    );
  }
}

function validateRoleArn(member: string, arn: string): void {
  if (!ROLE_ARN.test(arn)) throw invalidParameter(`Invalid ${member}: '${arn}' is not an IAM role ARN`);
}

// The API reference for `policy`: "When using this policy, disableSessionTags must be set to true".
function validateSessionPolicy(policy: string | undefined, disableSessionTags: boolean): void {
  if (!policy) return;
  if (!disableSessionTags)
    throw invalidParameter("disableSessionTags must be set to true when a policy is provided");
  try {
    JSON.parse(policy);
  } catch {
    throw invalidParameter("policy must be a valid JSON policy document");
  }
}

// ---- small helpers ------------------------------------------------------------------------------

const clusterKey = (region: string, name: string) => `${region}/${name}`;

const accountOf = (arn: string) => arn.split(":")[4];

function partition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

function sorted(tags: Record<string, string>): [string, string][] {
  return Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function setOrDelete<K extends "policy" | "targetRoleArn" | "externalId">(
  target: Association,
  key: K,
  value: string | undefined,
): void {
  if (value === undefined || value === "") delete target[key];
  else target[key] = value;
}
