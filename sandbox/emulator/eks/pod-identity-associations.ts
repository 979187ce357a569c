import { randomString } from "../random.ts";
import {
  EksError,
  invalidParameter,
  invalidRequest,
  notFound,
  roleNotVisible,
  trustPolicyInvalid,
} from "./errors.ts";
import {
  optionalBoolean,
  optionalString,
  optionalTags,
  paginate,
  requiredString,
  validateKubernetesNames,
  validateRoleArn,
  validateSessionPolicy,
  withNextToken,
} from "./input.ts";
import { type Association, accountOf, partition } from "./state.ts";
import { trustsPodIdentity } from "./trust-policy.ts";
import type { Body, Call, Eks } from "./types.ts";
import { associationSummary, associationView } from "./views.ts";

/**
 * CreatePodIdentityAssociation, ListPodIdentityAssociations, DescribePodIdentityAssociation,
 * UpdatePodIdentityAssociation, DeletePodIdentityAssociation: one IAM role per Kubernetes service
 * account of a cluster, idempotent by clientRequestToken.
 */

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

export function createAssociation({ eks, request, params, body }: Call): Body {
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
  const cluster = eks.state.cluster(request.region, params.name ?? "");

  const fingerprint = JSON.stringify([
    namespace,
    serviceAccount,
    roleArn,
    targetRoleArn,
    policy,
    disableSessionTags,
    sorted(tags),
  ]);
  const replay = replayed(eks, token && `${cluster.arn}|create|${token}`, fingerprint);
  if (replay) return { association: associationView(replay) };

  const existing = eks.state
    .associationsOf(cluster)
    .find((a) => a.namespace === namespace && a.serviceAccount === serviceAccount);
  // Real message: "ResourceInUseException: Association already exists: a-dt1bedfjc72dlwp5n".
  if (existing) {
    throw new EksError(
      "ResourceInUseException",
      `Association already exists: ${existing.associationId}`,
      409,
    );
  }
  if (eks.state.associationsOf(cluster).length >= eks.associationsPerCluster) {
    throw new EksError(
      "ResourceLimitExceededException",
      `Cannot create more than ${eks.associationsPerCluster} Pod Identity associations in cluster ${cluster.name}`,
      400,
      { clusterName: cluster.name },
    );
  }
  checkRolesVisible(eks, roleArn, targetRoleArn);
  checkTrustsPodIdentity(eks, roleArn);

  const associationId = newAssociationId(eks);
  const now = eks.ctx.now().getTime();
  const association: Association = {
    clusterName: cluster.name,
    region: cluster.region,
    namespace,
    serviceAccount,
    roleArn,
    associationArn: `arn:${partition(cluster.region)}:eks:${cluster.region}:${eks.ctx.accountId}:podidentityassociation/${cluster.name}/${associationId}`,
    associationId,
    tags,
    createdAt: now,
    modifiedAt: now,
    disableSessionTags,
    sequence: ++eks.state.sequence,
  };
  if (targetRoleArn) {
    association.targetRoleArn = targetRoleArn;
    association.externalId = uuid(eks);
  }
  if (policy) association.policy = policy;
  eks.state.associations.set(associationId, association);
  if (token) eks.state.rememberToken(`${cluster.arn}|create|${token}`, { fingerprint, associationId });
  return { association: associationView(association) };
}

export function listAssociations({ eks, request, params }: Call): Body {
  const cluster = eks.state.cluster(request.region, params.name ?? "");
  const namespace = request.query.get("namespace");
  const serviceAccount = request.query.get("serviceAccount");
  const matching = eks.state
    .associationsOf(cluster)
    .filter((a) => namespace === null || a.namespace === namespace)
    .filter((a) => serviceAccount === null || a.serviceAccount === serviceAccount)
    .sort((a, b) => a.sequence - b.sequence);
  const { page, nextToken } = paginate(matching, (a) => a.sequence, request.query);
  return withNextToken({ associations: page.map(associationSummary) }, nextToken);
}

export function describeAssociation(call: Call): Body {
  return { association: associationView(associationOf(call)) };
}

