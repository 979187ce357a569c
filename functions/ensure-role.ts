import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createIamClient } from "#aws/clients.ts";
import type { DesiredState } from "#grant/desired-state.ts";
import { grantLogContext, logger } from "#src/observability.ts";
import { ensureRole } from "#src/provision/role.ts";

const iam = createIamClient();

export const handler = middy(async (input: { desired: DesiredState; roleExpected?: boolean }) =>
  ensureRole(iam, input.desired, logger, { roleExpected: input.roleExpected === true }),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(grantLogContext());
