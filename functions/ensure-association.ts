import { createEksClient } from "#aws/clients/eks.ts";
import type { DesiredState } from "#grant/desired-state.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { ensureAssociation } from "#src/provision/association.ts";

const eks = createEksClient();

export const handler = stepHandler(
  async (input: { desired: DesiredState; executionId: string; roleAction?: string }) =>
    ensureAssociation(eks, input.desired, input.executionId, logger, {
      roleCreated: input.roleAction === "created",
    }),
);
