/**
 * Exit codes and what people read: pure functions of the API's bodies, no I/O.
 */
import type { Accepted, Catalog, FailureBody, GrantSummary, GrantView } from "./client.ts";
import { errorOf } from "./client.ts";

/** The exit codes a CI pipeline can rely on (also in `--help`). */
export const EXIT = {
  /** The grant is ACTIVE, the revocation is done, or the read succeeded. */
  ok: 0,
  /** The grant (or its revocation) ended FAILED. */
  failed: 1,
  /** Usage, or a bad input file (missing, unreadable, not JSON). */
  usage: 2,
  /** The API refused or found the request invalid (400/403/404/409/413/415/422, other 4xx). */
  refused: 3,
  /** The API could not be reached, answered 5xx or 429, or the wait timed out. */
  unavailable: 4,
  /** No AWS credentials could be found. */
  noCredentials: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for an HTTP answer that is not 2xx. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status >= 200 && status < 300) return EXIT.ok;
  if (status === 429 || status >= 500) return EXIT.unavailable;
  if (status >= 400) return EXIT.refused;
  return EXIT.unavailable;
}

export const HELP = `pod-identity: self-service EKS Pod Identity grants, through the pod-identity-provisioner API.

Usage:
  pod-identity grant FILE [--idempotency-key K] [--no-wait] [--poll-ms MS] [--timeout SECONDS]
      Request a grant (or an update of one): POST the JSON request in FILE, then wait until
      it is ACTIVE or FAILED, showing progress on stderr.
  pod-identity status CLUSTER/NAMESPACE/SERVICE_ACCOUNT
      Show one grant.
  pod-identity list [--cluster C] [--namespace N] [--status S]
      List your tenant's grants (every page). S: PROVISIONING, ACTIVE, FAILED, DELETING, DELETED.
  pod-identity revoke CLUSTER/NAMESPACE/SERVICE_ACCOUNT [--no-wait] [--poll-ms MS] [--timeout SECONDS]
      Delete a grant, then wait until it is DELETED.
  pod-identity catalog
      The permission templates, and which resources your tenant may name in them.

Options:
  --endpoint URL     The API's URL (default: $POD_IDENTITY_API).
  --region R         The signing region (default: the endpoint's own region when it is an
                     execute-api host, else $AWS_REGION, $AWS_DEFAULT_REGION, eu-west-1).
  --profile P        The AWS profile to sign with (default: $AWS_PROFILE, then the usual
                     AWS credential chain: environment, SSO, web identity, instance role ...).
  --json             Print the API's JSON bodies on stdout (grant/revoke: the final grant, or
                     the 202 answer with --no-wait; list: every page's grants in one list;
                     errors: the API's error body). Messages and progress go to stderr.
  --no-wait          grant/revoke: return once the API accepted the request.
  --poll-ms MS       grant/revoke: how often to poll the grant (default 1000).
  --timeout SECONDS  grant/revoke: how long to wait at most (default 900).
  -h, --help         This text.

Exit codes:
  0  success: the grant is ACTIVE, the grant is revoked (DELETED), or the read succeeded
  1  the grant (or its revocation) ended FAILED
  2  usage, or a bad input file (missing, unreadable, invalid JSON)
  3  refused or invalid: HTTP 400, 403, 404, 409, 413, 415, 422 (the API's message, every
     field and every refusal are printed on stderr)
  4  the API could not be reached, answered 5xx (or 429), or the wait timed out
  5  no AWS credentials
  70 an unexpected error of this CLI's own (a bug: please report it)
`;

