import { createIamClient } from "#aws/clients/iam.ts";
import type { GrantIdentity } from "#grant/desired-state.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { removeRole } from "#src/provision/role.ts";

const iam = createIamClient();

export const handler = stepHandler(async (input: { identity: GrantIdentity }) =>
  removeRole(iam, input.identity, logger),
);
