import { clusterNotFound } from "./errors.ts";

/**
 * What EKS remembers: clusters, Pod Identity associations, the clientRequestTokens it has seen,
 * and the creation counter that orders associations. Snapshots are plain JSON.
 */

export interface Cluster {
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

export interface Association {
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
export interface TokenUse {
  fingerprint: string;
  associationId: string;
}

interface EksSnapshot {
  clusters: Cluster[];
  associations: Association[];
  tokens: [string, TokenUse][];
  sequence: number;
}

/** How many client request tokens the emulation remembers (far more than any retry window uses). */
export const REMEMBERED_TOKENS = 10_000;

export class EksState {
  /** By `region/name`: cluster names are unique per region. */
  clusters = new Map<string, Cluster>();
  /** By association id. */
  associations = new Map<string, Association>();
  /** By `<resource ARN>|<create|update>|<token>`, oldest first. */
  tokens = new Map<string, TokenUse>();
  sequence = 0;

  /**
   * Remembers a token's use, keeping the newest `REMEMBERED_TOKENS`: AWS honours a client request
   * token for a limited time, not forever, and a long sandbox run must not grow with every create.
   */
  rememberToken(key: string, use: TokenUse): void {
    this.tokens.delete(key);
    this.tokens.set(key, use);
    for (const oldest of this.tokens.keys()) {
      if (this.tokens.size <= REMEMBERED_TOKENS) break;
      this.tokens.delete(oldest);
    }
  }

  cluster(region: string, name: string): Cluster {
    const cluster = this.clusters.get(clusterKey(region, name));
    if (!cluster) throw clusterNotFound(name);
    return cluster;
  }

  associationsOf(cluster: Cluster): Association[] {
    return [...this.associations.values()].filter(
      (a) => a.region === cluster.region && a.clusterName === cluster.name,
    );
  }

  snapshot(): unknown {
    const snapshot: EksSnapshot = {
      clusters: [...this.clusters.values()],
      associations: [...this.associations.values()],
      tokens: [...this.tokens.entries()],
      sequence: this.sequence,
    };
    return structuredClone(snapshot);
  }

  restore(snapshot: unknown): void {
    const state = structuredClone(snapshot) as EksSnapshot; // produced by snapshot()
    this.clusters = new Map(state.clusters.map((c) => [clusterKey(c.region, c.name), c]));
    this.associations = new Map(state.associations.map((a) => [a.associationId, a]));
    this.tokens = new Map(state.tokens);
    this.sequence = state.sequence;
  }
}

export const clusterKey = (region: string, name: string) => `${region}/${name}`;

export const accountOf = (arn: string) => arn.split(":")[4];

export function partition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}
