import { iamError, noSuchEntity, quotaExceeded } from "./errors.ts";
import type { Input } from "./input.ts";
import { IAM_LIMITS } from "./limits.ts";
import type { Outcome } from "./operation.ts";
import { paginate } from "./pagination.ts";
import { checkIdentityPolicy, policySize } from "./policy-grammar.ts";
import type { IamAccount, IamPolicy } from "./state.ts";

/** A role's policies: inline ones (Put/Get/Delete/ListRolePolicies) and attached managed ones. */

export function putRolePolicy(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  const name = input.required("PolicyName");
  const document = input.required("PolicyDocument");
  checkIdentityPolicy(document);
  // The quota is on the sum of all inline policies of the role, the replaced one excluded.
  const others = Object.entries(role.inlinePolicies).filter(([other]) => other !== name);
  const total = others.reduce((sum, [, doc]) => sum + policySize(doc), policySize(document));
  if (total > IAM_LIMITS.inlinePolicyCharactersPerRole) {
    throw iamError(
      "LimitExceeded",
      `Maximum policy size of ${IAM_LIMITS.inlinePolicyCharactersPerRole} bytes exceeded for role ${role.roleName}`,
    );
  }
  role.inlinePolicies[name] = document;
  return undefined;
}

export function getRolePolicy(account: IamAccount, input: Input): Outcome {
  const role = account.role(input.required("RoleName"));
  const name = input.required("PolicyName");
  const document = account.inlinePolicy(role, name);
  return {
    result: { RoleName: role.roleName, PolicyName: name, PolicyDocument: encodeURIComponent(document) },
  };
}

export function deleteRolePolicy(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  const name = input.required("PolicyName");
  account.inlinePolicy(role, name);
  delete role.inlinePolicies[name];
  return undefined;
}

export function listRolePolicies(account: IamAccount, input: Input): Outcome {
  const role = account.role(input.required("RoleName"));
  const { page: names, ...more } = paginate(Object.keys(role.inlinePolicies), (n) => n, input);
  return { result: { PolicyNames: names, ...more } };
}

export function attachRolePolicy(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  const arn = account.validPolicyArn(input.required("PolicyArn"));
  if (!account.policyOrAwsManaged(arn))
    throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  if (role.attachedPolicyArns.includes(arn)) return undefined;
  if (role.attachedPolicyArns.length >= IAM_LIMITS.managedPoliciesPerRole) {
    throw quotaExceeded("PoliciesPerRole", IAM_LIMITS.managedPoliciesPerRole);
  }
  role.attachedPolicyArns.push(arn);
  return undefined;
}

export function detachRolePolicy(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  const arn = account.validPolicyArn(input.required("PolicyArn"));
  if (!role.attachedPolicyArns.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
  role.attachedPolicyArns = role.attachedPolicyArns.filter((attached) => attached !== arn);
  return undefined;
}

export function listAttachedRolePolicies(account: IamAccount, input: Input): Outcome {
  const prefix = input.string("PathPrefix") ?? "/";
  const attached = account
    .role(input.required("RoleName"))
    .attachedPolicyArns.map((arn) => account.policyOrAwsManaged(arn))
    .filter((policy): policy is IamPolicy => policy?.path.startsWith(prefix) === true);
  const { page: policies, ...more } = paginate(attached, (p) => p.policyName.toLowerCase(), input);
  return {
    result: {
      AttachedPolicies: policies.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.arn })),
      ...more,
    },
  };
}