/** Every line an error answer carries: the message, every field, every refusal. */
export function formatError(status: number, body: FailureBody): string[] {
  const error = errorOf(body);
  if (!error) {
    const text = typeof body === "string" ? body.trim() : body === null ? "" : JSON.stringify(body);
    return [`HTTP ${status}${text ? `: ${text.slice(0, 500)}` : ""}`];
  }
  const lines = [`HTTP ${status}${error.code ? ` ${error.code}` : ""}: ${error.message}`];
  for (const field of error.fields ?? []) lines.push(`  field ${field.field}: ${field.reason}`);
  for (const refusal of error.refusals ?? []) lines.push(`  refused by ${refusal.rule}: ${refusal.reason}`);
  if (error.validTemplates?.length) lines.push(`  valid templates: ${error.validTemplates.join(", ")}`);
  if (error.executionArn) lines.push(`  running execution: ${error.executionArn}`);
  if (error.requestId) lines.push(`  request id: ${error.requestId}`);
  return lines;
}

export function formatAccepted(accepted: Accepted): string[] {
  return [`${accepted.grantId}: ${accepted.status}`, `  execution ${accepted.executionArn}`];
}

/** One progress line while waiting: `demo/payments/api PROVISIONING (execution RUNNING) 3s`. */
export function formatProgress(view: GrantView, elapsedMs: number): string {
  const execution = view.execution ? ` (execution ${view.execution.status})` : "";
  return `${view.grantId} ${view.status}${execution} ${Math.round(elapsedMs / 1000)}s`;
}

function row(label: string, value: string | undefined): string[] {
  return value === undefined || value === "" ? [] : [`  ${label.padEnd(13)}${value}`];
}

export function formatGrant(view: GrantView): string[] {
  const lines = [
    `${view.grantId}  ${view.status}`,
    ...row("tenant", view.tenant),
    ...row("role", view.roleArn),
    ...row("association", view.associationId),
    ...row("ticket", view.ticket),
    ...row("requested by", view.requestedBy),
    ...row("caller", view.caller),
    ...row("created", view.createdAt),
    ...row("updated", view.updatedAt),
  ];
  for (const permission of view.request?.permissions ?? []) {
    const { template, ...parameters } = permission as { template: string } & Record<string, unknown>;
    const detail = Object.entries(parameters)
      .map(([name, value]) => `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(" ");
    lines.push(`  permission   ${template}${detail ? ` ${detail}` : ""}`);
  }
  if (view.execution) {
    const { status, executionArn, stopDate, startDate } = view.execution;
    lines.push(`  execution    ${status} ${executionArn}`);
    lines.push(...row("", stopDate ? `${startDate} → ${stopDate}` : `started ${startDate}`));
    if (view.execution.error)
      lines.push(...row("", `${view.execution.error}: ${view.execution.cause ?? ""}`));
  }
  if (view.lastError) {
    const { operation, at, cause, resourcesMayRemain } = view.lastError;
    lines.push(`  last error   ${operation} at ${at}: ${cause}`);
    if (resourcesMayRemain)
      lines.push("               resources may remain in AWS (the rollback did not complete)");
  }
  if (view.restartRequired) {
    lines.push("  restart      required: restart the service account's pods to pick up the role");
  }
  return lines;
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((cells) => (cells[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatList(grants: GrantSummary[]): string[] {
  if (grants.length === 0) return ["No grants."];
  return table(
    ["GRANT", "STATUS", "UPDATED", "ROLE"],
    grants.map((grant) => [grant.grantId, grant.status, grant.updatedAt, grant.roleArn ?? "-"]),
  );
}

export function formatCatalog(catalog: Catalog): string[] {
  const lines = [`Tenant: ${catalog.tenant}`];
  for (const template of catalog.templates) {
    lines.push("", `${template.name}${template.allowed === null ? "  (not allowed for your tenant)" : ""}`);
    if (template.description) lines.push(`  ${template.description}`);
    for (const parameter of template.parameters) {
      const allowed = template.allowed?.[parameter.name];
      lines.push(
        `  ${parameter.name}${parameter.required ? "" : " (optional)"}: ${parameter.description}` +
          (allowed ? ` — allowed: ${allowed.length ? allowed.join(", ") : "none"}` : ""),
      );
    }
  }
  return lines;
}
