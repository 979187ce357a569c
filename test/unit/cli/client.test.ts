import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiUnreachableError, CredentialsError, createClient, grantPath } from "../../../cli/client.ts";
import { CREDENTIALS, EXECUTION_ARN, type FakeApi, startFakeApi, view } from "./fake-api.ts";

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

const SIGNING_DATE = new Date("2026-03-04T05:06:07Z");
const client = () =>
  createClient({
    endpoint: api.url,
    region: "eu-central-1",
    credentials: CREDENTIALS,
    signingDate: () => SIGNING_DATE,
  });

describe("createClient", () => {
  it("POSTs a grant request signed for execute-api, with its Content-Type and Idempotency-Key", async () => {
    // Arrange
    const accepted = {
      grantId: "demo/payments/payments-api",
      status: "PROVISIONING",
      executionArn: EXECUTION_ARN,
    };
    api.handle(() => ({ status: 202, body: accepted }));
    const request = {
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "payments-api",
      permissions: [],
    };

    // Act
    const response = await client().createGrant(request as never, "ticket-OPS-1234:1");

    // Assess
    expect(response).toMatchObject({ ok: true, status: 202, body: accepted });
    const [received] = api.requests;
    expect(received).toMatchObject({ method: "POST", url: "/grants", signatureValid: true });
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.headers["idempotency-key"]).toBe("ticket-OPS-1234:1");
    expect(JSON.parse(received?.body ?? "")).toEqual(request);
    expect(received?.auth).toEqual({
      accessKeyId: CREDENTIALS.accessKeyId,
      date: "20260304",
      region: "eu-central-1",
      service: "execute-api",
      terminator: "aws4_request",
      signedHeaders: expect.arrayContaining(["host", "content-type", "idempotency-key", "x-amz-date"]),
    });
    expect(received?.headers["x-amz-date"]).toBe("20260304T050607Z");
  });

  it("sends a request file's text as it is, and no Idempotency-Key unless given", async () => {
    // Arrange
    api.handle(() => ({ status: 202, body: {} }));
    const text = '{ "cluster": "demo",\n  "namespace": "payments" }\n';

    // Act
    await client().createGrant(text);

    // Assess
    expect(api.requests[0]?.body).toBe(text);
    expect(api.requests[0]?.headers).not.toHaveProperty("idempotency-key");
    expect(api.requests[0]?.signatureValid).toBe(true);
  });

  it("signs a session token too", async () => {
    // Arrange
    api.handle(() => ({ status: 200, body: { tenant: "payments", templates: [] } }));
    const withToken = createClient({
      endpoint: api.url,
      region: "eu-west-1",
      credentials: async () => ({ ...CREDENTIALS, sessionToken: "session-token" }),
    });

    // Act
    const response = await withToken.catalog();

    // Assess
    expect(response).toMatchObject({ ok: true, status: 200, body: { tenant: "payments", templates: [] } });
    expect(api.requests[0]).toMatchObject({ method: "GET", url: "/catalog", signatureValid: true });
    expect(api.requests[0]?.headers["x-amz-security-token"]).toBe("session-token");
    expect(api.requests[0]?.auth?.signedHeaders).toContain("x-amz-security-token");
  });

  it("URL-encodes each path segment of a grant id, and the signature still holds", async () => {
    // Arrange
    api.handle(() => ({ status: 200, body: view() }));

    // Act
    const get = await client().getGrant({ cluster: "my cluster", namespace: "ns+1", serviceAccount: "sa:ü" });
    const del = await client().deleteGrant("demo/payments/payments-api");

    // Assess
    expect(get.status).toBe(200);
    expect(del.status).toBe(200);
    expect(api.requests.map((r) => [r.method, r.url, r.signatureValid])).toEqual([
      ["GET", "/grants/my%20cluster/ns%2B1/sa%3A%C3%BC", true],
      ["DELETE", "/grants/demo/payments/payments-api", true],
    ]);
    expect(api.requests[0]?.body).toBe("");
  });

  it("puts the list filter in the query string, encoded, without empty parameters", async () => {
    // Arrange
    api.handle(() => ({ status: 200, body: { grants: [] } }));

    // Act
    await client().listGrants({ cluster: "demo", status: "ACTIVE", limit: 100, nextToken: "a+b/c= d" });
    await client().listGrants();

    // Assess
    expect(api.requests[0]?.url).toBe(
      "/grants?cluster=demo&limit=100&nextToken=a%2Bb%2Fc%3D%20d&status=ACTIVE",
    );
    expect(api.requests[0]?.query).toEqual({
      cluster: "demo",
      limit: "100",
      nextToken: "a+b/c= d",
      status: "ACTIVE",
    });
    expect(api.requests[0]?.signatureValid).toBe(true);
    expect(api.requests[1]?.url).toBe("/grants");
  });

  it("keeps an endpoint's stage path in front of every route, signed as sent", async () => {
    // Arrange
    api.handle(() => ({ status: 200, body: { tenant: "t", templates: [] } }));
    const staged = createClient({
      endpoint: `${api.url}/prod/`,
      region: "eu-west-1",
      credentials: CREDENTIALS,
    });

    // Act
    await staged.catalog();

    // Assess
    expect(api.requests[0]).toMatchObject({ url: "/prod/catalog", signatureValid: true });
  });

  it("answers an error with ok false and the body as sent: JSON parsed, text as text", async () => {
    // Arrange
    const error = { error: { code: "Forbidden", message: "no", requestId: "r-1", refusals: [] } };
    api.handle((request) =>
      request.url === "/catalog" ? { status: 403, body: error } : { status: 502, raw: "Bad Gateway" },
    );

    // Act
    const forbidden = await client().catalog();
    const badGateway = await client().getGrant("a/b/c");

    // Assess
    expect(forbidden).toMatchObject({ ok: false, status: 403, body: error });
    expect(badGateway).toMatchObject({ ok: false, status: 502, body: "Bad Gateway" });
  });

  it("signs with the secret it is given: the server can tell a wrong one", async () => {
    // Arrange
    api.handle(() => ({ status: 200, body: { grants: [] } }));
    const wrong = createClient({
      endpoint: api.url,
      region: "eu-west-1",
      credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: "not-the-secret" },
    });

    // Act
    await wrong.listGrants();

    // Assess
    expect(api.requests[0]?.auth).toBeDefined();
    expect(api.requests[0]?.signatureValid).toBe(false);
  });

  it("throws CredentialsError when the credentials cannot be resolved, before sending anything", async () => {
    // Arrange
    const none = createClient({
      endpoint: api.url,
      region: "eu-west-1",
      credentials: async () => {
        throw new Error("Could not load credentials from any providers");
      },
    });

    // Act
    const result = none.catalog();

    // Assess
    await expect(result).rejects.toBeInstanceOf(CredentialsError);
    expect(api.requests).toHaveLength(0);
  });

  it("throws ApiUnreachableError when nothing answers", async () => {
    // Arrange
    const closed = await startFakeApi();
    await closed.close();
    const unreachable = createClient({ endpoint: closed.url, region: "eu-west-1", credentials: CREDENTIALS });

    // Act
    const result = unreachable.catalog();

    // Assess
    await expect(result).rejects.toBeInstanceOf(ApiUnreachableError);
  });

  it("refuses a grant id that is not cluster/namespace/serviceAccount", () => {
    expect(() => grantPath("demo/payments")).toThrow(TypeError);
    expect(grantPath("a/b/c")).toBe("/grants/a/b/c");
  });
});
