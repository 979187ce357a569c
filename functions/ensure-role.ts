import { createIamClient } from "#aws/clients/iam.ts";
import type { DesiredState } from "#grant/desired-state.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { ensureRole } from "#src/provision/role.ts";

const iam = createIamClient();

export const handler = stepHandler(async (input: { desired: DesiredState; roleExpected?: boolean }) =>
  ensureRole(iam, input.desired, logger, { roleExpected: input.roleExpected === true }),
);
