/**
 * Whether a role's trust policy lets EKS Pod Identity assume it. EKS refuses an association whose
 * role it cannot assume with 400 InvalidParameterException "Trust policy of the role provided is
 * invalid" (hashicorp/terraform-provider-aws#41483, a role trusting only an OIDC provider). The
 * role must allow the service principal `pods.eks.amazonaws.com` both `sts:AssumeRole` and
 * `sts:TagSession` (EKS User Guide, "Create an IAM role for EKS Pod Identity").
 *
 * Conditions are not evaluated: EKS accepts a trust policy conditioned on the session tags or
 * `aws:SourceAccount` it will supply. An explicit Deny without a condition wins over any Allow.
 */

export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";
const REQUIRED_ACTIONS = ["sts:AssumeRole", "sts:TagSession"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Statement = { [key: string]: Json };

export function trustsPodIdentity(document: string): boolean {
  const statements = statementsOf(document);
  return REQUIRED_ACTIONS.every(
    (action) =>
      statements.some((s) => s.Effect === "Allow" && applies(s, action)) &&
      !statements.some((s) => s.Effect === "Deny" && s.Condition === undefined && applies(s, action)),
  );
}

function statementsOf(document: string): Statement[] {
  let parsed: Json;
  try {
    parsed = JSON.parse(document) as Json;
  } catch {
    return [];
  }
  if (!isObject(parsed)) return [];
  const statement = parsed.Statement;
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  return statements.filter(isObject);
}

/** The statement is about EKS Pod Identity doing `action`. */
function applies(statement: Statement, action: string): boolean {
  const principal =
    "Principal" in statement
      ? namesPodIdentity(statement.Principal ?? null)
      : "NotPrincipal" in statement && !namesPodIdentity(statement.NotPrincipal ?? null);
  const actions =
    "Action" in statement
      ? strings(statement.Action).some((pattern) => matches(pattern, action))
      : "NotAction" in statement && !strings(statement.NotAction).some((pattern) => matches(pattern, action));
  return principal && actions;
}

/** `"*"`, `{"AWS": "*"}` (everyone, IAM's equivalent of `"*"`) or a Service list naming the principal. */
function namesPodIdentity(principal: Json): boolean {
  if (principal === "*") return true;
  if (!isObject(principal)) return false;
  return (
    strings(principal.AWS).includes("*") ||
    strings(principal.Service).some((service) => service.toLowerCase() === POD_IDENTITY_PRINCIPAL)
  );
}

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
function matches(pattern: string, action: string): boolean {
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "i").test(action);
}

function strings(value: Json | undefined): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