export function updateAssociation(call: Call): Body {
  const { eks, body } = call;
  const roleArn = optionalString(body, "roleArn");
  const targetRoleArn = optionalString(body, "targetRoleArn");
  const policy = optionalString(body, "policy");
  const disableSessionTags = optionalBoolean(body, "disableSessionTags");
  const token = optionalString(body, "clientRequestToken");
  if (roleArn !== undefined) validateRoleArn("roleArn", roleArn);
  if (targetRoleArn) validateRoleArn("targetRoleArn", targetRoleArn);
  const association = associationOf(call);

  const fingerprint = JSON.stringify([roleArn, targetRoleArn, policy, disableSessionTags]);
  const tokenKey = token && `${association.associationArn}|update|${token}`;
  const replay = replayed(eks, tokenKey, fingerprint);
  if (replay) return { association: associationView(replay) };

  // An empty string clears targetRoleArn / policy; an absent member leaves it as it is.
  const next = {
    roleArn: roleArn ?? association.roleArn,
    targetRoleArn: targetRoleArn === undefined ? association.targetRoleArn : targetRoleArn || undefined,
    policy: policy === undefined ? association.policy : policy || undefined,
    disableSessionTags: disableSessionTags ?? association.disableSessionTags,
  };
  validateSessionPolicy(next.policy, next.disableSessionTags);
  checkRolesVisible(eks, next.roleArn, next.targetRoleArn);
  if (next.roleArn !== association.roleArn) checkTrustsPodIdentity(eks, next.roleArn);

  association.roleArn = next.roleArn;
  association.disableSessionTags = next.disableSessionTags;
  setOrDelete(association, "policy", next.policy);
  if (next.targetRoleArn !== association.targetRoleArn) {
    setOrDelete(association, "targetRoleArn", next.targetRoleArn);
    setOrDelete(association, "externalId", next.targetRoleArn && (association.externalId ?? uuid(eks)));
  }
  association.modifiedAt = eks.ctx.now().getTime();
  if (tokenKey) eks.state.rememberToken(tokenKey, { fingerprint, associationId: association.associationId });
  return { association: associationView(association) };
}

// The AWS CLI example (delete-pod-identity-association.rst) returns modifiedAt = the deletion time.
export function deleteAssociation(call: Call): Body {
  const association = associationOf(call);
  call.eks.state.associations.delete(association.associationId);
  association.modifiedAt = call.eks.ctx.now().getTime();
  return { association: associationView(association) };
}

function associationOf({ eks, request, params }: Call): Association {
  const cluster = eks.state.cluster(request.region, params.name ?? "");
  const id = params.associationId ?? "";
  // Real message (aws-samples/eks-workshop-v2#882, DeletePodIdentityAssociation).
  if (id.length !== 19) throw invalidParameter("The parameter associationId should be 19 characters long.");
  const association = eks.state.associations.get(id);
  if (!association || association.region !== cluster.region || association.clusterName !== cluster.name) {
    throw notFound(`No Pod Identity Association found for id: ${id}.`);
  }
  return association;
}

/** The association an earlier request with this token produced, if it is the same request. */
function replayed(eks: Eks, tokenKey: string | undefined, fingerprint: string): Association | undefined {
  const use = tokenKey ? eks.state.tokens.get(tokenKey) : undefined;
  if (!use) return undefined;
  if (use.fingerprint !== fingerprint) {
    throw invalidRequest(
      "The client request token has already been used for a request with different parameters.",
    );
  }
  return eks.state.associations.get(use.associationId);
}

// A target role may live in another account, which EKS cannot look into: only same-account
// roles are checked.
function checkRolesVisible(eks: Eks, roleArn: string, targetRoleArn: string | undefined): void {
  if (!eks.roles.isRoleVisible(roleArn)) throw roleNotVisible();
  if (
    targetRoleArn &&
    accountOf(targetRoleArn) === eks.ctx.accountId &&
    !eks.roles.isRoleVisible(targetRoleArn)
  ) {
    throw roleNotVisible();
  }
}

// Only the association's own role: a target role trusts the first role, not EKS.
function checkTrustsPodIdentity(eks: Eks, roleArn: string): void {
  const role = eks.roles.getRoleByArn(roleArn);
  if (!role || !trustsPodIdentity(role.assumeRolePolicyDocument)) throw trustPolicyInvalid();
}

function newAssociationId(eks: Eks): string {
  let id: string;
  do id = `a-${randomString(eks.ctx.random, ALPHANUMERIC, 17)}`;
  while (eks.state.associations.has(id));
  return id;
}

function uuid(eks: Eks): string {
  const hex = randomString(eks.ctx.random, HEX, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
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
