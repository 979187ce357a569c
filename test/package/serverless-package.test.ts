/**
 * What `serverless package` actually generates, checked statement by statement: the provisioner's
 * own roles must be as narrow as the roles it creates. Structural checks read the CloudFormation
 * template; semantic checks evaluate the packaged function roles with a real IAM policy evaluator
 * (`@cloud-copilot/iam-simulate`), after substituting CloudFormation's intrinsic functions with
 * concrete values (partition aws, region eu-west-1, account 111122223333).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type CfnResource, type CfnTemplate, PROJECT_ROOT, readTemplate } from "#sandbox/template.ts";
import { boundaryPolicy, evaluate, type Policy, SCOPE } from "../support/iam-simulation.ts";

const STAGE = "dev";
const STACK = `pod-identity-provisioner-${STAGE}`;
/** Where the boundary lands when deployed (a ManagedPolicy's Ref is its ARN). */
const BOUNDARY_ARN = `arn:aws:iam::${SCOPE.account}:policy/pod-identity/pod-identity-provisioner-dev-boundary`;
const POD_IDENTITY = "pods.eks.amazonaws.com";
const MAX_BUNDLE_BYTES = 200 * 1024;

interface Statement {
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
interface FoundPolicy {
  /** Logical id of the role or managed policy. */
  owner: string;
  /** `trust`, the inline policy's name, or the managed policy's logical id. */
  name: string;
  statements: Statement[];
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const actionsOf = (statement: Statement): string[] => [
  ...asArray(statement.Action),
  ...asArray(statement.NotAction),
];
const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

let packageDir: string;
let template: CfnTemplate;

beforeAll(() => {
  // test/support/global-setup.ts ran `serverless package --stage dev` once for the whole run
  // (offline, dummy credentials, telemetry off), through the project's one packaging mechanism.
  packageDir = inject("packageDir");
  template = readTemplate(packageDir);
});

function resourcesOf(type: string): Array<[string, CfnResource]> {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function properties<T>(id: string): T {
  const resource = template.Resources[id];
  if (!resource?.Properties) throw new Error(`The template has no resource ${id} with properties`);
  return resource.Properties as T;
}

function policiesInTemplate(): FoundPolicy[] {
  const found: FoundPolicy[] = [];
  const statementsOf = (document: unknown) =>
    asArray((document as { Statement: Statement | Statement[] }).Statement);
  for (const [id, resource] of Object.entries(template.Resources)) {
    const props = (resource.Properties ?? {}) as Record<string, unknown>;
    if (resource.Type === "AWS::IAM::Role") {
      found.push({
        owner: id,
        name: "trust",
        statements: statementsOf(props.AssumeRolePolicyDocument),
      });
      for (const policy of asArray(
        props.Policies as Array<{ PolicyName: string; PolicyDocument: unknown }>,
      )) {
        found.push({
          owner: id,
          name: policy.PolicyName,
          statements: statementsOf(policy.PolicyDocument),
        });
      }
    } else if (resource.Type === "AWS::IAM::ManagedPolicy" || resource.Type === "AWS::IAM::Policy") {
      found.push({ owner: id, name: id, statements: statementsOf(props.PolicyDocument) });
    }
  }
  return found;
}

/** The functions, by logical id, with the logical id of the role each one uses. */
function functions(): Array<{ id: string; roleId: string; props: Record<string, unknown> }> {
  return resourcesOf("AWS::Lambda::Function").map(([id, resource]) => {
    const props = resource.Properties as Record<string, unknown>;
    const role = props.Role as { "Fn::GetAtt"?: [string, string] };
    return { id, roleId: role["Fn::GetAtt"]?.[0] ?? "", props };
  });
}

function functionRoleIds(): string[] {
  return functions().map((f) => f.roleId);
}

// ---------------------------------------------------------------------------------------------
// CloudFormation intrinsics → concrete values, as CloudFormation would return them at deploy time.
// ---------------------------------------------------------------------------------------------

function refOf(id: string): string {
  const pseudo: Record<string, string> = {
    "AWS::Partition": SCOPE.partition,
    "AWS::Region": SCOPE.region,
    "AWS::AccountId": SCOPE.account,
  };
  if (pseudo[id]) return pseudo[id];
  const resource = template.Resources[id];
  const props = (resource?.Properties ?? {}) as Record<string, string>;
  switch (resource?.Type) {
    case "AWS::IAM::ManagedPolicy":
      return `arn:${SCOPE.partition}:iam::${SCOPE.account}:policy${props.Path ?? "/"}${props.ManagedPolicyName}`;
    case "AWS::IAM::Role":
      return props.RoleName ?? `${STACK}-${id}`;
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

function arnOf(id: string): string {
  const type = template.Resources[id]?.Type;
  switch (type) {
    case "AWS::IAM::Role":
      return `arn:${SCOPE.partition}:iam::${SCOPE.account}:role/${refOf(id)}`;
    case "AWS::DynamoDB::Table":
      return `arn:${SCOPE.partition}:dynamodb:${SCOPE.region}:${SCOPE.account}:table/${refOf(id)}`;
    case "AWS::Lambda::Function":
      return `arn:${SCOPE.partition}:lambda:${SCOPE.region}:${SCOPE.account}:function:${refOf(id)}`;
    case "AWS::StepFunctions::StateMachine":
      return refOf(id);
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

function resolve(value: unknown): unknown {
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
function inlinePoliciesOf(roleId: string): Policy[] {
  const props = properties<{ Policies?: Array<{ PolicyDocument: unknown }> }>(roleId);
  return asArray(props.Policies).map((p) => resolve(p.PolicyDocument) as Policy);
}

/** A request by the role's session (the Lambda function's credentials), evaluated with its policies. */
function asRole(
  roleId: string,
  action: string,
  resource: string,
  context: Record<string, string> = {},
): ReturnType<typeof evaluate> {
  return evaluate({
    principal: `arn:${SCOPE.partition}:sts::${SCOPE.account}:assumed-role/${refOf(roleId)}/${roleId}-session`,
    action,
    resource,
    context,
    identityPolicies: inlinePoliciesOf(roleId),
  });
}

/** Logical id of the function's role, by the function's key in serverless.yml. */
function roleOfFunction(key: string): string {
  const fn = functions().find((f) => f.id === `${capitalize(key)}LambdaFunction`);
  if (!fn) throw new Error(`No function ${key} in the template`);
  return fn.roleId;
}

/** Uncompressed size of each entry of a zip file, read from its central directory. */
function zipEntrySizes(file: string): Map<string, number> {
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

/** Every `{ "Fn::GetAtt": [key, "Arn"] }` in an ASL file: the functions its Task states call. */
function functionKeysIn(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) functionKeysIn(item, keys);
  else if (value !== null && typeof value === "object") {
    const getAtt = (value as Record<string, unknown>)["Fn::GetAtt"];
    if (Array.isArray(getAtt)) keys.add(String(getAtt[0]));
    for (const item of Object.values(value)) functionKeysIn(item, keys);
  }
  return keys;
}

/** Logical id of the role a state machine runs as (the plugin generates it). */
function stateMachineRoleId(id: string): string {
  return properties<{ RoleArn: { "Fn::GetAtt": [string, string] } }>(id).RoleArn["Fn::GetAtt"][0];
}

/** Each ASL file with its state machine's logical id and the functions it needs (logical ids). */
function stateMachines(): Array<{ file: string; id: string; needs: string[] }> {
  const dir = join(PROJECT_ROOT, "statemachines");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".asl.json"))
    .sort()
    .map((file) => {
      const definition: unknown = JSON.parse(readFileSync(join(dir, file), "utf8"));
      return {
        file,
        id: `${capitalize(file.replace(/\.asl\.json$/, ""))}StateMachine`,
        needs: [...functionKeysIn(definition)].map((key) => `${capitalize(key)}LambdaFunction`).sort(),
      };
    });
}

describe("serverless package: IAM in the template", () => {
  it("writes no action with a wildcard in any statement of any role or managed policy", () => {
    // Act
    const policies = policiesInTemplate();
    const offending = policies.flatMap((p) =>
      p.statements
        .flatMap(actionsOf)
        .filter((a) => /[*?]/.test(a))
        .map((a) => `${p.owner}/${p.name}: ${a}`),
    );

    // Assess: every role was looked at, the plugin-generated state machine roles included.
    const owners = new Set(policies.map((p) => p.owner));
    for (const id of [
      ...functionRoleIds(),
      ...stateMachines().map((s) => stateMachineRoleId(s.id)),
      "PermissionsBoundaryPolicy",
    ]) {
      expect(owners).toContain(id);
    }
    expect(offending).toEqual([]);
  });

  it("uses no NotAction or NotResource, and attaches no managed policy to any role", () => {
    // Act
    const inverted = policiesInTemplate().flatMap((p) =>
      p.statements
        .filter((s) => s.NotAction !== undefined || s.NotResource !== undefined)
        .map(() => `${p.owner}/${p.name}`),
    );
    const attached = resourcesOf("AWS::IAM::Role")
      .filter(([, role]) => (role.Properties as Record<string, unknown>).ManagedPolicyArns !== undefined)
      .map(([id]) => id);

    // Assess
    expect(inverted).toEqual([]);
    expect(attached).toEqual([]);
  });

  it("gives each function its own role", () => {
    // Act
    const all = functions();
    const roles = all.map((f) => f.roleId);

    // Assess
    expect(all.length).toBeGreaterThan(0);
    for (const roleId of roles) expect(template.Resources[roleId]?.Type).toBe("AWS::IAM::Role");
    expect(new Set(roles).size).toBe(all.length);
  });

  it("allows iam:CreateRole only to ensureRole's role, on role/pod-identity/pip-*, with the boundary as condition", () => {
    // Act
    const grants = policiesInTemplate().flatMap((p) =>
      p.statements
        .filter(
          (s) => s.Effect === "Allow" && asArray(s.Action).some((a) => a.toLowerCase() === "iam:createrole"),
        )
        .map((statement) => ({ owner: p.owner, statement })),
    );

    // Assess
    expect(grants.map((g) => g.owner)).toEqual([roleOfFunction("ensureRole")]);
    for (const { statement } of grants) {
      const resources = asArray(resolve(statement.Resource) as string | string[]);
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource).toBe(`arn:${SCOPE.partition}:iam::${SCOPE.account}:role/pod-identity/pip-*`);
      }
      expect(statement.Condition?.StringEquals?.["iam:PermissionsBoundary"]).toEqual({
        Ref: "PermissionsBoundaryPolicy",
      });
    }
  });

  it("allows iam:PassRole only to pass roles to EKS Pod Identity", () => {
    // Act
    const grants = policiesInTemplate().flatMap((p) =>
      p.statements.filter(
        (s) => s.Effect === "Allow" && asArray(s.Action).some((a) => a.toLowerCase() === "iam:passrole"),
      ),
    );

    // Assess
    expect(grants.length).toBeGreaterThan(0);
    for (const statement of grants) {
      expect(asArray(statement.Condition?.StringEquals?.["iam:PassedToService"] as string)).toEqual([
        POD_IDENTITY,
      ]);
      expect(resolve(statement.Resource)).toBe(
        `arn:${SCOPE.partition}:iam::${SCOPE.account}:role/pod-identity/pip-*`,
      );
    }
  });

  it("gives no function role a bare '*' resource (so no iam:* action on '*')", () => {
    // Act
    const bare = functionRoleIds().flatMap((roleId) =>
      inlinePoliciesOf(roleId).flatMap((policy) =>
        asArray(policy.Statement as Statement[])
          .filter((s) => asArray(s.Resource as string | string[]).some((r) => r === "*"))
          .map((s) => `${roleId}: ${actionsOf(s).join(", ")}`),
      ),
    );

    // Assess
    expect(functionRoleIds().length).toBeGreaterThan(0);
    expect(bare).toEqual([]);
  });

  it("ships the boundary generated from the catalog (policies/permissions-boundary.json)", () => {
    // Prepare
    const generated: unknown = JSON.parse(
      readFileSync(join(PROJECT_ROOT, "policies", "permissions-boundary.json"), "utf8"),
    );

    // Act
    const packaged = properties<{ PolicyDocument: unknown }>("PermissionsBoundaryPolicy").PolicyDocument;

    // Assess
    expect(packaged).toEqual(generated);
    expect(resolve(packaged)).toEqual(boundaryPolicy(SCOPE));
    expect(refOf("PermissionsBoundaryPolicy")).toBe(BOUNDARY_ARN);
  });
});

describe("serverless package: state machines", () => {
  it("has one state machine per ASL file, each calling at least one function", () => {
    // Act
    const machines = stateMachines();

    // Assess
    expect(machines.length).toBeGreaterThan(0);
    for (const machine of machines) {
      expect(template.Resources[machine.id]?.Type).toBe("AWS::StepFunctions::StateMachine");
      expect(machine.needs.length).toBeGreaterThan(0);
    }
  });

  it("references in each definition exactly the Lambda functions its ASL calls", () => {
    for (const machine of stateMachines()) {
      // Act
      const definition = properties<{ DefinitionString: { "Fn::Sub": [string, Record<string, unknown>] } }>(
        machine.id,
      ).DefinitionString["Fn::Sub"];
      const [text, variables] = definition;
      const referenced = Object.values(variables)
        .map((v) => (v as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"])
        .map(([id, attribute]) => {
          expect(attribute).toBe("Arn");
          return id;
        });
      const placeholders = [...text.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1] as string);

      // Assess
      expect([...new Set(referenced)].sort(), machine.file).toEqual(machine.needs);
      for (const id of referenced) expect(template.Resources[id]?.Type).toBe("AWS::Lambda::Function");
      expect([...new Set(placeholders)].sort(), machine.file).toEqual(Object.keys(variables).sort());
    }
  });

  it("lets each state machine's role only lambda:InvokeFunction the functions it calls", () => {
    for (const machine of stateMachines()) {
      // Prepare
      const roleId = stateMachineRoleId(machine.id);
      const allowed = machine.needs.flatMap((id) => [arnOf(id), `${arnOf(id)}:*`]);

      // Act
      const statements = inlinePoliciesOf(roleId).flatMap((p) => asArray(p.Statement as Statement[]));

      // Assess
      expect(statements.length, machine.id).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.Effect).toBe("Allow");
        expect(asArray(statement.Action)).toEqual(["lambda:InvokeFunction"]);
        for (const resource of asArray(statement.Resource as string | string[])) {
          expect(allowed, `${roleId} may invoke ${resource}`).toContain(resource);
        }
      }
    }
  });

  it("lets each state machine invoke the functions it calls and no other function (evaluated)", async () => {
    // Prepare
    const allFunctions = functions().map((f) => f.id);
    const requests = stateMachines().flatMap((machine) =>
      allFunctions.map((fn) => ({
        machine: machine.id,
        fn,
        needed: machine.needs.includes(fn),
        roleId: stateMachineRoleId(machine.id),
      })),
    );

    // Act
    const decisions = await Promise.all(
      requests.map(async (r) => ({
        ...r,
        decision: await asRole(r.roleId, "lambda:InvokeFunction", arnOf(r.fn)),
      })),
    );

    // Assess: needed functions are allowed; the others are denied (at least one such pair exists:
    // deprovisioning does not call the provisioning steps).
    const wrong = decisions
      .filter((d) => (d.decision === "Allowed") !== d.needed)
      .map((d) => `${d.machine} → ${d.fn}: ${d.decision}`);
    expect(wrong).toEqual([]);
    expect(decisions.some((d) => !d.needed)).toBe(true);
  });
});

describe("serverless package: functions and table", () => {
  it("keeps point-in-time recovery on for the registry table", () => {
    // Act
    const table = properties<{ PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled?: boolean } }>(
      "RegistryTable",
    );

    // Assess
    expect(table.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled).toBe(true);
  });

  it("runs every function on nodejs22.x", () => {
    // Act
    const runtimes = functions().map((f) => [f.id, f.props.Runtime]);

    // Assess
    expect(runtimes.length).toBeGreaterThan(0);
    for (const [id, runtime] of runtimes) expect(runtime, id as string).toBe("nodejs22.x");
  });

  it("packages every function as a zip whose bundled handler is below 200 KB", () => {
    for (const fn of functions()) {
      // Prepare
      const code = fn.props.Code as { S3Key: string };
      const zip = join(packageDir, basename(code.S3Key));
      const handlerFile = `${(fn.props.Handler as string).replace(/\.[^.]+$/, "")}.mjs`;

      // Act
      const sizes = existsSync(zip) ? zipEntrySizes(zip) : new Map<string, number>();

      // Assess
      expect(existsSync(zip), zip).toBe(true);
      expect(sizes.has(handlerFile), `${zip} contains ${handlerFile}`).toBe(true);
      expect(sizes.get(handlerFile), `${handlerFile} bytes`).toBeLessThan(MAX_BUNDLE_BYTES);
    }
  });
});

describe("serverless package: function roles, evaluated", () => {
  const role = (path: string) => `arn:aws:iam::${SCOPE.account}:role/${path}`;
  const OWN_ROLE = role("pod-identity/pip-demo-payments-api-0123456789ab");

  describe("ensureRole", () => {
    const ensureRole = () => roleOfFunction("ensureRole");

    it("may create a pip-* role under /pod-identity/ with the provisioner's boundary", async () => {
      // Act
      const decision = await asRole(ensureRole(), "iam:CreateRole", OWN_ROLE, {
        "iam:PermissionsBoundary": BOUNDARY_ARN,
      });

      // Assess
      expect(decision).toBe("Allowed");
    });

    it("may not create a role without a boundary, or with another boundary", async () => {
      // Act
      const decisions = [
        await asRole(ensureRole(), "iam:CreateRole", OWN_ROLE),
        await asRole(ensureRole(), "iam:CreateRole", OWN_ROLE, {
          "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess",
        }),
        await asRole(ensureRole(), "iam:CreateRole", OWN_ROLE, {
          "iam:PermissionsBoundary": `arn:aws:iam::${SCOPE.account}:policy/pod-identity/other-boundary`,
        }),
      ];

      // Assess
      expect(decisions).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"]);
    });

    it.each(["admin", "pod-identity/other", "pip-x", "team/pip-x"])(
      "may not create a role at %s, even with the boundary",
      async (path) => {
        // Act
        const decision = await asRole(ensureRole(), "iam:CreateRole", role(path), {
          "iam:PermissionsBoundary": BOUNDARY_ARN,
        });

        // Assess
        expect(decision).toBe("ImplicitlyDenied");
      },
    );

    it("may re-bound a managed role only to the provisioner's boundary", async () => {
      // Act
      const own = await asRole(ensureRole(), "iam:PutRolePermissionsBoundary", OWN_ROLE, {
        "iam:PermissionsBoundary": BOUNDARY_ARN,
      });
      const other = await asRole(ensureRole(), "iam:PutRolePermissionsBoundary", OWN_ROLE, {
        "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess",
      });

      // Assess
      expect(own).toBe("Allowed");
      expect(other).toBe("ImplicitlyDenied");
    });

    it.each(["iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePermissionsBoundary"])(
      "may not %s on any role",
      async (action) => {
        // Act: a managed role, another role, and any role at all ('*' evaluates every matching pattern).
        const decisions = [
          await asRole(ensureRole(), action, OWN_ROLE),
          await asRole(ensureRole(), action, role("admin")),
          await asRole(ensureRole(), action, "*"),
        ];

        // Assess
        expect(decisions).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"]);
      },
    );

    it.each(["iam:CreateUser", "iam:CreateAccessKey"])("may not %s on any user", async (action) => {
      // Act
      const decisions = [
        await asRole(ensureRole(), action, `arn:aws:iam::${SCOPE.account}:user/mallory`),
        await asRole(ensureRole(), action, "*"),
      ];

      // Assess
      expect(decisions).toEqual(["ImplicitlyDenied", "ImplicitlyDenied"]);
    });
  });

  describe("ensurePolicy", () => {
    const ensurePolicy = () => roleOfFunction("ensurePolicy");

    it("may put the inline policy of a pip-* role under /pod-identity/", async () => {
      // Act
      const decision = await asRole(ensurePolicy(), "iam:PutRolePolicy", OWN_ROLE);

      // Assess
      expect(decision).toBe("Allowed");
    });

    it.each(["admin", "pod-identity/other", "pip-x", "team/pip-x", "pod-identity-x/pip-x"])(
      "may not put the inline policy of the role at %s",
      async (path) => {
        // Act
        const decision = await asRole(ensurePolicy(), "iam:PutRolePolicy", role(path));

        // Assess
        expect(decision).toBe("ImplicitlyDenied");
      },
    );
  });

  describe("record", () => {
    const record = () => roleOfFunction("record");
    const table = (name: string, region = SCOPE.region) =>
      `arn:aws:dynamodb:${region}:${SCOPE.account}:table/${name}`;

    it("may read and write items of the registry table", async () => {
      // Act
      const get = await asRole(record(), "dynamodb:GetItem", arnOf("RegistryTable"));
      const put = await asRole(record(), "dynamodb:PutItem", arnOf("RegistryTable"));

      // Assess
      expect(get).toBe("Allowed");
      expect(put).toBe("Allowed");
    });

    it("may touch no other table, no index, and the registry table in no other region", async () => {
      // Prepare
      const name = refOf("RegistryTable");
      const elsewhere = [
        table("orders"),
        `${arnOf("RegistryTable")}/index/byCluster`,
        table(name, "us-east-1"),
      ];

      // Act
      const decisions = await Promise.all(
        elsewhere.flatMap((resource) =>
          ["dynamodb:GetItem", "dynamodb:PutItem"].map((action) => asRole(record(), action, resource)),
        ),
      );

      // Assess
      expect(decisions.every((d) => d === "ImplicitlyDenied")).toBe(true);
      expect(decisions).toHaveLength(6);
    });

    it("may not delete items, scan, or delete the table", async () => {
      // Act
      const decisions = await Promise.all(
        ["dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:DeleteTable"].map((action) =>
          asRole(record(), action, arnOf("RegistryTable")),
        ),
      );

      // Assess
      expect(decisions).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"]);
    });

    it("has no non-logging permission on anything but the registry table", () => {
      // Act
      const resources = inlinePoliciesOf(record())
        .flatMap((p) => asArray(p.Statement as Statement[]))
        .filter((s) => !actionsOf(s).every((a) => a.startsWith("logs:")))
        .flatMap((s) => asArray(s.Resource as string | string[]));

      // Assess
      expect(resources.length).toBeGreaterThan(0);
      expect(new Set(resources)).toEqual(new Set([arnOf("RegistryTable")]));
    });
  });

  it("no function role may act on a role in a path nested under /pod-identity/pip-*/", async () => {
    // Prepare: `role/pod-identity/pip-*` also matches `role/pod-identity/pip-team/admin` (IAM's '*'
    // matches '/'): a role named `admin` the provisioner did not create. Each IAM action a function
    // role allows must work on a managed role and not on that one.
    const nested = role("pod-identity/pip-team/admin");
    const contextFor: Record<string, Record<string, string>> = {
      "iam:CreateRole": { "iam:PermissionsBoundary": BOUNDARY_ARN },
      "iam:PutRolePermissionsBoundary": { "iam:PermissionsBoundary": BOUNDARY_ARN },
      "iam:PassRole": { "iam:PassedToService": POD_IDENTITY },
    };
    const pairs = functionRoleIds().flatMap((roleId) =>
      inlinePoliciesOf(roleId)
        .flatMap((p) => asArray(p.Statement as Statement[]))
        .filter((s) => s.Effect === "Allow")
        .flatMap((s) => asArray(s.Action).filter((a) => a.startsWith("iam:")))
        .map((action) => ({ roleId, action })),
    );

    // Act
    const decisions = await Promise.all(
      pairs.map(async ({ roleId, action }) => ({
        grant: `${roleId} ${action}`,
        own: await asRole(roleId, action, OWN_ROLE, contextFor[action]),
        nested: await asRole(roleId, action, nested, contextFor[action]),
      })),
    );

    // Assess
    expect(pairs.length).toBeGreaterThan(0);
    expect(decisions.filter((d) => d.own !== "Allowed").map((d) => d.grant)).toEqual([]);
    expect(decisions.filter((d) => d.nested === "Allowed").map((d) => d.grant)).toEqual([]);
  });
});
