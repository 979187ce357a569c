import { POD_IDENTITY_PRINCIPAL, SESSION_TAG } from "../constants.ts";
import type { Scope } from "./render.ts";
import type { PolicyDocument, Statement } from "./types.ts";

export interface TrustOptions {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** With session tags disabled, EKS sends no tags: the trust policy cannot be pinned. */
  sessionTags: boolean;
  /** Add `aws:SourceAccount` and `aws:SourceArn` (undocumented for this principal; off by default). */
  sourceConditions: boolean;
}

export function clusterArn(scope: Scope, cluster: string): string {
  return `arn:${scope.partition}:eks:${scope.region}:${scope.account}:cluster/${cluster}`;
}

/**
 * The role's trust policy: only EKS Pod Identity may assume it, and — through the session tags EKS
 * adds to every session (EKS User Guide, "Define permissions for EKS Pod Identities to assume roles
 * based on tags") — only for this cluster, namespace and service account. The role is then useless
 * to any other association, even one a cluster admin creates by hand.
 */
export function renderTrustPolicy(scope: Scope, options: TrustOptions): PolicyDocument {
  const statement: Statement = {
    Sid: "EksPodIdentity",
    Effect: "Allow",
    Principal: { Service: POD_IDENTITY_PRINCIPAL },
    Action: ["sts:AssumeRole", "sts:TagSession"],
  };
  const equals: Record<string, string> = {};
  if (options.sessionTags) {
    equals[`aws:RequestTag/${SESSION_TAG.clusterArn}`] = clusterArn(scope, options.cluster);
    equals[`aws:RequestTag/${SESSION_TAG.namespace}`] = options.namespace;
    equals[`aws:RequestTag/${SESSION_TAG.serviceAccount}`] = options.serviceAccount;
  }
  if (options.sourceConditions) {
    equals["aws:SourceAccount"] = scope.account;
    equals["aws:SourceArn"] = clusterArn(scope, options.cluster);
  }
  if (Object.keys(equals).length > 0) statement.Condition = { StringEquals: equals };
  return { Version: "2012-10-17", Statement: [statement] };
}
