import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListPodIdentityAssociationsCommand,
} from "@aws-sdk/client-eks";
import { IAMClient, ListRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { scanGrants } from "../src/aws/registry.ts";
import type { GrantRecord } from "../src/grant/lifecycle.ts";
import type { Sandbox } from "./sandbox.ts";

/** What AWS (the emulation) and the registry hold, read through the SDK as a person would. */
export interface Inventory {
  roles: Array<{ name: string; arn: string; inlinePolicies: string[] }>;
  associations: Array<{
    cluster: string;
    namespace: string;
    serviceAccount: string;
    roleArn: string;
    associationId: string;
  }>;
  records: GrantRecord[];
}

/** Optionally narrowed to one namespace (role names carry it, EKS filters by it, grant ids start with it). */
export async function inventory(
  sandbox: Sandbox,
  options: { clusters?: string[]; namespace?: string } = {},
): Promise<Inventory> {
  const clusters = options.clusters ?? sandbox.clusters;
  const { namespace } = options;
  const config = sandbox.clientConfig();
  const iam = new IAMClient(config);
  const eks = new EKSClient(config);
  const registry = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  const roles: Inventory["roles"] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolesCommand({ PathPrefix: "/pod-identity/", Marker: marker }));
    for (const role of page.Roles ?? []) {
      if (
        namespace &&
        !clusters.some((c) => role.RoleName?.startsWith(`pip-${c.toLowerCase()}-${namespace}-`))
      )
        continue;
      const policies = await iam.send(new ListRolePoliciesCommand({ RoleName: role.RoleName }));
      roles.push({
        name: role.RoleName ?? "",
        arn: role.Arn ?? "",
        inlinePolicies: policies.PolicyNames ?? [],
      });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  const associations: Inventory["associations"] = [];
  for (const cluster of clusters) {
    let token: string | undefined;
    do {
      const page = await eks.send(
        new ListPodIdentityAssociationsCommand({ clusterName: cluster, namespace, nextToken: token }),
      );
      for (const a of page.associations ?? []) {
        const full = await eks.send(
          new DescribePodIdentityAssociationCommand({ clusterName: cluster, associationId: a.associationId }),
        );
        associations.push({
          cluster,
          namespace: a.namespace ?? "",
          serviceAccount: a.serviceAccount ?? "",
          roleArn: full.association?.roleArn ?? "",
          associationId: a.associationId ?? "",
        });
      }
      token = page.nextToken;
    } while (token);
  }
  const records = (await scanGrants(registry, sandbox.registryTable)).filter(
    (r) => !namespace || r.namespace === namespace,
  );
  return { roles, associations, records };
}

/**
 * A FAILED record that says its resources may remain — a deprovisioning that failed part-way, or a
 * rollback that did not complete — accounts for its grant's role and association: they are not
 * orphans, the registry tells the truth about them, and deprovisioning it again removes them.
 */
export function mayHoldResources(record: GrantRecord): boolean {
  return record.status === "FAILED" && record.lastError?.resourcesMayRemain === true;
}

/**
 * The invariant every run must keep: each ACTIVE record has exactly its role (with the grant's
 * policy) and its association, and nothing else exists — no role, policy or association that no
 * ACTIVE record (or FAILED record that says they may remain, `mayHoldResources`) accounts for.
 * Returns the violations (empty when consistent).
 */
export function inconsistencies(state: Inventory): string[] {
  const problems: string[] = [];
  const active = state.records.filter((r) => r.status === "ACTIVE");
  const accountable = state.records.filter((r) => r.status === "ACTIVE" || mayHoldResources(r));
  for (const record of state.records) {
    if (!["ACTIVE", "FAILED", "DELETED"].includes(record.status))
      problems.push(`${record.grantId} is stuck in ${record.status}`);
  }
  for (const record of active) {
    const role = state.roles.find((r) => r.arn === record.roleArn);
    if (!role) problems.push(`${record.grantId} is ACTIVE but its role ${record.roleArn} does not exist`);
    else if (!role.inlinePolicies.includes("pod-identity-grant"))
      problems.push(`${record.grantId}: role has no grant policy`);
    const association = state.associations.find(
      (a) =>
        a.cluster === record.cluster &&
        a.namespace === record.namespace &&
        a.serviceAccount === record.serviceAccount,
    );
    if (!association) problems.push(`${record.grantId} is ACTIVE but has no association`);
    else if (association.roleArn !== record.roleArn)
      problems.push(`${record.grantId}: association points at ${association.roleArn}`);
    else if (association.associationId !== record.associationId)
      problems.push(
        `${record.grantId}: registry has association ${record.associationId}, EKS ${association.associationId}`,
      );
  }
  for (const role of state.roles) {
    if (!accountable.some((r) => r.identity.roleArn === role.arn))
      problems.push(`orphan role ${role.name} (policies: ${role.inlinePolicies.join(",") || "none"})`);
  }
  for (const association of state.associations) {
    const accounted = accountable.some((r) =>
      r.status === "ACTIVE"
        ? r.associationId === association.associationId
        : r.cluster === association.cluster &&
          r.namespace === association.namespace &&
          r.serviceAccount === association.serviceAccount &&
          r.identity.roleArn === association.roleArn,
    );
    if (!accounted) {
      problems.push(
        `orphan association ${association.associationId} for ${association.cluster}/${association.namespace}/${association.serviceAccount}`,
      );
    }
  }
  return problems;
}
