import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createIamClient } from "#aws/clients.ts";
import type { DesiredState } from "#grant/desired-state.ts";
import { grantLogContext, logger } from "#src/observability.ts";
import { ensurePolicy } from "#src/provision/policy.ts";

const iam = createIamClient();

export const handler = middy(async (input: { desired: DesiredState }) =>
  ensurePolicy(iam, input.desired, logger),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(grantLogContext());
