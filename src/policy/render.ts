import { IAM_LIMITS } from "../constants.ts";
import { ValidationError } from "../errors.ts";
import type { Permission } from "../grant/request.ts";
import { policySize, stableStringify } from "./canonical.ts";
import { CATALOG, type StatementTemplate } from "./catalog.ts";
import type { ConditionBlock, PolicyDocument, Statement } from "./types.ts";

/** Where rendered ARNs point: the grant's partition, account and region. */
export interface Scope {
  partition: string;
  account: string;
  region: string;
}

function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Catalog placeholder \${${name}} has no value`);
    return value;
  });
}

function substituteCondition(condition: ConditionBlock, values: Record<string, string>): ConditionBlock {
  return Object.fromEntries(
    Object.entries(condition).map(([operator, block]) => [
      operator,
      Object.fromEntries(
        Object.entries(block).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.map((v) => substitute(v, values)) : substitute(value, values),
        ]),
      ),
    ]),
  );
}

const applies = (item: { when?: string; unless?: string }, given: Record<string, string>): boolean =>
  (item.when === undefined || given[item.when] !== undefined) &&
  (item.unless === undefined || given[item.unless] === undefined);

function renderStatement(
  template: StatementTemplate,
  index: number,
  values: Record<string, string>,
  given: Record<string, string>,
): Statement {
  const conditions = (template.conditions ?? []).filter((c) => applies(c, given));
  const statement: Statement = {
    Sid: `${template.sid}${index}`,
    Effect: "Allow",
    Action: [...template.actions].sort(),
    Resource: template.resources.map((r) => substitute(r, values)),
  };
  if (conditions.length > 0) {
    statement.Condition = {};
    for (const { condition } of conditions) {
      for (const [operator, block] of Object.entries(substituteCondition(condition, values))) {
        statement.Condition[operator] = { ...statement.Condition[operator], ...block };
      }
    }
  }
  return statement;
}

/**
 * Statements with the same effect, actions and conditions become one, with the union of their
 * resources: two buckets read the same way cost one statement, which keeps large grants under
 * IAM's inline-policy size limit.
 */
function mergeStatements(statements: Statement[]): Statement[] {
  const merged = new Map<string, Statement>();
  for (const statement of statements) {
    const key = stableStringify({ a: statement.Action, c: statement.Condition ?? null, e: statement.Effect });
    const existing = merged.get(key);
    if (existing) {
      existing.Resource = [
        ...new Set([...(existing.Resource as string[]), ...(statement.Resource as string[])]),
      ];
    } else {
      merged.set(key, { ...statement, Resource: [...(statement.Resource as string[])] });
    }
  }
  return [...merged.values()];
}

export interface RenderOptions {
  /**
   * The association's `targetRoleArn` (role chaining): EKS Pod Identity assumes the grant's role,
   * then, with its credentials, the target role, which needs `sts:AssumeRole` and `sts:TagSession`
   * (session tags are passed on) on exactly that role.
   */
  targetRoleArn?: string;
}

/** Renders the grant's inline policy. Throws a `ValidationError` (field `permissions`) over IAM's size limit. */
export function renderPolicy(
  permissions: readonly Permission[],
  scope: Scope,
  options: RenderOptions = {},
): PolicyDocument {
  const statements = permissions.flatMap((permission, index) => {
    const { template, ...parameters } = permission;
    const given = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, String(v)]));
    const values = {
      prefix: "",
      ...given,
      partition: scope.partition,
      account: scope.account,
      region: scope.region,
    };
    return CATALOG[template].statements
      .filter((s) => applies(s, given))
      .map((s) => renderStatement(s, index, values, given));
  });
  const chaining: Statement[] = options.targetRoleArn
    ? [
        {
          Sid: "ChainToTargetRole",
          Effect: "Allow",
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Resource: [options.targetRoleArn],
        },
      ]
    : [];
  const document: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [...mergeStatements(statements), ...chaining],
  };
  const size = policySize(document);
  if (size > IAM_LIMITS.inlinePolicyCharacters) {
    throw new ValidationError([
      {
        field: "permissions",
        reason: `render to a policy of ${size} characters; IAM allows ${IAM_LIMITS.inlinePolicyCharacters} per role (whitespace not counted). Split the grant across service accounts or narrow it`,
      },
    ]);
  }
  return document;
}
