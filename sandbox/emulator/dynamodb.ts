import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import type { AwsError, EmulatedService, ServiceRequest, ServiceResponse } from "./types.ts";

/**
 * DynamoDB is not hand-written: `dynalite` (DynamoDB's API on LevelDB, in memory) serves it, and
 * this service forwards the front door's DynamoDB requests to it unchanged.
 */
export class DynamoDbService implements EmulatedService {
  readonly signingName = "dynamodb";
  readonly #url: string;
  readonly #server: Server;

  private constructor(server: Server, url: string) {
    this.#server = server;
    this.#url = url;
  }

  static async start(): Promise<DynamoDbService> {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return new DynamoDbService(server, `http://127.0.0.1:${port}`);
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name]) => !["host", "content-length", "connection"].includes(name),
      ),
    );
    const response = await fetch(`${this.#url}${request.path}`, {
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

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
