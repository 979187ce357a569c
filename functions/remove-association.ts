import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createEksClient } from "#aws/clients.ts";
import type { GrantIdentity } from "#grant/desired-state.ts";
import { grantLogContext, logger } from "#src/observability.ts";
import { removeAssociation } from "#src/provision/association.ts";

const eks = createEksClient();

export const handler = middy(async (input: { identity: GrantIdentity }) =>
  removeAssociation(eks, input.identity, logger),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(grantLogContext());
