import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import type { AwsError, EmulatedService, ServiceRequest, ServiceResponse } from "./types.ts";

/**
 * DynamoDB is not hand-written: `dynalite` (DynamoDB's API on LevelDB, in memory) serves it, and
 * this service forwards the front door's DynamoDB requests to it unchanged.
 *
 * DynamoDB tables belong to an account and a Region: a table created in eu-west-1 does not exist
 * in us-east-1, and its ARN names both (`arn:aws:dynamodb:<region>:<account>:table/<name>`). One
 * dynalite serves one table namespace and writes one account and Region into every ARN, so the
 * sandbox runs one dynalite per account and Region a request is signed for, started on first use.
 * (Rather than one dynalite with the Region mangled into table names: every request and response
 * that names a table — keys, conditions, errors, `LastEvaluatedTableName`, index ARNs, stream and
 * tag calls — would have to be rewritten both ways, and any field missed leaks the mangling.)
 */
export class DynamoDbService implements EmulatedService {
  readonly signingName = "dynamodb";
  readonly #instances = new Map<string, Promise<{ server: Server; url: string }>>();

  private constructor() {}

  static async start(): Promise<DynamoDbService> {
    unpoolSmallBuffers();
    return new DynamoDbService();
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const { url } = await this.#instanceFor(request.caller.accountId, request.region);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name]) => !["host", "content-length", "connection"].includes(name),
      ),
    );
    const response = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!["content-length", "connection", "transfer-encoding", "date"].includes(name)) out[name] = value;
    });
    return { status: response.status, headers: out, body: await response.text() };
  }

  /** The dynalite holding `accountId`'s tables in `region`. */
  #instanceFor(accountId: string, region: string): Promise<{ server: Server; url: string }> {
    const key = `${accountId}/${region}`;
    let instance = this.#instances.get(key);
    if (!instance) {
      instance = listen(createDynalite(accountId, region));
      this.#instances.set(key, instance);
    }
    return instance;
  }

  renderError(error: AwsError): ServiceResponse {
    return {
      status: error.status,
      headers: { "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify({
        __type: `com.amazonaws.dynamodb.v20120810#${error.code}`,
        message: error.message,
      }),
    };
  }

  async close(): Promise<void> {
    const instances = await Promise.all(this.#instances.values());
    this.#instances.clear();
    await Promise.all(
      instances.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
  }
}

/**
 * dynalite keeps every item's key and value as a Buffer (memory-level's default store encoding;
 * dynalite passes no other). Node carves Buffers under 4 KiB out of shared 8 KiB slabs, and a kept
 * Buffer keeps its whole slab: each stored item pinned up to 8 KiB of memory outside the heap —
 * 26 MiB after 1,000 grants for what are ~300-byte records (a heap snapshot showed 3,314 slabs
 * held by 3,000 items). Without the pool, a Buffer holds only its own bytes. This is the sandbox's
 * process (dev tooling, never a function bundle); the cost is an allocation per small Buffer.
 */
function unpoolSmallBuffers(): void {
  Buffer.poolSize = 0;
}

/**
 * dynalite takes the account and Region it writes into ARNs from `AWS_ACCOUNT_ID` and
 * `AWS_REGION` when it creates its store (dynalite 4, `db/index.js`), and has no option for
 * them: they are set for that synchronous call only, and the environment is given back as it was.
 */
function createDynalite(accountId: string, region: string): Server {
  const saved = { AWS_ACCOUNT_ID: process.env.AWS_ACCOUNT_ID, AWS_REGION: process.env.AWS_REGION };
  process.env.AWS_ACCOUNT_ID = accountId;
  process.env.AWS_REGION = region;
  try {
    return dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function listen(server: Server): Promise<{ server: Server; url: string }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}
