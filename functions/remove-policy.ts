import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createIamClient } from "#aws/clients.ts";
import type { GrantIdentity } from "#grant/desired-state.ts";
import { grantLogContext, logger } from "#src/observability.ts";
import { removePolicy } from "#src/provision/policy.ts";

const iam = createIamClient();

export const handler = middy(async (input: { identity: GrantIdentity }) =>
  removePolicy(iam, input.identity, logger),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(grantLogContext());
