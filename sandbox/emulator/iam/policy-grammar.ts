import { malformedPolicy as malformed } from "./errors.ts";

/**
 * Policy documents. IAM keeps them as sent and checks their grammar; the messages are the ones it
 * answers with (e.g. "Policy document should not specify a principal." for a Principal in a
 * permissions policy, "Has prohibited field Resource" for a Resource in a trust policy).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SYNTAX_ERROR = "Syntax errors in policy.";
const POLICY_VERSIONS = ["2008-10-17", "2012-10-17"];
const STATEMENT_ELEMENTS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isStringOrStrings = (value: Json | undefined) =>
  typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
const asStrings = (value: Json | undefined): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.filter((v) => typeof v === "string")
      : [];

/** IAM counts policy size without white space. */
export function policySize(document: string): number {
  return document.replace(/\s/g, "").length;
}

function parseStatements(document: string): JsonObject[] {
  let parsed: Json;
  try {
    parsed = JSON.parse(document) as Json;
  } catch {
    throw malformed("This policy contains invalid Json");
  }
  if (!isObject(parsed)) throw malformed("This policy contains invalid Json");
  if (Object.keys(parsed).some((key) => !["Version", "Id", "Statement"].includes(key)))
    throw malformed(SYNTAX_ERROR);
  // A missing Version is accepted (IAM applies 2008-10-17); an unknown one is not.
  if ("Version" in parsed && !POLICY_VERSIONS.includes(parsed.Version as string))
    throw malformed(SYNTAX_ERROR);
  const statement = parsed.Statement;
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (statements.length === 0) throw malformed(SYNTAX_ERROR);
  const sids = new Set<string>();
  const checked: JsonObject[] = [];
  for (const item of statements) {
    if (!isObject(item) || Object.keys(item).some((key) => !STATEMENT_ELEMENTS.has(key)))
      throw malformed(SYNTAX_ERROR);
    const wellFormed =
      (item.Effect === "Allow" || item.Effect === "Deny") &&
      ["Action", "NotAction", "Resource", "NotResource"].every(
        (key) => !(key in item) || isStringOrStrings(item[key]),
      ) &&
      !("Action" in item && "NotAction" in item) &&
      !("Resource" in item && "NotResource" in item) &&
      (!("Sid" in item) || typeof item.Sid === "string") &&
      (!("Condition" in item) || (isObject(item.Condition) && Object.values(item.Condition).every(isObject)));
    if (!wellFormed) throw malformed(SYNTAX_ERROR);
    if (typeof item.Sid === "string" && item.Sid !== "") {
      if (sids.has(item.Sid)) throw malformed("Statement IDs (SID) in a single policy must be unique.");
      sids.add(item.Sid);
    }
    checked.push(item);
  }
  return checked;
}

/** A permissions policy (inline or managed, or a permissions boundary). */
export function checkIdentityPolicy(document: string): void {
  for (const statement of parseStatements(document)) {
    if ("Principal" in statement || "NotPrincipal" in statement) {
      throw malformed("Policy document should not specify a principal.");
    }
    if (!("Action" in statement || "NotAction" in statement))
      throw malformed("Policy statement must contain actions.");
    if (!("Resource" in statement || "NotResource" in statement))
      throw malformed("Policy statement must contain resources.");
    const actions = asStrings(statement.Action ?? statement.NotAction);
    if (actions.some((action) => action !== "*" && !action.includes(":"))) {
      throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }
  }
}

/**
 * A role trust policy. IAM resolves AWS principals when it stores the policy, so a role or user
 * ARN of this account that does not exist is an invalid principal (the trust policy of a role
 * whose principal was deleted shows the principal's former unique id instead).
 */
export function checkTrustPolicy(document: string, principalExists: (arn: string) => boolean): void {
  for (const statement of parseStatements(document)) {
    for (const field of ["Resource", "NotResource"]) {
      if (field in statement) throw malformed(`Has prohibited field ${field}`);
    }
    const principal = statement.Principal ?? statement.NotPrincipal;
    if (principal === undefined) {
      throw malformed(
        "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
      );
    }
    checkPrincipal(principal, principalExists);
    if (!("Action" in statement || "NotAction" in statement))
      throw malformed("Policy statement must contain actions.");
    if (
      asStrings(statement.Action ?? statement.NotAction).some(
        (action) => !action.toLowerCase().startsWith("sts:"),
      )
    ) {
      throw malformed("AssumeRole policy may only specify STS AssumeRole actions.");
    }
  }
}

const ACCOUNT_PRINCIPAL = /^(\d{12}|arn:aws:iam::\d{12}:root)$/;
export const ENTITY_PRINCIPAL = /^arn:aws:iam::(\d{12}):(role|user)\/(.+)$/;
const SESSION_PRINCIPAL = /^arn:aws:sts::\d{12}:(assumed-role|federated-user)\/.+$/;
const UNIQUE_ID_PRINCIPAL = /^A[A-Z0-9]{15,127}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

function checkPrincipal(principal: Json, principalExists: (arn: string) => boolean): void {
  if (principal === "*") return;
  if (!isObject(principal)) throw malformed(SYNTAX_ERROR);
  for (const [type, values] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.has(type)) throw malformed(`Invalid principal in policy: "${type}"`);
    if (!isStringOrStrings(values)) throw malformed(SYNTAX_ERROR);
    for (const value of asStrings(values)) {
      const valid =
        type === "AWS"
          ? value === "*" ||
            ACCOUNT_PRINCIPAL.test(value) ||
            SESSION_PRINCIPAL.test(value) ||
            UNIQUE_ID_PRINCIPAL.test(value) ||
            (ENTITY_PRINCIPAL.test(value) && principalExists(value))
          : type === "Service"
            ? SERVICE_PRINCIPAL.test(value)
            : value.length > 0;
      if (!valid) throw malformed(`Invalid principal in policy: "${type.toUpperCase()}":"${value}"`);
    }
  }
}
