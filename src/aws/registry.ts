import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from "@aws-sdk/lib-dynamodb";
import { RetryableError } from "../errors.ts";
import type { Decision, GrantRecord } from "../grant/lifecycle.ts";
import { isSdkError, translate } from "./errors.ts";

/*
 * The registry adapter (DynamoDB): one item per grant, key `grantId`. Every write is conditional on
 * the version read, so two writers never both win: the loser re-reads and decides again.
 */

/** `tenant`, `grantId`, projecting `status`: a tenant's grant count for its `maxGrants`. */
export const BY_TENANT_INDEX = "byTenant";

/**
 * How many grants a tenant holds that are not DELETED or FAILED. Read from a GSI (eventually
 * consistent): two new grants asked at the same instant may both pass a cap they reach together —
 * a cap on a tenant's size, not a lock.
 */
export async function countLiveGrants(
  db: DynamoDBDocumentClient,
  table: string,
  tenant: string,
): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db
      .send(
        new QueryCommand({
          TableName: table,
          IndexName: BY_TENANT_INDEX,
          KeyConditionExpression: "#t = :t",
          FilterExpression: "NOT #s IN (:deleted, :failed)",
          ExpressionAttributeNames: { "#t": "tenant", "#s": "status" },
          ExpressionAttributeValues: { ":t": tenant, ":deleted": "DELETED", ":failed": "FAILED" },
          Select: "COUNT",
          ExclusiveStartKey: start,
        }),
      )
      .catch((error: unknown) => {
        throw translate(error, `Counting the grants of tenant ${tenant}`);
      });
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

export async function readGrant(
  db: DynamoDBDocumentClient,
  table: string,
  grantId: string,
): Promise<GrantRecord | undefined> {
  try {
    const { Item } = await db.send(
      new GetCommand({ TableName: table, Key: { grantId }, ConsistentRead: true }),
    );
    return Item as GrantRecord | undefined;
  } catch (error) {
    throw translate(error, `Reading registry record ${grantId}`);
  }
}

const ATTEMPTS = 3;

/**
 * Reads the record, lets `decide` choose the next one, writes it if the record did not change
 * meanwhile. `written` is false when the decision was "unchanged" (an idempotent retry): outcomes
 * are counted only for a write that happened.
 *
 * `assumed` saves the read when the caller knows what the record most likely is: `null` for a key
 * never written (a new grant), or the record this execution itself wrote last. The write is still
 * conditional on it, so a wrong assumption costs one failed write and then the usual read — and an
 * assumption never refuses anything: if `decide` throws on it, the real record decides.
 */
export async function transitionGrant(
  db: DynamoDBDocumentClient,
  table: string,
  grantId: string,
  decide: (current: GrantRecord | undefined) => Decision,
  assumed?: GrantRecord | null,
): Promise<{ record: GrantRecord; written: boolean }> {
  const attempts = ATTEMPTS + (assumed !== undefined ? 1 : 0);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const assuming = attempt === 1 && assumed !== undefined;
    const current = assuming ? (assumed ?? undefined) : await readGrant(db, table, grantId);
    let decision: Decision;
    try {
      decision = decide(current);
    } catch (error) {
      if (assuming) continue;
      throw error;
    }
    if ("unchanged" in decision) {
      if (assuming) continue;
      return { record: decision.unchanged, written: false };
    }
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: decision.next,
          ...(current
            ? {
                ConditionExpression: "version = :version",
                ExpressionAttributeValues: { ":version": current.version },
              }
            : { ConditionExpression: "attribute_not_exists(grantId)" }),
        }),
      );
      return { record: decision.next, written: true };
    } catch (error) {
      if (!isSdkError(error, "ConditionalCheckFailedException"))
        throw translate(error, `Writing registry record ${grantId}`);
    }
  }
  throw new RetryableError(
    `Registry record ${grantId} kept changing under ${ATTEMPTS} attempts to update it`,
  );
}

/** Every record of the registry (inventories, snapshots; a full reconcile reads the same). */
export async function scanGrants(db: DynamoDBDocumentClient, table: string): Promise<GrantRecord[]> {
  const records: GrantRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db
      .send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }))
      .catch((error: unknown) => {
        throw translate(error, "Reading the registry");
      });
    records.push(...((page.Items ?? []) as GrantRecord[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return records;
}
