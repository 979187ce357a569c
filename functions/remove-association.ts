import { createEksClient } from "#aws/clients/eks.ts";
import type { GrantIdentity } from "#grant/desired-state.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { removeAssociation } from "#src/provision/association.ts";

const eks = createEksClient();

export const handler = stepHandler(async (input: { identity: GrantIdentity }) =>
  removeAssociation(eks, input.identity, logger),
);
