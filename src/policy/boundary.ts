import { MANAGED } from "../constants.ts";
import { ConfigurationError } from "../errors.ts";
import type { Tenant } from "../tenancy/tenancy.ts";
import { policySize, stableStringify } from "./canonical.ts";
import { CATALOG, type StatementTemplate } from "./catalog.ts";
import type { Scope } from "./render.ts";
import type { ConditionBlock } from "./types.ts";

/**
 * The permissions boundary of a tenant's roles: what a hand-widened (or compromised) inline policy
 * of any of its grants could reach at most. Generated from the tenancy, one managed policy per
 * tenant (`<stack prefix>-boundary-<tenant>` under `/pod-identity/`):
 *
 * - **Allow** exactly the catalog actions of the templates the tenant may use, on the resources
 *   those templates render to when each resource parameter is one of the tenant's patterns (the
 *   patterns are IAM wildcards, so they go into the ARNs as they are: what `authorize` lets a
 *   request name, the boundary lets the role reach). A parameter the tenancy does not bound (S3
 *   `prefix`, KMS `viaService`) is never guessed: an optional condition on it is dropped, a
 *   mandatory one widened to `*` (`kms:ViaService` becomes "any service of this region"). Role
 *   chaining: `sts:AssumeRole` and `sts:TagSession` on the tenant's target-role patterns.
 * - **Deny**, in every boundary: IAM and Organizations, STS except on the tenant's target roles,
 *   and every action on the provisioner's own resources in any region (registry table, event bus
 *   and its rules, state machines and executions, functions, function roles, boundaries, queues and
 *   topics named after the stack), so no target-role or resource pattern, however wide, reaches them.
 *
 * Statements carry CloudFormation pseudo-parameter placeholders (`${AWS::Partition}`,
 * `${AWS::Region}`, `${AWS::AccountId}`) for `serverless.yml`'s `Fn::Sub`; `tenantBoundaryDocument`
 * substitutes them for one partition, region and account (the sandbox creates its boundaries so).
 */
export interface BoundaryStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

export interface BoundaryDocument {
  Version: "2012-10-17";
  Statement: BoundaryStatement[];
}

/**
 * IAM's limit for a customer managed policy: 6,144 characters, whitespace not counted. IAM User
 * Guide, "IAM and AWS STS quotas" (managed policy size).
 */
export const MANAGED_POLICY_CHARACTERS = 6_144;

const PSEUDO = {
  partition: "${AWS::Partition}",
  region: "${AWS::Region}",
  account: "${AWS::AccountId}",
} as const;

/** Operators a widened (`*`) condition value needs: the wildcard only means "anything" under *Like. */
const WIDENED_OPERATOR: Record<string, string> = {
  StringEquals: "StringLike",
  StringLike: "StringLike",
  ArnEquals: "ArnLike",
  ArnLike: "ArnLike",
};

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1] as string);

/** Fills a catalog text: pseudo parameters, bounded parameters with `bound`, anything else with `*`. */
function fill(text: string, bound: Record<string, string>): string {
  return text
    .replace(/\$\{(\w+)\}/g, (_, name: string) => {
      if (name in PSEUDO) return PSEUDO[name as keyof typeof PSEUDO];
      return bound[name] ?? "*";
    })
    .replace(/\*{2,}/g, "*");
}

/** Every assignment of one pattern to each bounded parameter a statement's resources name. */
function assignments(names: string[], scope: Record<string, string[]>): Array<Record<string, string>> {
  return names.reduce<Array<Record<string, string>>>(
    (partial, name) =>
      partial.flatMap((assigned) => (scope[name] ?? []).map((pattern) => ({ ...assigned, [name]: pattern }))),
    [{}],
  );
}

/**
 * A catalog statement's conditions as the boundary keeps them: those on pseudo parameters and
 * bounded parameters as they are; optional ones on an unbounded parameter dropped; mandatory ones
 * on an unbounded parameter widened to `*`. Throws on a condition it cannot widen without guessing.
 */
