import type { Association, Cluster } from "./state.ts";
import type { Body } from "./types.ts";

/** The API shapes EKS puts on the wire; timestamps as epoch seconds (with milliseconds). */

const epochSeconds = (ms: number) => ms / 1000;

/** PodIdentityAssociation. */
export function associationView(a: Association): Body {
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

/** PodIdentityAssociationSummary: exactly these members. */
export function associationSummary(a: Association): Body {
  return {
    clusterName: a.clusterName,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    associationArn: a.associationArn,
    associationId: a.associationId,
  };
}

/** Cluster. */
export function clusterView(c: Cluster, status: "ACTIVE" | "DELETING"): Body {
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
