import { type FieldProblem, ValidationError } from "../errors.ts";
import type { GrantRequest } from "./request.ts";

/** Permission parameters that are not resource names. */
const NOT_RESOURCES = new Set(["template", "prefix", "viaService"]);

/** `payments` → `payments`; `/pod-identity-provisioner-dev/x` → `pod-identity-provisioner-dev`; a role ARN → its name. */
function leadingName(value: string): string {
  const role = /:role\/(?:[^/]*\/)*([^/]+)$/.exec(value);
  if (role?.[1]) return role[1];
  return value.replace(/^\/+/, "").split("/")[0] ?? value;
}

const owns = (stackPrefix: string, value: string): boolean => {
  const name = leadingName(value).toLowerCase();
  const prefix = stackPrefix.toLowerCase();
  return name === prefix || name.startsWith(`${prefix}-`);
};

/**
 * Every resource the provisioner deploys is named `<service>-<stage>…` (its registry table, bus,
 * state machines, functions and their roles, boundaries): no grant may name one. Checked with the
 * request's validation, so such a request is a `ValidationError` naming the field and nothing is
 * created. (Every tenant's boundary also denies them explicitly, whatever a policy says.)
 */
export function assertNotOwnResources(request: GrantRequest, stackPrefix: string): void {
  const problems: FieldProblem[] = [];
  const reason = `names one of the provisioner's own resources (${stackPrefix}-…): no grant may reach the provisioner's registry, event bus, state machines, functions or roles`;
  request.permissions.forEach((permission, index) => {
    for (const [parameter, value] of Object.entries(permission)) {
      if (NOT_RESOURCES.has(parameter) || typeof value !== "string") continue;
      if (owns(stackPrefix, value)) problems.push({ field: `permissions[${index}].${parameter}`, reason });
    }
  });
  if (request.targetRoleArn !== undefined && owns(stackPrefix, request.targetRoleArn)) {
    problems.push({ field: "targetRoleArn", reason });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}
