import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EKSClient } from "@aws-sdk/client-eks";
import { IAMClient } from "@aws-sdk/client-iam";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * One factory for every client. Endpoints come from the SDK's own configuration
 * (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_IAM`, …), so the sandbox and the end-to-end tests point
 * every client at the local emulation with one variable and no code path differs from production.
 * The SDK's standard retry (3 attempts, exponential backoff with jitter; `AWS_MAX_ATTEMPTS` changes
 * it) absorbs short bursts; what it gives up on surfaces as `RetryableError` and the workflow
 * retries at its own pace.
 */
export const createIamClient = (): IAMClient => new IAMClient({});
export const createEksClient = (): EKSClient => new EKSClient({});
export const createRegistryClient = (): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
