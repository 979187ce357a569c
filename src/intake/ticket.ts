import type { SFNClient } from "@aws-sdk/client-sfn";
import { derivedExecutionName, startExecution, type Workflow, type WorkflowScope } from "../aws/workflows.ts";
import { ProvisionerError } from "../errors.ts";
import { announceRejection, type GrantAnnouncement } from "../grant/announcement.ts";

/**
 * Ticket intake: the target of the rule that matches `Grant Requested` and `Grant Deletion
 * Requested` events from the tenancy's ticket sources. It starts the workflow under a name derived
 * from the ticket, so a re-delivered event (EventBridge delivers at least once) starts nothing new:
 * Step Functions refuses a second execution of that name. The caller is the event's `source`,
 * which the bus policy lets only that source's integration role put (SECURITY.md). Whether the
 * request is valid and allowed is the workflow's first step's to decide: a refused one ends in a
 * `Grant Failed` event with the reasons; an event the workflow cannot even be started for gets one
 * from here. Nothing vanishes.
 */
export interface TicketEvent {
  id?: string;
  source?: string;
  "detail-type"?: string;
  detail?: unknown;
}

export interface IntakeDependencies {
  sfn: SFNClient;
  scope: WorkflowScope;
  announce: (announcement: GrantAnnouncement) => Promise<void>;
}

export type IntakeResult =
  | { started: true; executionArn: string }
  | { started: false; executionArn: string; reason: "duplicate" }
  | { started: false; reason: "refused" };

const WORKFLOWS: Record<string, Workflow> = {
  "Grant Requested": "provision",
  "Grant Deletion Requested": "deprovision",
};

export async function intake(deps: IntakeDependencies, event: TicketEvent): Promise<IntakeResult> {
  const source = typeof event.source === "string" ? event.source : "";
  const workflow = WORKFLOWS[event["detail-type"] ?? ""];
  const caller = { ticketSource: source };
  const detail = event.detail;
  const input = workflow === "deprovision" ? deprovisionInput(detail, caller) : { request: detail, caller };
  if (!workflow) {
    return refuse(deps, "provision", input, {
      code: "ValidationError",
      message: `detail-type must be 'Grant Requested' or 'Grant Deletion Requested', not '${event["detail-type"]}'`,
    });
  }
  const name = executionName(source, ticketOf(detail) ?? event.id ?? "");
  try {
    const started = await startExecution(deps.sfn, deps.scope, workflow, name, JSON.stringify(input));
    return started.exists
      ? { started: false, executionArn: started.executionArn, reason: "duplicate" }
      : { started: true, executionArn: started.executionArn };
  } catch (error) {
    // Throttling and outages are retried (EventBridge retries a failed Lambda target); a request
    // Step Functions will never take (too large, malformed) is reported.
    if (error instanceof ProvisionerError && error.code !== "PERMANENT") throw error;
    return refuse(deps, workflow, input, {
      code: "ValidationError",
      message: `The workflow could not be started for this ticket: ${(error as Error).message}`,
    });
  }
}

function deprovisionInput(detail: unknown, caller: { ticketSource: string }): Record<string, unknown> {
  const value = (detail && typeof detail === "object" ? detail : {}) as Record<string, unknown>;
  return { cluster: value.cluster, namespace: value.namespace, serviceAccount: value.serviceAccount, caller };
}

function ticketOf(detail: unknown): string | undefined {
  const ticket = (detail as { ticket?: unknown } | null | undefined)?.ticket;
  return typeof ticket === "string" && ticket.length > 0 ? ticket : undefined;
}

/**
 * `<ticket, readable part>-<hash of source and ticket>`: at most 80 characters of [A-Za-z0-9_-]
 * (Step Functions' limit), the same for a re-delivery, different for the same ticket id from
 * another ticket system.
 */
export function executionName(source: string, ticket: string): string {
  const readable = ticket.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40);
  return derivedExecutionName(`ticket-${readable}`, [source, ticket], 32);
}

async function refuse(
  deps: IntakeDependencies,
  workflow: Workflow,
  input: unknown,
  error: { code: string; message: string },
): Promise<IntakeResult> {
  const caller = (input as { caller?: { ticketSource?: string } }).caller?.ticketSource;
  await deps.announce(
    announceRejection(workflow, input, undefined, error, caller ? `ticket source ${caller}` : undefined),
  );
  return { started: false, reason: "refused" };
}
