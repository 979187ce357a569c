import { alreadyExists, deleteConflict, quotaExceeded } from "./errors.ts";
import type { Input } from "./input.ts";
import { IAM_LIMITS } from "./limits.ts";
import type { Outcome } from "./operation.ts";
import { paginate } from "./pagination.ts";
import { checkTrustPolicy, policySize } from "./policy-grammar.ts";
import type { IamAccount, IamRole } from "./state.ts";
import { checkedTags } from "./tags.ts";
import { isoSeconds, optional, roleCloudTrail, roleXml } from "./views.ts";

/** Roles: create, read, update, delete, list; their trust policy and permissions boundary. */

/** A trust policy IAM accepts: its grammar, its principals, at most 2,048 characters without white space. */
function checkedTrustPolicy(account: IamAccount, document: string): string {
  checkTrustPolicy(document, (arn) => account.principalExists(arn));
  if (policySize(document) > IAM_LIMITS.trustPolicyCharacters) {
    throw quotaExceeded("ACLSizePerRole", IAM_LIMITS.trustPolicyCharacters);
  }
  return document;
}

export function createRole(account: IamAccount, input: Input): Outcome {
  const roleName = input.required("RoleName");
  const path = input.string("Path") ?? "/";
  const tags = checkedTags(input.tags("Tags") ?? []);
  const document = checkedTrustPolicy(account, input.required("AssumeRolePolicyDocument"));
  if (account.roles.has(roleName.toLowerCase()))
    throw alreadyExists(`Role with name ${roleName} already exists.`);
  if (account.roles.size >= account.roleQuota) throw quotaExceeded("RolesPerAccount", account.roleQuota);
  const boundary = input.string("PermissionsBoundary");
  const boundaryArn = boundary === undefined ? undefined : account.existingBoundary(boundary);
  const now = account.now();
  const role: IamRole = {
    path,
    roleName,
    roleId: account.newId("role"),
    arn: `arn:aws:iam::${account.accountId}:role${path}${roleName}`,
    createDate: isoSeconds(now),
    createdAtMs: now.getTime(),
    assumeRolePolicyDocument: document,
    ...optional("description", input.string("Description") || undefined),
    maxSessionDuration: input.integer("MaxSessionDuration") ?? 3600,
    ...optional("permissionsBoundaryArn", boundaryArn),
    tags,
    inlinePolicies: {},
    attachedPolicyArns: [],
  };
  account.roles.set(roleName.toLowerCase(), role);
  return { result: { Role: roleXml(role) }, responseElements: { role: roleCloudTrail(role) } };
}

export function getRole(account: IamAccount, input: Input): Outcome {
  return { result: { Role: roleXml(account.role(input.required("RoleName")), { lastUsed: true }) } };
}

export function deleteRole(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  if (role.attachedPolicyArns.length > 0)
    throw deleteConflict("Cannot delete entity, must detach all policies first.");
  if (Object.keys(role.inlinePolicies).length > 0)
    throw deleteConflict("Cannot delete entity, must delete policies first.");
  account.roles.delete(role.roleName.toLowerCase());
  return undefined;
}

export function updateAssumeRolePolicy(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  role.assumeRolePolicyDocument = checkedTrustPolicy(account, input.required("PolicyDocument"));
  return undefined;
}

export function updateRole(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  const description = input.string("Description");
  if (description !== undefined) role.description = description || undefined;
  role.maxSessionDuration = input.integer("MaxSessionDuration") ?? role.maxSessionDuration;
  return undefined;
}

export function updateRoleDescription(account: IamAccount, input: Input): Outcome {
  const role = account.role(input.required("RoleName"));
  role.description = input.required("Description");
  return { result: { Role: roleXml(role) }, responseElements: { role: roleCloudTrail(role) } };
}

export function listRoles(account: IamAccount, input: Input): Outcome {
  const prefix = input.string("PathPrefix") ?? "/";
  const roles = [...account.roles.values()].filter((r) => r.path.startsWith(prefix));
  const { page: listed, ...more } = paginate(roles, (r) => r.roleName.toLowerCase(), input);
  return { result: { Roles: listed.map((r) => roleXml(r, { summary: true })), ...more } };
}

export function putRolePermissionsBoundary(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  role.permissionsBoundaryArn = account.existingBoundary(input.required("PermissionsBoundary"));
  return undefined;
}

export function deleteRolePermissionsBoundary(account: IamAccount, input: Input): Outcome | undefined {
  delete account.role(input.required("RoleName")).permissionsBoundaryArn;
  return undefined;
}
