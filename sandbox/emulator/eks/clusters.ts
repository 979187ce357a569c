import { randomString } from "../random.ts";
import { EksError, invalidParameter } from "./errors.ts";
import { optionalString, optionalTags, paginate, ROLE_ARN, requiredString, withNextToken } from "./input.ts";
import { type Cluster, clusterKey, partition } from "./state.ts";
import type { Body, Call, Eks } from "./types.ts";
import { clusterView } from "./views.ts";

/**
 * CreateCluster, ListClusters, DescribeCluster, DeleteCluster. Simplifications, on purpose: a
 * created cluster is ACTIVE at once and a deleted one is gone at once (AWS takes minutes);
 * clusters have no node groups, so DeleteCluster never refuses.
 */

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const HEX = "0123456789abcdef";

export function createCluster({ eks, request, body }: Call): Body {
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
  if (eks.state.clusters.has(clusterKey(request.region, name))) {
    throw new EksError("ResourceInUseException", `Cluster already exists with name: ${name}`, 409, {
      clusterName: name,
    });
  }
  const tags = optionalTags(body, invalidParameter) ?? {};
  const version = optionalString(body, "version");
  const cluster = addCluster(eks, request.region, name, roleArn, vpc as Body, version, tags);
  return { cluster: clusterView(cluster, "ACTIVE") };
}

export function listClusters({ eks, request }: Call): Body {
  const names = [...eks.state.clusters.values()]
    .filter((c) => c.region === request.region)
    .map((c) => c.name)
    .sort();
  const { page, nextToken } = paginate(names, (name) => name, request.query);
  return withNextToken({ clusters: page }, nextToken);
}

export function describeCluster({ eks, request, params }: Call): Body {
  return { cluster: clusterView(eks.state.cluster(request.region, params.name ?? ""), "ACTIVE") };
}

// Associations go with their cluster: the DeleteCluster reference asks to delete node groups and
// Fargate profiles first, not Pod Identity associations.
export function deleteCluster({ eks, request, params }: Call): Body {
  const cluster = eks.state.cluster(request.region, params.name ?? "");
  for (const association of eks.state.associationsOf(cluster))
    eks.state.associations.delete(association.associationId);
  eks.state.clusters.delete(clusterKey(cluster.region, cluster.name));
  return { cluster: clusterView(cluster, "DELETING") };
}

export function addCluster(
  eks: Eks,
  region: string,
  name: string,
  roleArn: string,
  vpc: Body,
  version: string | undefined,
  tags: Record<string, string>,
): Cluster {
  const random = (length: number) => randomString(eks.ctx.random, HEX, length);
  const id = random(32).toUpperCase();
  const cluster: Cluster = {
    name,
    region,
    arn: `arn:${partition(region)}:eks:${region}:${eks.ctx.accountId}:cluster/${name}`,
    roleArn,
    version: version ?? "1.33",
    createdAt: eks.ctx.now().getTime(),
    endpoint: `https://${id}.gr7.${region}.eks.amazonaws.com`,
    oidcIssuer: `https://oidc.eks.${region}.amazonaws.com/id/${id}`,
    resourcesVpcConfig: {
      subnetIds: vpc.subnetIds ?? [],
      securityGroupIds: vpc.securityGroupIds ?? [],
      clusterSecurityGroupId: `sg-${random(17)}`,
      vpcId: `vpc-${random(17)}`,
      endpointPublicAccess: vpc.endpointPublicAccess ?? true,
      endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
      publicAccessCidrs: vpc.publicAccessCidrs ?? ["0.0.0.0/0"],
    },
    tags,
  };
  eks.state.clusters.set(clusterKey(region, name), cluster);
  return cluster;
}
