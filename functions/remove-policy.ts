import { createIamClient } from "#aws/clients/iam.ts";
import type { GrantIdentity } from "#grant/desired-state.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { removePolicy } from "#src/provision/policy.ts";

const iam = createIamClient();

export const handler = stepHandler(async (input: { identity: GrantIdentity }) =>
  removePolicy(iam, input.identity, logger),
);
