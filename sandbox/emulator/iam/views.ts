import type { XmlValue } from "../query-protocol.ts";
import { FIRST_POLICY_VERSION } from "./limits.ts";
import type { IamPolicy, IamRole, IamUser, Tag } from "./state.ts";

/**
 * How IAM shows its entities: the XML members of its responses, and the responseElements
 * CloudTrail logs for a write. IAM returns policy documents URL-encoded; the SDKs do not decode them.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ISO-8601 to the second: IAM's timestamps carry no milliseconds. */
export function isoSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** CloudTrail writes IAM dates in responseElements as Java's default format, in UTC: "Jul 30, 2024 9:53:13 PM". */
export function cloudTrailDate(iso: string): string {
  const date = new Date(iso);
  const hours = date.getUTCHours();
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ` +
    `${hours % 12 || 12}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`
  );
}

/** `{ [name]: value }`, or nothing when the value is undefined: for optional members of stored records. */
export const optional = <K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };

export const tagsXml = (tags: readonly Tag[]): XmlValue =>
  tags.length === 0 ? undefined : tags.map((tag) => ({ Key: tag.Key, Value: tag.Value }));

const boundaryXml = (arn: string | undefined): XmlValue =>
  arn === undefined ? undefined : { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn };

/**
 * A Role. List operations leave out PermissionsBoundary and Tags (IAM API Reference, ListRoles);
 * only GetRole returns RoleLastUsed, an empty structure for a role never used (recorded AWS
 * answers: `"RoleLastUsed": {}`). Nothing in the sandbox uses a role yet, so it stays empty.
 */
export function roleXml(
  role: IamRole,
  options: { summary?: boolean; lastUsed?: boolean } = {},
): Record<string, XmlValue> {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: options.summary ? undefined : boundaryXml(role.permissionsBoundaryArn),
    Tags: options.summary ? undefined : tagsXml(role.tags),
    RoleLastUsed: options.lastUsed ? {} : undefined,
  };
}

/** CreateRole's responseElements.role, with the fields real records carry. */
export function roleCloudTrail(role: IamRole): Record<string, unknown> {
  return {
    path: role.path,
    roleName: role.roleName,
    roleId: role.roleId,
    arn: role.arn,
    createDate: cloudTrailDate(role.createDate),
    assumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    ...(role.permissionsBoundaryArn !== undefined && {
      permissionsBoundary: {
        permissionsBoundaryArn: role.permissionsBoundaryArn,
        permissionsBoundaryType: "Policy",
      },
    }),
  };
}

/** A Policy, with its attachment counts. Only GetPolicy returns the description (IAM API Reference, Policy). */
export function policyXml(
  policy: IamPolicy,
  usage: { attachments: number; boundaries: number },
  options: { description?: boolean } = {},
): Record<string, XmlValue> {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: FIRST_POLICY_VERSION,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: true,
    Description: options.description ? policy.description : undefined,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    Tags: tagsXml(policy.tags),
  };
}

/** CreatePolicy's responseElements.policy. */
export function policyCloudTrail(
  policy: IamPolicy,
  usage: { attachments: number; boundaries: number },
): Record<string, unknown> {
  return {
    policyName: policy.policyName,
    policyId: policy.policyId,
    arn: policy.arn,
    path: policy.path,
    defaultVersionId: FIRST_POLICY_VERSION,
    attachmentCount: usage.attachments,
    permissionsBoundaryUsageCount: usage.boundaries,
    isAttachable: true,
    createDate: cloudTrailDate(policy.createDate),
    updateDate: cloudTrailDate(policy.updateDate),
  };
}

/**
 * A PolicyVersion: GetPolicyVersion returns the document (URL-encoded), ListPolicyVersions does not
 * (IAM API Reference, PolicyVersion).
 */
export function policyVersionXml(
  policy: IamPolicy,
  options: { document?: boolean } = {},
): Record<string, XmlValue> {
  return {
    Document: options.document ? encodeURIComponent(policy.document) : undefined,
    VersionId: FIRST_POLICY_VERSION,
    IsDefaultVersion: true,
    CreateDate: policy.createDate,
  };
}

/** A User. ListUsers leaves out PermissionsBoundary and Tags (IAM API Reference, ListUsers). */
export function userXml(user: IamUser, options: { summary?: boolean } = {}): Record<string, XmlValue> {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    PermissionsBoundary: options.summary ? undefined : boundaryXml(user.permissionsBoundaryArn),
    Tags: options.summary ? undefined : tagsXml(user.tags),
  };
}

/** CreateUser's responseElements.user. */
export function userCloudTrail(user: IamUser): Record<string, unknown> {
  return {
    path: user.path,
    userName: user.userName,
    userId: user.userId,
    arn: user.arn,
    createDate: cloudTrailDate(user.createDate),
  };
}
