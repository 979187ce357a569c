import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createEksClient } from "#aws/clients.ts";
import type { DesiredState } from "#grant/desired-state.ts";
import { grantLogContext, logger } from "#src/observability.ts";
import { ensureAssociation } from "#src/provision/association.ts";

const eks = createEksClient();

export const handler = middy(async (input: { desired: DesiredState; executionId: string }) =>
  ensureAssociation(eks, input.desired, input.executionId, logger),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(grantLogContext());
