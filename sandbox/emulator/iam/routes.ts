import { FIELDS as F, PAGE } from "./input.ts";
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  getPolicyVersion,
  listPolicies,
  listPolicyVersions,
} from "./managed-policies.ts";
import type { Operation } from "./operation.ts";
import {
  attachRolePolicy,
  deleteRolePolicy,
  detachRolePolicy,
  getRolePolicy,
  listAttachedRolePolicies,
  listRolePolicies,
  putRolePolicy,
} from "./role-policies.ts";
import {
  createRole,
  deleteRole,
  deleteRolePermissionsBoundary,
  getRole,
  listRoles,
  putRolePermissionsBoundary,
  updateAssumeRolePolicy,
  updateRole,
  updateRoleDescription,
} from "./roles.ts";
import { listRoleTags, tagRole, untagRole } from "./tags.ts";
import {
  createAccessKey,
  createUser,
  deleteAccessKey,
  deleteUser,
  getUser,
  listAccessKeys,
  listUsers,
  updateAccessKey,
} from "./users.ts";

/**
 * IAM's actions: the Query protocol's `Action` → the members the action takes (with the model's
 * constraints) and the function that serves it. The only route table of the IAM emulation.
 */

const role = { RoleName: F.roleName };

export const IAM_ROUTES: Readonly<Record<string, Operation>> = {
  // Roles (roles.ts)
  CreateRole: {
    input: {
      Path: F.path,
      RoleName: F.roleName,
      AssumeRolePolicyDocument: F.policyDocument,
      Description: F.roleDescription,
      MaxSessionDuration: F.maxSessionDuration,
      PermissionsBoundary: F.boundaryArn,
      Tags: F.tags,
    },
    run: createRole,
  },
  GetRole: { input: role, run: getRole },
  DeleteRole: { input: role, run: deleteRole },
  UpdateAssumeRolePolicy: {
    input: { ...role, PolicyDocument: F.policyDocument },
    run: updateAssumeRolePolicy,
  },
  UpdateRole: {
    input: { ...role, Description: F.roleDescription, MaxSessionDuration: F.maxSessionDuration },
    run: updateRole,
  },
  UpdateRoleDescription: {
    input: { ...role, Description: { ...F.roleDescription, required: true } },
    run: updateRoleDescription,
  },
  ListRoles: { input: { PathPrefix: F.pathPrefix, ...PAGE }, run: listRoles },
  PutRolePermissionsBoundary: {
    input: { ...role, PermissionsBoundary: { ...F.boundaryArn, required: true } },
    run: putRolePermissionsBoundary,
  },
  DeleteRolePermissionsBoundary: { input: role, run: deleteRolePermissionsBoundary },

  // A role's inline and attached policies (role-policies.ts)
  PutRolePolicy: {
    input: { ...role, PolicyName: F.policyName, PolicyDocument: F.policyDocument },
    run: putRolePolicy,
  },
  GetRolePolicy: { input: { ...role, PolicyName: F.policyName }, run: getRolePolicy },
  DeleteRolePolicy: { input: { ...role, PolicyName: F.policyName }, run: deleteRolePolicy },
  ListRolePolicies: { input: { ...role, ...PAGE }, run: listRolePolicies },
  AttachRolePolicy: { input: { ...role, PolicyArn: F.policyArn }, run: attachRolePolicy },
  DetachRolePolicy: { input: { ...role, PolicyArn: F.policyArn }, run: detachRolePolicy },
  ListAttachedRolePolicies: {
    input: { ...role, PathPrefix: F.pathPrefix, ...PAGE },
    run: listAttachedRolePolicies,
  },

  // Role tags (tags.ts)
  TagRole: { input: { ...role, Tags: { ...F.tags, required: true } }, run: tagRole },
  UntagRole: { input: { ...role, TagKeys: F.tagKeys }, run: untagRole },
  ListRoleTags: { input: { ...role, ...PAGE }, run: listRoleTags },

  // Managed policies (managed-policies.ts)
  CreatePolicy: {
    input: {
      PolicyName: F.policyName,
      Path: F.policyPath,
      PolicyDocument: F.policyDocument,
      Description: F.policyDescription,
      Tags: F.tags,
    },
    run: createPolicy,
  },
  GetPolicy: { input: { PolicyArn: F.policyArn }, run: getPolicy },
  DeletePolicy: { input: { PolicyArn: F.policyArn }, run: deletePolicy },
  ListPolicies: {
    input: { Scope: F.policyScope, OnlyAttached: F.boolean, PathPrefix: F.pathPrefix, ...PAGE },
    run: listPolicies,
  },
  GetPolicyVersion: {
    input: { PolicyArn: F.policyArn, VersionId: F.policyVersionId },
    run: getPolicyVersion,
  },
  ListPolicyVersions: { input: { PolicyArn: F.policyArn, ...PAGE }, run: listPolicyVersions },

  // Users and access keys (users.ts)
  CreateUser: {
    input: { Path: F.path, UserName: F.userName, PermissionsBoundary: F.boundaryArn, Tags: F.tags },
    run: createUser,
  },
  GetUser: { input: { UserName: F.optionalUserName }, run: getUser },
  DeleteUser: { input: { UserName: F.userName }, run: deleteUser },
  ListUsers: { input: { PathPrefix: F.pathPrefix, ...PAGE }, run: listUsers },
  CreateAccessKey: { input: { UserName: F.optionalUserName }, run: createAccessKey },
  UpdateAccessKey: {
    input: { UserName: F.optionalUserName, AccessKeyId: F.accessKeyId, Status: F.status },
    run: updateAccessKey,
  },
  DeleteAccessKey: {
    input: { UserName: F.optionalUserName, AccessKeyId: F.accessKeyId },
    run: deleteAccessKey,
  },
  ListAccessKeys: { input: { UserName: F.optionalUserName, ...PAGE }, run: listAccessKeys },
};

/** The operation an `Action` names, if IAM has it here. */
export function routeOf(action: string): Operation | undefined {
  return Object.hasOwn(IAM_ROUTES, action) ? IAM_ROUTES[action] : undefined;
}
