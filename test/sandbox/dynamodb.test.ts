import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBServiceException,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { AWS_CLI_VERSION, awsCli } from "../support/aws-cli.ts";
import { startTestSandbox } from "../support/sandbox.ts";

/**
 * DynamoDB in the sandbox (dynalite behind the front door), through the unmodified SDK and
 * botocore: tables belong to the account and Region a request is signed for, and their ARNs say so.
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

const OTHER_REGION = "us-east-1";

/** A client of the sandbox's platform engineer, signing for `region` (the sandbox's own unless given). */
const dynamodb = (region?: string) =>
  new DynamoDBClient({ ...sandbox.clientConfig(), ...(region ? { region } : {}) });

let tableCount = 0;
function table(): CreateTableCommandInput & { TableName: string } {
  tableCount++;
  return {
    TableName: `fidelity-${tableCount}-${Date.now()}`,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "owner", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    GlobalSecondaryIndexes: [
      {
        IndexName: "byOwner",
        KeySchema: [{ AttributeName: "owner", KeyType: "HASH" }],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}

async function failureOf(promise: Promise<unknown>): Promise<DynamoDBServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as DynamoDBServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("DynamoDB table ARNs", () => {
  it("names the sandbox's account and the request's Region in a table's and its indexes' ARNs", async () => {
    // Prepare
    const definition = table();

    // Act
    const created = await dynamodb().send(new CreateTableCommand(definition));
    const described = await dynamodb().send(new DescribeTableCommand({ TableName: definition.TableName }));

    // Assess
    const arn = `arn:aws:dynamodb:${sandbox.region}:${sandbox.accountId}:table/${definition.TableName}`;
    expect(created.TableDescription?.TableArn).toBe(arn);
    expect(described.Table?.TableArn).toBe(arn);
    expect(described.Table?.GlobalSecondaryIndexes?.[0]?.IndexArn).toBe(`${arn}/index/byOwner`);
  });

  it("names the registry table, created at start, with the sandbox's account and Region", async () => {
    // Prepare
    const client = dynamodb();

    // Act
    const { Table } = await client.send(new DescribeTableCommand({ TableName: sandbox.registryTable }));

    // Assess
    expect(Table?.TableArn).toBe(
      `arn:aws:dynamodb:${sandbox.region}:${sandbox.accountId}:table/${sandbox.registryTable}`,
    );
  });
});

describe("DynamoDB tables per Region", () => {
  it("does not show a table created in the sandbox's Region to a caller in another Region", async () => {
    // Prepare
    const definition = table();
    await dynamodb().send(new CreateTableCommand(definition));

    // Act
    const here = await dynamodb().send(new ListTablesCommand({}));
    const there = await dynamodb(OTHER_REGION).send(new ListTablesCommand({}));
    const described = await failureOf(
      dynamodb(OTHER_REGION).send(new DescribeTableCommand({ TableName: definition.TableName })),
    );

    // Assess
    expect(sandbox.region).not.toBe(OTHER_REGION);
    expect(here.TableNames).toContain(definition.TableName);
    expect(there.TableNames ?? []).not.toContain(definition.TableName);
    expect(there.TableNames ?? []).not.toContain(sandbox.registryTable);
    expect({ name: described.name, status: described.$metadata.httpStatusCode }).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
    });
  });

  it("keeps two tables of the same name in two Regions apart, each with its own ARN and items", async () => {
    // Prepare
    const definition = table();
    const key = { pk: { S: "grant-1" } };

    // Act
    const home = await dynamodb().send(new CreateTableCommand(definition));
    const away = await dynamodb(OTHER_REGION).send(new CreateTableCommand(definition));
    await dynamodb(OTHER_REGION).send(
      new PutItemCommand({ TableName: definition.TableName, Item: { ...key, owner: { S: "team-a" } } }),
    );
    const atHome = await dynamodb().send(new GetItemCommand({ TableName: definition.TableName, Key: key }));
    const atAway = await dynamodb(OTHER_REGION).send(
      new GetItemCommand({ TableName: definition.TableName, Key: key }),
    );

    // Assess
    expect(home.TableDescription?.TableArn).toBe(
      `arn:aws:dynamodb:${sandbox.region}:${sandbox.accountId}:table/${definition.TableName}`,
    );
    expect(away.TableDescription?.TableArn).toBe(
      `arn:aws:dynamodb:${OTHER_REGION}:${sandbox.accountId}:table/${definition.TableName}`,
    );
    expect(atHome.Item).toBeUndefined();
    expect(atAway.Item?.owner).toEqual({ S: "team-a" });
  });
});

describe("DynamoDB through an independent client (the Python aws CLI / botocore)", () => {
  /** Runs `aws dynamodb …` against the sandbox as its platform engineer, signing for `region`. */
  const aws = (region: string, args: string[]) =>
    awsCli({
      endpoint: sandbox.url,
      region,
      accessKeyId: sandbox.admin.accessKeyId,
      secretAccessKey: sandbox.admin.secretAccessKey,
    }).json(["dynamodb", ...args]);

  it(`describes the registry table with its ARN in the sandbox's Region, and lists nothing in another (${AWS_CLI_VERSION ?? "no AWS CLI"})`, async () => {
    // Prepare
    const tableName = sandbox.registryTable;

    // Act
    const described = await aws(sandbox.region, ["describe-table", "--table-name", tableName]);
    const elsewhere = await aws(OTHER_REGION, ["list-tables"]);

    // Assess
    expect((described.Table as { TableArn: string }).TableArn).toBe(
      `arn:aws:dynamodb:${sandbox.region}:${sandbox.accountId}:table/${tableName}`,
    );
    expect(elsewhere.TableNames).not.toContain(tableName);
  });
});
