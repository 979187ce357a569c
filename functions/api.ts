import { randomUUID } from "node:crypto";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyResultV2 } from "aws-lambda";
import { createRegistryClient } from "#aws/clients/registry.ts";
import { createSfnClient } from "#aws/clients/sfn.ts";
import { errorResponse } from "#src/api/errors.ts";
import { handleApiRequest } from "#src/api/service.ts";
import { config, stageScope } from "#src/config.ts";
import { logger } from "#src/observability.ts";
import { tenancy } from "#src/tenancy/read.ts";

const settings = config();
const dependencies = {
  db: createRegistryClient(),
  table: settings.registryTable,
  sfn: createSfnClient(),
  // Read and validated at cold start: a bad tenancy file fails here, naming the problem.
  tenancy: tenancy(),
  scope: stageScope(settings),
  now: () => new Date(),
  newName: () => `api-${randomUUID()}`,
};

/**
 * The HTTP API (API Gateway HTTP API, payload 2.0, every route AWS_IAM-authorized): the signing
 * principal from the request context, the request to src/api/service.ts, every failure in the one
 * error format (src/api/errors.ts).
 */
export const handler = middy(
  async (event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyResultV2> => {
    const requestId = event.requestContext.requestId;
    const headers = Object.fromEntries(
      Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    try {
      const body =
        event.body !== undefined && event.isBase64Encoded
          ? Buffer.from(event.body, "base64").toString("utf8")
          : event.body;
      const response = await handleApiRequest(dependencies, {
        method: event.requestContext.http.method,
        path: event.rawPath,
        headers,
        query: event.queryStringParameters ?? {},
        ...(body !== undefined ? { body } : {}),
        principalArn: event.requestContext.authorizer.iam.userArn,
      });
      return json(response.status, response.body, requestId);
    } catch (error) {
      const { status, body } = errorResponse(error, requestId, (internal) =>
        logger.error("Request failed inside the provisioner", { requestId, error: internal as Error }),
      );
      if (status < 500) logger.info("Request refused", { requestId, status, code: body.error.code });
      return json(status, body, requestId);
    }
  },
).use(injectLambdaContext(logger, { resetKeys: true }));

function json(statusCode: number, body: unknown, requestId: string): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify(body),
  };
}
