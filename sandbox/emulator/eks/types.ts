import type { EmulatorContext, ServiceRequest } from "../types.ts";
import type { EksState } from "./state.ts";

/** What EKS asks IAM: the IAM emulation owns when a new role becomes visible (propagation) and its trust policy. */
export interface RoleDirectory {
  isRoleVisible(roleArn: string): boolean;
  /** The role, with its trust policy exactly as IAM keeps it; undefined for an unknown role. */
  getRoleByArn(roleArn: string): { assumeRolePolicyDocument: string } | undefined;
}

export interface EksOptions {
  /** EKS User Guide, Pod Identity "Limits": "Up to 5,000 EKS Pod Identity associations per cluster". */
  associationsPerCluster?: number;
}

export const DEFAULT_ASSOCIATIONS_PER_CLUSTER = 5000;
export const DEFAULT_CLUSTER_REGION = "us-east-1";

/** A JSON request or response body. */
export type Body = Record<string, unknown>;

/** What every operation works on: the emulation's context, EKS's state, IAM's roles, the limits. */
export interface Eks {
  ctx: EmulatorContext;
  state: EksState;
  roles: RoleDirectory;
  associationsPerCluster: number;
}

/** One request, routed: the operation's inputs. */
export interface Call {
  eks: Eks;
  request: ServiceRequest;
  /** Decoded path parameters. */
  params: Record<string, string>;
  body: Body;
}
