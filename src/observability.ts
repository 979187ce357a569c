import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import { grantDeadlineSeconds } from "./config.ts";
import { DeadlineExceededError, ThrottledError } from "./errors.ts";

/** One logger per function process: JSON, one line per event, service name from Powertools' env or ours. */
export const logger = new Logger({ serviceName: "pod-identity-provisioner" });

interface StepEvent {
  executionId?: string;
  /** `$$.Execution.StartTime`, given to forward steps: past the grant's deadline, throttling ends the wait. */
  startedAt?: string;
  grantId?: string;
  desired?: { identity?: { grantId?: string } };
  identity?: { grantId?: string };
}

/**
 * Adds `grantId` and `executionId` to every log line of this invocation, from whichever shape the
 * step's input has. Register after `injectLambdaContext(logger, { resetKeys: true })`.
 */
function grantLogContext(log: Logger = logger): MiddlewareObj<StepEvent> {
  return {
    before: ({ event }) => {
      const grantId = event.grantId ?? event.desired?.identity?.grantId ?? event.identity?.grantId;
      log.appendKeys({
        ...(grantId ? { grantId } : {}),
        ...(event.executionId ? { executionArn: event.executionId } : {}),
      });
    },
  };
}

/**
 * Throttling is waited out (the workflow retries `ThrottledError` without a small attempt cap), but
 * not forever: a forward step throttled past the grant's deadline, counted from the execution's
 * start, fails with a `DeadlineExceededError` that says so, and the workflow rolls back.
 */
export function grantDeadline(
  deadlineSeconds: number,
  now: () => number = Date.now,
): MiddlewareObj<StepEvent> {
  return {
    onError: (request) => {
      const { error, event } = request;
      if (!(error instanceof ThrottledError) || !event.startedAt) return;
      const waited = (now() - Date.parse(event.startedAt)) / 1000;
      if (!(waited > deadlineSeconds)) return;
      request.error = new DeadlineExceededError(
        `The grant waited ${Math.round(waited)} s for AWS's rate, past its deadline of ${deadlineSeconds} s (GRANT_DEADLINE_SECONDS); it was rolled back. The account is busy: ask again later. Last: ${error.message}`,
        { cause: error },
      );
    },
  };
}

/**
 * A workflow step's handler: the step function, with the same middleware in every Lambda — the
 * Lambda context and the grant's keys on every log line, and the grant's deadline.
 */
export function stepHandler<Input extends StepEvent, Output>(step: (input: Input) => Promise<Output>) {
  return middy(step)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(grantLogContext())
    .use(grantDeadline(grantDeadlineSeconds()));
}
