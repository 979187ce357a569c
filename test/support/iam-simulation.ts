/**
 * Test-only wrapper around `@cloud-copilot/iam-simulate`, a real IAM policy evaluator (identity
 * policies, permissions boundaries, resource policies, conditions). Its licence is AGPL-3.0-or-later:
 * it is a devDependency used by tests only, never imported from `src/` or `functions/`.
 */
import { type EvaluationResult, runSimulation } from "@cloud-copilot/iam-simulate";
import { boundaryDocument } from "#policy/boundary.ts";
import type { Scope } from "#policy/render.ts";

/** Where the simulated requests happen: one concrete partition, region and account. */
export const SCOPE: Scope = { partition: "aws", region: "eu-west-1", account: "111122223333" };
export const OTHER_ACCOUNT = "444455556666";

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

/** The permissions boundary every created role carries, as deployed in `scope`. */
export function boundaryPolicy(scope: Scope = SCOPE): Policy {
  return boundaryDocument(scope) as unknown as Policy;
}
