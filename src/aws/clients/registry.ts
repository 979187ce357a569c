import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { CLIENT_CONFIG } from "./config.ts";

/** The registry's DynamoDB document client, of the record step (configuration: `config.ts`). */
export const createRegistryClient = (): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ ...CLIENT_CONFIG }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