function boundaryCondition(
  statement: StatementTemplate,
  bounded: ReadonlySet<string>,
  template: string,
): ConditionBlock | undefined {
  const result: ConditionBlock = {};
  for (const { when, unless, condition } of statement.conditions ?? []) {
    if ((when !== undefined && !bounded.has(when)) || (unless !== undefined && !bounded.has(unless)))
      continue;
    for (const [operator, block] of Object.entries(condition)) {
      for (const [key, value] of Object.entries(block)) {
        const values = Array.isArray(value) ? value : [value];
        const parameters = values.flatMap(placeholders).filter((name) => !(name in PSEUDO));
        // Conditions name the grant's scope or an optional refinement, never the bounded resource
        // itself; if the catalog ever does, the boundary must be taught to render it per pattern.
        if (parameters.some((name) => bounded.has(name))) {
          throw new Error(
            `Catalog template ${template}: condition ${operator} ${key} names a resource parameter`,
          );
        }
        const target = parameters.length > 0 ? WIDENED_OPERATOR[operator] : operator;
        if (target === undefined) {
          throw new Error(
            `Catalog template ${template}: condition ${operator} ${key} depends on a parameter the tenancy does not bound, and cannot be widened`,
          );
        }
        const filled = values.map((v) => fill(v, {}));
        result[target] = { ...result[target], [key]: filled.length === 1 ? (filled[0] as string) : filled };
      }
    }
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function allowStatements(tenant: Tenant): BoundaryStatement[] {
  // (condition, resource) → actions, then (condition, actions) → resources: the smallest document
  // that allows exactly the union of what each template allows.
  const actionsOf = new Map<
    string,
    { condition: ConditionBlock | undefined; resource: string; actions: Set<string> }
  >();
  const templates = tenant.templates as Record<string, Record<string, string[]> | undefined>;
  for (const [template, scope] of Object.entries(templates)) {
    const definition = CATALOG[template as keyof typeof CATALOG];
    if (!definition || !scope) continue;
    const bounded = new Set(Object.keys(scope));
    for (const statement of definition.statements) {
      // A statement rendered only `when`/`unless` a parameter is given is kept either way: the
      // boundary must allow whatever any request could render.
      const condition = boundaryCondition(statement, bounded, template);
      const names = [...new Set(statement.resources.flatMap(placeholders))].filter((n) => bounded.has(n));
      for (const assigned of assignments(names, scope)) {
        for (const resource of statement.resources.map((r) => fill(r, assigned))) {
          const key = `${stableStringify(condition ?? null)}\n${resource}`;
          const entry = actionsOf.get(key) ?? { condition, resource, actions: new Set<string>() };
          for (const action of statement.actions) entry.actions.add(action);
          actionsOf.set(key, entry);
        }
      }
    }
  }
  const merged = new Map<string, BoundaryStatement & { Resource: string[] }>();
  for (const { condition, resource, actions } of actionsOf.values()) {
    const Action = [...actions].sort();
    const key = stableStringify({ a: Action, c: condition ?? null });
    const existing = merged.get(key);
    if (existing) existing.Resource.push(resource);
    else
      merged.set(key, {
        Effect: "Allow",
        Action,
        Resource: [resource],
        ...(condition ? { Condition: condition } : {}),
      });
  }
  const statements: BoundaryStatement[] = [...merged.values()]
    .map((s) => ({ ...s, Resource: [...new Set(s.Resource)].sort() }))
    .sort((a, b) => stableStringify(a).localeCompare(stableStringify(b)));
  const targets = tenant.targetRoles ?? [];
  if (targets.length > 0) {
    statements.push({
      Sid: "ChainToTargetRoles",
      Effect: "Allow",
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Resource: [...targets],
    });
  }
  return statements;
}

/** The provisioner's own resources, named from the stack prefix, in every region of the account. */
export function provisionerResources(stackPrefix: string): string[] {
  const arn = (service: string, rest: string, region = "*") =>
    `arn:${PSEUDO.partition}:${service}:${region}:${PSEUDO.account}:${rest}`;
  return [
    // The table, its indexes and streams (`table/<name>/index/…`, `/stream/…`: IAM's '*' matches '/').
    arn("dynamodb", `table/${stackPrefix}-*`),
    arn("events", `event-bus/${stackPrefix}`),
    // Rules on the bus (`rule/<bus>/<rule>`) and rules named after the stack on any bus.
    arn("events", `rule/${stackPrefix}*`),
    arn("states", `stateMachine:${stackPrefix}-*`),
    arn("states", `execution:${stackPrefix}-*`),
    arn("lambda", `function:${stackPrefix}-*`),
    // CloudFormation names the function roles `<stack>-<logical id>-<suffix>`.
    arn("iam", `role/${stackPrefix}-*`, ""),
    arn("iam", `policy${MANAGED.boundaryPolicyPath}${stackPrefix}-*`, ""),
    arn("sqs", `${stackPrefix}-*`),
    arn("sns", `${stackPrefix}-*`),
  ];
}

function denyStatements(tenant: Tenant, stackPrefix: string): BoundaryStatement[] {
  const targets = tenant.targetRoles ?? [];
  return [
    { Sid: "DenyIamAndOrganizations", Effect: "Deny", Action: ["iam:*", "organizations:*"], Resource: "*" },
    targets.length > 0
      ? { Sid: "DenyStsButTargetRoles", Effect: "Deny", Action: "sts:*", NotResource: [...targets] }
      : { Sid: "DenySts", Effect: "Deny", Action: "sts:*", Resource: "*" },
    { Sid: "DenyProvisioner", Effect: "Deny", Action: "*", Resource: provisionerResources(stackPrefix) },
  ];
}

/**
 * The boundary's size as IAM counts it, whatever the partition, region and account: placeholders
 * are at least as long as any value they stand for, except `${AWS::Region}` (13 characters), which
 * is counted as 16 to cover the longest region names.
 */
function deployedSize(document: BoundaryDocument): number {
  return policySize({
    ...document,
    Statement: JSON.parse(JSON.stringify(document.Statement).replaceAll(PSEUDO.region, "r".repeat(16))),
  } as Parameters<typeof policySize>[0]);
}

/**
 * The tenant's boundary statements, with CloudFormation placeholders. Throws a `ConfigurationError`
 * naming the tenant when the boundary would exceed IAM's managed-policy size.
 */
export function tenantBoundaryStatements(tenant: Tenant, stackPrefix: string): BoundaryStatement[] {
  const statements = [...allowStatements(tenant), ...denyStatements(tenant, stackPrefix)];
  const size = deployedSize({ Version: "2012-10-17", Statement: statements });
  if (size > MANAGED_POLICY_CHARACTERS) {
    throw new ConfigurationError(
      `Tenant ${tenant.name}'s permissions boundary would be ${size} characters; IAM allows ${MANAGED_POLICY_CHARACTERS} per managed policy (whitespace not counted). Give it fewer templates or resource patterns (a wider pattern replaces several), or split it into two tenants`,
    );
  }
  return statements;
}

/** The tenant's boundary as deployed in one partition, region and account (the sandbox creates it so). */
export function tenantBoundaryDocument(tenant: Tenant, scope: Scope, stackPrefix: string): BoundaryDocument {
  const text = JSON.stringify(tenantBoundaryStatements(tenant, stackPrefix))
    .replaceAll(PSEUDO.partition, scope.partition)
    .replaceAll(PSEUDO.region, scope.region)
    .replaceAll(PSEUDO.account, scope.account);
  return { Version: "2012-10-17", Statement: JSON.parse(text) as BoundaryStatement[] };
}
