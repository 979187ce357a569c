import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleDescriptionCommand,
} from "@aws-sdk/client-iam";
import { RetryableError } from "../errors.ts";
import { parsePolicyDocument } from "../policy/canonical.ts";
import type { PolicyDocument } from "../policy/types.ts";
import { isSdkError, required, translate } from "./errors.ts";

/** The IAM adapter: SDK calls and error mapping, nothing else. */

export interface RoleState {
  arn: string;
  path: string;
  trustPolicy: PolicyDocument;
  boundaryArn?: string;
  description?: string;
  tags: Record<string, string>;
}

export interface NewRole {
  name: string;
  path: string;
  trustPolicy: PolicyDocument;
  boundaryArn: string;
  description: string;
  tags: Record<string, string>;
}

const toTagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

async function call<T>(doing: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw translate(error, doing);
  }
}

/** The role, or undefined when IAM has no role of that name. */
export async function getRole(iam: IAMClient, name: string): Promise<RoleState | undefined> {
  try {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    if (!role?.Arn) return undefined;
    return {
      arn: role.Arn,
      path: role.Path ?? "/",
      // IAM returns documents URL-encoded; the SDK does not decode them.
      trustPolicy: parsePolicyDocument(role.AssumeRolePolicyDocument ?? "{}"),
      boundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn,
      description: role.Description,
      tags: Object.fromEntries((role.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
    };
  } catch (error) {
    if (isSdkError(error, "NoSuchEntityException")) return undefined;
    throw translate(error, `Reading role ${name}`);
  }
}

/** Creates the role; `false` when a role of that name already exists (the caller reads and converges). */
export async function createRole(
  iam: IAMClient,
  role: NewRole,
): Promise<{ created: true; arn: string } | { created: false }> {
  try {
    const { Role: created } = await iam.send(
      new CreateRoleCommand({
        RoleName: role.name,
        Path: role.path,
        AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
        PermissionsBoundary: role.boundaryArn,
        Description: role.description,
        Tags: toTagList(role.tags),
      }),
    );
    return { created: true, arn: required(created?.Arn, "Arn", `the new role ${role.name}`) };
  } catch (error) {
    if (isSdkError(error, "EntityAlreadyExistsException")) return { created: false };
    throw translate(error, `Creating role ${role.name}`);
  }
}

export const updateTrustPolicy = (iam: IAMClient, name: string, document: PolicyDocument) =>
  call(`Updating the trust policy of role ${name}`, () =>
    iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(document) })),
  );

export const putPermissionsBoundary = (iam: IAMClient, name: string, boundaryArn: string) =>
  call(`Setting the permissions boundary of role ${name}`, () =>
    iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: name, PermissionsBoundary: boundaryArn })),
  );

export const updateDescription = (iam: IAMClient, name: string, description: string) =>
  call(`Updating the description of role ${name}`, () =>
    iam.send(new UpdateRoleDescriptionCommand({ RoleName: name, Description: description })),
  );

export const tagRole = (iam: IAMClient, name: string, tags: Record<string, string>) =>
  call(`Tagging role ${name}`, () => iam.send(new TagRoleCommand({ RoleName: name, Tags: toTagList(tags) })));

export const untagRole = (iam: IAMClient, name: string, keys: string[]) =>
  call(`Untagging role ${name}`, () => iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: keys })));

/** The inline policy, or undefined when the role has none of that name. */
export async function getRolePolicy(
  iam: IAMClient,
  role: string,
  policy: string,
): Promise<PolicyDocument | undefined> {
  try {
    const { PolicyDocument: document } = await iam.send(
      new GetRolePolicyCommand({ RoleName: role, PolicyName: policy }),
    );
    return document ? parsePolicyDocument(document) : undefined;
  } catch (error) {
    if (isSdkError(error, "NoSuchEntityException")) return undefined;
    throw translate(error, `Reading inline policy ${policy} of role ${role}`);
  }
}

export const putRolePolicy = (iam: IAMClient, role: string, policy: string, document: PolicyDocument) =>
  call(`Writing inline policy ${policy} of role ${role}`, () =>
    iam.send(
      new PutRolePolicyCommand({
        RoleName: role,
        PolicyName: policy,
        PolicyDocument: JSON.stringify(document),
      }),
    ),
  );

/** Deletes an inline policy; a policy (or role) that is already gone is success. */
export async function deleteRolePolicy(iam: IAMClient, role: string, policy: string): Promise<void> {
  try {
    await iam.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: policy }));
  } catch (error) {
    if (isSdkError(error, "NoSuchEntityException")) return;
    throw translate(error, `Deleting inline policy ${policy} of role ${role}`);
  }
}

export async function listInlinePolicies(iam: IAMClient, role: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await call(`Listing inline policies of role ${role}`, () =>
      iam.send(new ListRolePoliciesCommand({ RoleName: role, Marker: marker })),
    );
    names.push(...(page.PolicyNames ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return names;
}

export async function listAttachedPolicies(iam: IAMClient, role: string): Promise<string[]> {
  const arns: string[] = [];
  let marker: string | undefined;
  do {
    const page = await call(`Listing managed policies attached to role ${role}`, () =>
      iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, Marker: marker })),
    );
    arns.push(...(page.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? "").filter(Boolean));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return arns;
}

export async function detachPolicy(iam: IAMClient, role: string, policyArn: string): Promise<void> {
  try {
    await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: policyArn }));
  } catch (error) {
    if (isSdkError(error, "NoSuchEntityException")) return;
    throw translate(error, `Detaching ${policyArn} from role ${role}`);
  }
}

/** Deletes the role; one that is already gone is success. */
export async function deleteRole(iam: IAMClient, name: string): Promise<void> {
  try {
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
  } catch (error) {
    if (isSdkError(error, "NoSuchEntityException")) return;
    // DeleteConflict: a policy was attached between our clean-up and the delete; the next try cleans it too.
    if (isSdkError(error, "DeleteConflictException")) {
      throw new RetryableError(`Deleting role ${name} failed, will retry: ${error.message}`, {
        cause: error,
      });
    }
    throw translate(error, `Deleting role ${name}`);
  }
}
