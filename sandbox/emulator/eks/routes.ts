import { createCluster, deleteCluster, describeCluster, listClusters } from "./clusters.ts";
import {
  createAssociation,
  deleteAssociation,
  describeAssociation,
  listAssociations,
  updateAssociation,
} from "./pod-identity-associations.ts";
import { listTagsForResource, tagResource, untagResource } from "./tags.ts";
import type { Body, Call } from "./types.ts";

/**
 * EKS's route table, the only one: every REST route the emulation serves, with the API operation
 * it is (for CloudTrail's eventName and for scripted faults). Paths follow the service model
 * (`@aws-sdk/client-eks` 3.1169, botocore `eks/2017-11-01`).
 */
export interface Route {
  method: string;
  /** Path segments; `{x}` binds a parameter. */
  segments: string[];
  operation: string;
  run(call: Call): Body;
}

const route = (method: string, path: string, operation: string, run: (call: Call) => Body): Route => ({
  method,
  segments: path.split("/"),
  operation,
  run,
});

const ASSOCIATIONS = "clusters/{name}/pod-identity-associations";
const ASSOCIATION = `${ASSOCIATIONS}/{associationId}`;

export const EKS_ROUTES: readonly Route[] = [
  route("POST", "clusters", "CreateCluster", createCluster),
  route("GET", "clusters", "ListClusters", listClusters),
  route("GET", "clusters/{name}", "DescribeCluster", describeCluster),
  route("DELETE", "clusters/{name}", "DeleteCluster", deleteCluster),
  route("POST", ASSOCIATIONS, "CreatePodIdentityAssociation", createAssociation),
  route("GET", ASSOCIATIONS, "ListPodIdentityAssociations", listAssociations),
  route("GET", ASSOCIATION, "DescribePodIdentityAssociation", describeAssociation),
  route("POST", ASSOCIATION, "UpdatePodIdentityAssociation", updateAssociation),
  route("DELETE", ASSOCIATION, "DeletePodIdentityAssociation", deleteAssociation),
  route("POST", "tags/{resourceArn}", "TagResource", tagResource),
  route("GET", "tags/{resourceArn}", "ListTagsForResource", listTagsForResource),
  route("DELETE", "tags/{resourceArn}", "UntagResource", untagResource),
];

export interface RouteMatch {
  route: Route;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** Path parameters as sent (CloudTrail logs ARNs URL-encoded). */
  rawParams: Record<string, string>;
}

/** The route of `METHOD /path` (the path not decoded), if EKS serves it. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split("/").filter((s) => s !== "");
  for (const candidate of EKS_ROUTES) {
    if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
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
