import { createIamClient } from "#aws/clients/iam.ts";
import type { DesiredState } from "#grant/desired-state.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { ensurePolicy } from "#src/provision/policy.ts";

const iam = createIamClient();

export const handler = stepHandler(async (input: { desired: DesiredState; roleAction?: string }) =>
  ensurePolicy(iam, input.desired, logger, { roleCreated: input.roleAction === "created" }),
);
