import {
  alreadyExists,
  deleteConflict,
  policyNotFound,
  policyVersionNotFound,
  quotaExceeded,
} from "./errors.ts";
import type { Input } from "./input.ts";
import { FIRST_POLICY_VERSION, IAM_LIMITS } from "./limits.ts";
import type { Outcome } from "./operation.ts";
import { paginate } from "./pagination.ts";
import { checkIdentityPolicy, policySize } from "./policy-grammar.ts";
import { AWS_MANAGED_POLICY, type IamAccount, type IamPolicy } from "./state.ts";
import { checkedTags } from "./tags.ts";
import { isoSeconds, optional, policyCloudTrail, policyVersionXml, policyXml } from "./views.ts";

/**
 * Managed policies: customer managed ones (create, read, list, delete, their version) and the AWS
 * managed ones roles reference. A customer managed policy has one version here, `v1` (the sandbox
 * has no CreatePolicyVersion); AWS managed policies' documents are not catalogued.
 */

export function createPolicy(account: IamAccount, input: Input): Outcome {
  const name = input.required("PolicyName");
  const path = input.string("Path") ?? "/";
  const tags = checkedTags(input.tags("Tags") ?? []);
  const document = input.required("PolicyDocument");
  checkIdentityPolicy(document);
  if (policySize(document) > IAM_LIMITS.managedPolicyCharacters) {
    throw quotaExceeded("PolicySize", IAM_LIMITS.managedPolicyCharacters);
  }
  if ([...account.policies.values()].some((p) => p.policyName.toLowerCase() === name.toLowerCase())) {
    throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  }
  const now = isoSeconds(account.now());
  const policy: IamPolicy = {
    policyName: name,
    policyId: account.newId("policy"),
    arn: `arn:aws:iam::${account.accountId}:policy${path}${name}`,
    path,
    ...optional("description", input.string("Description") || undefined),
    document,
    createDate: now,
    updateDate: now,
    tags,
  };
  account.policies.set(policy.arn, policy);
  const usage = account.policyUsage(policy.arn);
  return {
    result: { Policy: policyXml(policy, usage) },
    responseElements: { policy: policyCloudTrail(policy, usage) },
  };
}

export function getPolicy(account: IamAccount, input: Input): Outcome {
  const arn = account.validPolicyArn(input.required("PolicyArn"));
  const policy = account.policyOrAwsManaged(arn);
  if (!policy) throw policyNotFound(arn);
  return { result: { Policy: policyXml(policy, account.policyUsage(arn), { description: true }) } };
}

export function deletePolicy(account: IamAccount, input: Input): Outcome | undefined {
  const policy = account.customerPolicy(input.required("PolicyArn"));
  const usage = account.policyUsage(policy.arn);
  if (usage.attachments + usage.boundaries > 0)
    throw deleteConflict("Cannot delete a policy attached to entities.");
  account.policies.delete(policy.arn);
  return undefined;
}

export function listPolicies(account: IamAccount, input: Input): Outcome {
  const scope = input.string("Scope") ?? "All";
  const prefix = input.string("PathPrefix") ?? "/";
  // AWS managed policies are not catalogued: those that roles reference are listed.
  const awsManaged = [
    ...new Set(
      [...account.roles.values()].flatMap((r) => [...r.attachedPolicyArns, r.permissionsBoundaryArn ?? ""]),
    ),
  ]
    .map((arn) => (AWS_MANAGED_POLICY.test(arn) ? account.policyOrAwsManaged(arn) : undefined))
    .filter((p): p is IamPolicy => p !== undefined);
  const candidates = [
    ...(scope === "AWS" ? [] : account.policies.values()),
    ...(scope === "Local" ? [] : awsManaged),
  ].filter(
    (p) =>
      p.path.startsWith(prefix) &&
      (!input.boolean("OnlyAttached") || account.policyUsage(p.arn).attachments > 0),
  );
  const { page: policies, ...more } = paginate(candidates, (p) => p.policyName.toLowerCase(), input);
  return { result: { Policies: policies.map((p) => policyXml(p, account.policyUsage(p.arn))), ...more } };
}

/**
 * A version of a customer managed policy, its document URL-encoded. An unknown policy or version
 * is IAM's "Policy X version vN does not exist or is not attachable." (recorded AWS answers); so is
 * a version of an AWS managed policy, whose document the sandbox does not have.
 */
export function getPolicyVersion(account: IamAccount, input: Input): Outcome {
  const arn = account.validPolicyArn(input.required("PolicyArn"));
  const versionId = input.required("VersionId");
  const policy = account.policies.get(arn);
  if (!policy || versionId !== FIRST_POLICY_VERSION) throw policyVersionNotFound(arn, versionId);
  return { result: { PolicyVersion: policyVersionXml(policy, { document: true }) } };
}

/** The versions of a policy, newest first, without their documents. */
export function listPolicyVersions(account: IamAccount, input: Input): Outcome {
  const arn = account.validPolicyArn(input.required("PolicyArn"));
  const policy = account.policyOrAwsManaged(arn);
  if (!policy) throw policyNotFound(arn);
  const { page: versions, ...more } = paginate([policy], () => FIRST_POLICY_VERSION, input);
  return { result: { Versions: versions.map((p) => policyVersionXml(p)), ...more } };
}
