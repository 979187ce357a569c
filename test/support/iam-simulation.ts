/**
 * Test-only wrapper around `@cloud-copilot/iam-simulate`, a real IAM policy evaluator (identity
 * policies, permissions boundaries, resource policies, conditions). Its licence is AGPL-3.0-or-later:
 * it is a devDependency used by tests only, never imported from `src/` or `functions/`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type EvaluationResult, runSimulation } from "@cloud-copilot/iam-simulate";
import { tenantBoundaryDocument } from "#policy/boundary.ts";
import type { Scope } from "#policy/render.ts";
import { parseTenancy, type Tenancy, type Tenant } from "#src/tenancy/tenancy.ts";

/** Where the simulated requests happen: one concrete partition, region and account. */
export const SCOPE: Scope = { partition: "aws", region: "eu-west-1", account: "111122223333" };
export const OTHER_ACCOUNT = "444455556666";
/** The stage the tests deploy: `<service>-<stage>`, the name prefix of its resources and its owner tag. */
export const STACK_PREFIX = "pod-identity-provisioner-dev";

/** A policy document as iam-simulate takes it (it validates the shape itself). */
export type Policy = { Version: string; Statement: unknown };

export interface SimulatedRequest {
  /** An IAM ARN, or a service principal such as `pods.eks.amazonaws.com`. */
  principal: string;
  action: string;
  resource: string;
  /** The account that owns the resource; the scope's account unless given. */
  resourceAccount?: string;
  context?: Record<string, string | string[]>;
  /** The principal's identity policies. */
  identityPolicies?: Policy[];
  /** The principal's permissions boundary, if any. */
  boundary?: Policy;
  /** The resource's policy (a bucket policy, a key policy, a role's trust policy). */
  resourcePolicy?: Policy;
}

/**
 * Evaluates one request and returns IAM's decision: `Allowed`, `ImplicitlyDenied` or
 * `ExplicitlyDenied`. Fails the test instead of answering when the simulator rejects the input, or
 * when it drops a context key as not applicable to the action: a condition the simulator ignored
 * would make a "denied" answer meaningless.
 */
export async function evaluate(request: SimulatedRequest): Promise<EvaluationResult> {
  const response = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount ?? SCOPE.account },
        contextVariables: request.context ?? {},
      },
      identityPolicies: (request.identityPolicies ?? []).map((policy, index) => ({
        name: `identity-${index}`,
        policy,
      })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.boundary
        ? { permissionBoundaryPolicies: [{ name: "boundary", policy: request.boundary }] }
        : {}),
      ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
    },
    {},
  );
  if (response.resultType === "error") {
    throw new Error(`iam-simulate rejected the simulation: ${JSON.stringify(response.errors)}`);
  }
  const results = response.resultType === "single" ? [response.result] : response.results;
  const ignored = results.flatMap((result) => result.ignoredContextKeys ?? []);
  if (ignored.length > 0) {
    throw new Error(
      `iam-simulate ignored context keys ${ignored.join(", ")} for ${request.action}: the test would not check them`,
    );
  }
  return response.overallResult;
}

/** Replaces CloudFormation pseudo parameters (`${AWS::Partition}` …) with the scope's values. */
export function substitutePseudoParameters(text: string, scope: Scope = SCOPE): string {
  return text
    .replaceAll("${AWS::Partition}", scope.partition)
    .replaceAll("${AWS::Region}", scope.region)
    .replaceAll("${AWS::AccountId}", scope.account);
}

/** The test tenancy (`test/fixtures/tenancy.json`): tenants `platform`, `team-a` and `team-b`. */
export function fixtureTenancy(): Tenancy {
  const file = join(import.meta.dirname, "..", "fixtures", "tenancy.json");
  return parseTenancy(JSON.parse(readFileSync(file, "utf8")), "test/fixtures/tenancy.json");
}

export function fixtureTenant(name: string): Tenant {
  const tenant = fixtureTenancy().tenants.find((t) => t.name === name);
  if (!tenant) throw new Error(`test/fixtures/tenancy.json has no tenant ${name}`);
  return tenant;
}

/** A tenant's permissions boundary, as deployed in `scope` for the stage `stackPrefix`. */
export function tenantBoundaryPolicy(
  tenant: Tenant,
  scope: Scope = SCOPE,
  stackPrefix = STACK_PREFIX,
): Policy {
  return tenantBoundaryDocument(tenant, scope, stackPrefix) as unknown as Policy;
}
