import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { EKSClient, ListClustersCommand } from "@aws-sdk/client-eks";
import { EventBridgeClient, ListRulesCommand } from "@aws-sdk/client-eventbridge";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxCredentials } from "../../sandbox/sandbox.ts";
import { MISSING_BOTO3, PYTHON_WITH_BOTO3 } from "../support/aws-cli.ts";
import { provision, startTestSandbox } from "../support/sandbox.ts";
import { presignUrl, type Signing, send, sendSigned, signedHeaders } from "../support/sigv4.ts";

/**
 * Authentication as AWS does it, through the unmodified JS SDK, through botocore (boto3), and on
 * the raw wire: an unsigned request, a wrong secret, an unknown key, presigned URLs, a tampered
 * body, and malformed JSON bodies. Each protocol answers as AWS's front ends do (see
 * sandbox/emulator/signature.ts for the sources): Query (IAM, STS) 403 MissingAuthenticationToken /
 * InvalidClientTokenId / SignatureDoesNotMatch; AWS JSON (DynamoDB, Step Functions, EventBridge,
 * CloudTrail) 400 MissingAuthenticationTokenException / UnrecognizedClientException /
 * InvalidSignatureException; REST-JSON (EKS) the same names with 403.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

type Probe = (credentials?: SandboxCredentials, options?: { unsigned?: boolean }) => Promise<unknown>;

/** One read-only call per emulated service, through its SDK client (optionally with the signature stripped). */
const PROBES: Record<string, { protocol: "query" | "json" | "rest-json"; call: Probe }> = {
  iam: { protocol: "query", call: (c, o) => client(IAMClient, c, o).send(new ListRolesCommand({})) },
  sts: { protocol: "query", call: (c, o) => client(STSClient, c, o).send(new GetCallerIdentityCommand({})) },
  eks: { protocol: "rest-json", call: (c, o) => client(EKSClient, c, o).send(new ListClustersCommand({})) },
  states: {
    protocol: "json",
    call: (c, o) => client(SFNClient, c, o).send(new ListStateMachinesCommand({})),
  },
  events: {
    protocol: "json",
    call: (c, o) => client(EventBridgeClient, c, o).send(new ListRulesCommand({})),
  },
  cloudtrail: {
    protocol: "json",
    call: (c, o) => client(CloudTrailClient, c, o).send(new LookupEventsCommand({})),
  },
  dynamodb: {
    protocol: "json",
    call: (c, o) => client(DynamoDBClient, c, o).send(new ListTablesCommand({})),
  },
};

function client<C extends object>(
  Client: new (config: ReturnType<Sandbox["clientConfig"]>) => C,
  credentials: SandboxCredentials = sandbox.admin,
  options: { unsigned?: boolean } = {},
): C {
  const instance = new Client(sandbox.clientConfig(credentials));
  if (options.unsigned) stripSignature(instance);
  return instance;
}

/** An unsigned request, as a client without credentials sends it: the signer's header removed after signing. */
function stripSignature(instance: object): void {
  type Args = { request: { headers: Record<string, string> } };
  const { middlewareStack } = instance as {
    middlewareStack: { addRelativeTo(middleware: unknown, options: Record<string, string>): void };
  };
  middlewareStack.addRelativeTo(
    (next: (args: Args) => Promise<unknown>) => (args: Args) => {
      delete args.request.headers.authorization;
      return next(args);
    },
    { relation: "after", toMiddleware: "httpSigningMiddleware", name: "stripSignature" },
  );
}

/** What a call failed with, as the SDK saw it. */
async function failureOf(
  promise: Promise<unknown>,
): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error("expected the call to fail");
}

const EXPECTED = {
  query: {
    unsigned: ["MissingAuthenticationToken", 403],
    wrongSecret: ["SignatureDoesNotMatch", 403],
    unknownKey: ["InvalidClientTokenId", 403],
  },
  json: {
    unsigned: ["MissingAuthenticationTokenException", 400],
    wrongSecret: ["InvalidSignatureException", 400],
    unknownKey: ["UnrecognizedClientException", 400],
  },
  "rest-json": {
    unsigned: ["MissingAuthenticationTokenException", 403],
    wrongSecret: ["InvalidSignatureException", 403],
    unknownKey: ["UnrecognizedClientException", 403],
  },
} as const;

const SERVICES = Object.keys(PROBES);
const probe = (service: string) => {
  const found = PROBES[service];
  if (!found) throw new Error(`no probe for ${service}`);
  return found;
};

describe("Authentication through the JS SDK", () => {
  it.each(SERVICES)("answers %s signed with the right secret", async (service) => {
    // Act
    const result = await probe(service).call();

    // Assess
    expect(result).toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });

  it.each(SERVICES)("refuses an unsigned %s request as AWS does", async (service) => {
    // Prepare
    const { protocol, call } = probe(service);

    // Act
    const error = await failureOf(call(sandbox.admin, { unsigned: true }));

    // Assess
    const [name, status] = EXPECTED[protocol].unsigned;
    expect({ name: error.name, status: error.status }).toEqual({ name, status });
    expect(error.message).toBe(
      protocol === "rest-json" ? "Missing Authentication Token" : "Request is missing Authentication Token",
    );
  });

  it.each(SERVICES)("refuses %s signed with a wrong secret key", async (service) => {
    // Prepare
    const { protocol, call } = probe(service);

    // Act
    const error = await failureOf(call({ ...sandbox.admin, secretAccessKey: "not-the-admin-secret" }));

    // Assess
    const [name, status] = EXPECTED[protocol].wrongSecret;
    expect(error).toEqual({ name, status, message: SIGNATURE_MISMATCH });
  });

  it.each(SERVICES)("refuses %s signed with an access key it does not know", async (service) => {
    // Prepare
    const { protocol, call } = probe(service);

    // Act
    const error = await failureOf(call({ accessKeyId: "AKIANOBODYEXAMPLE001", secretAccessKey: "whatever" }));

    // Assess
    const [name, status] = EXPECTED[protocol].unknownKey;
    expect(error).toEqual({
      name,
      status,
      message: "The security token included in the request is invalid.",
    });
  });

  it("lets the provisioner's key sign as the provisioner's session", async () => {
    // Act
    const identity = await client(STSClient, sandbox.provisioner).send(new GetCallerIdentityCommand({}));

    // Assess
    expect(identity.Arn).toBe(sandbox.provisioner.identity.arn);
  });

  it("runs a whole provisioning, the functions' IAM, EKS and DynamoDB calls signed with the provisioner's key", async () => {
    // Act
    const execution = await provision(sandbox, {
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "signed-calls",
      permissions: [{ template: "s3-read", bucket: "invoices" }],
      ticket: "OPS-1234",
      requestedBy: "team-payments",
    });

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    expect(
      sandbox.apiCalls.filter((call) => call.caller.arn === sandbox.provisioner.identity.arn),
    ).not.toEqual([]);
  });
});

describe("Authentication on the wire", () => {
  const signing = (service: string, secretAccessKey = sandbox.admin.secretAccessKey): Signing => ({
    accessKeyId: sandbox.admin.accessKeyId,
    secretAccessKey,
    region: sandbox.region,
    service,
  });
  const form = (body: string) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });

  it("answers an unsigned IAM request with IAM's XML error: 403 MissingAuthenticationToken", async () => {
    // Act
    const response = await send(`${sandbox.url}/`, form("Action=ListRoles&Version=2010-05-08"));

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers["content-type"]).toBe("text/xml");
    expect(response.body).toMatch(
      /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it("answers an unsigned STS GET in STS's namespace", async () => {
    // Act
    const response = await send(`${sandbox.url}/?Action=GetCallerIdentity&Version=2011-06-15`);

    // Assess
    expect(response.status).toBe(403);
    expect(response.body).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(response.body).toContain("<Code>MissingAuthenticationToken</Code>");
  });

  it("answers an unsigned JSON request with x-amzn-errortype and the error in the body", async () => {
    // Act
    const response = await send(`${sandbox.url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AWSStepFunctions.ListStateMachines",
      },
      body: "{}",
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    expect(response.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(JSON.parse(response.body)).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
  });

  it("answers an unsigned EKS request as API Gateway-fronted services do: 403, {message}", async () => {
    // Act
    const response = await send(`${sandbox.url}/clusters`);

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    expect(JSON.parse(response.body)).toEqual({ message: "Missing Authentication Token" });
  });

  it("refuses a signed request whose body was changed after signing", async () => {
    // Prepare: signed for ListRoles, sent asking for ListUsers.
    const headers = await signedHeaders(
      `${sandbox.url}/`,
      form("Action=ListRoles&Version=2010-05-08"),
      signing("iam"),
    );

    // Act
    const response = await send(`${sandbox.url}/`, {
      method: "POST",
      headers,
      body: "Action=ListUsers&Version=2010-05-08",
    });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body).toContain("<Code>SignatureDoesNotMatch</Code>");
  });

  it("serves an IAM request signed on the wire as the SDK signs it", async () => {
    // Act
    const response = await sendSigned(
      `${sandbox.url}/`,
      form("Action=ListRoles&Version=2010-05-08"),
      signing("iam"),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toContain("<ListRolesResponse");
  });

  it("serves a presigned STS GetCallerIdentity URL (SigV4 in the query string)", async () => {
    // Prepare
    const url = await presignUrl(
      `${sandbox.url}/?Action=GetCallerIdentity&Version=2011-06-15`,
      { method: "GET" },
      signing("sts"),
    );

    // Act
    const response = await send(url);

    // Assess
    expect(url).toContain("X-Amz-Signature=");
    expect(response.status).toBe(200);
    expect(response.body).toContain(`<Arn>${sandbox.admin.identity.arn}</Arn>`);
  });

  it("serves a presigned IAM ListRoles GET", async () => {
    // Prepare
    const url = await presignUrl(
      `${sandbox.url}/?Action=ListRoles&Version=2010-05-08`,
      { method: "GET" },
      signing("iam"),
    );

    // Act
    const response = await send(url);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toContain("<ListRolesResponse");
  });

  it("refuses a presigned URL made with a wrong secret, and one whose query was changed", async () => {
    // Prepare
    const wrong = await presignUrl(
      `${sandbox.url}/?Action=GetCallerIdentity&Version=2011-06-15`,
      { method: "GET" },
      signing("sts", "not-the-admin-secret"),
    );
    const good = await presignUrl(
      `${sandbox.url}/?Action=ListRoles&Version=2010-05-08`,
      { method: "GET" },
      signing("iam"),
    );

    // Act
    const wrongSecret = await send(wrong);
    const tampered = await send(good.replace("Action=ListRoles", "Action=ListUsers"));

    // Assess
    for (const response of [wrongSecret, tampered]) {
      expect(response.status).toBe(403);
      expect(response.body).toContain("<Code>SignatureDoesNotMatch</Code>");
      expect(response.body).toContain(`<Message>${SIGNATURE_MISMATCH}</Message>`);
    }
  });

  it("refuses an Authorization header that is not a complete SigV4 signature with IncompleteSignature", async () => {
    // Act
    const response = await send(`${sandbox.url}/`, {
      ...form("Action=ListRoles&Version=2010-05-08"),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `AWS4-HMAC-SHA256 Credential=${sandbox.admin.accessKeyId}/20261124/${sandbox.region}/iam/aws4_request`,
      },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toContain("<Code>IncompleteSignature</Code>");
  });
});

describe("Malformed JSON bodies", () => {
  const TARGETS = {
    states: ["1.0", "AWSStepFunctions.ListStateMachines"],
    events: ["1.1", "AWSEvents.ListRules"],
    cloudtrail: ["1.1", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"],
    dynamodb: ["1.0", "DynamoDB_20120810.ListTables"],
  } as const;

  it.each(Object.entries(TARGETS))(
    "answers %s a body that is not JSON with 400 SerializationException, not a retryable 500",
    async (service, [version, target]) => {
      // Act
      const response = await sendSigned(
        `${sandbox.url}/`,
        {
          method: "POST",
          headers: { "content-type": `application/x-amz-json-${version}`, "x-amz-target": target },
          body: '{"maxResults": 1',
        },
        {
          accessKeyId: sandbox.admin.accessKeyId,
          secretAccessKey: sandbox.admin.secretAccessKey,
          region: sandbox.region,
          service,
        },
      );

      // Assess
      expect(response.status).toBe(400);
      expect(response.headers["x-amzn-errortype"]).toBe("SerializationException");
      expect(JSON.parse(response.body)).toEqual({ __type: "SerializationException" });
    },
  );

  it("answers a JSON body that is not an object, signed or not, with SerializationException", async () => {
    // Act
    const response = await send(`${sandbox.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.ListRules" },
      body: "[]",
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("SerializationException");
  });
});

// botocore signs and parses independently of the JS SDK: a second opinion. One Python process runs
// every probe (boto3 starts slowly); the test is skipped, visibly, where boto3 is not installed.

const BOTO3_PROBES = `
import json, sys
import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, region, key, secret = sys.argv[1:5]
calls = {
    "iam": lambda c: c.list_roles(),
    "sts": lambda c: c.get_caller_identity(),
    "eks": lambda c: c.list_clusters(),
    "stepfunctions": lambda c: c.list_state_machines(),
    "events": lambda c: c.list_rules(),
    "cloudtrail": lambda c: c.lookup_events(),
    "dynamodb": lambda c: c.list_tables(),
}

def make(service, **kwargs):
    config = Config(retries={"total_max_attempts": 1}, **kwargs.pop("config", {}))
    return boto3.client(service, endpoint_url=endpoint, region_name=region, config=config, **kwargs)

def outcome(service, **kwargs):
    try:
        calls[service](make(service, **kwargs))
        return ["OK", 200]
    except ClientError as error:
        return [error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]]

result = {}
for service in calls:
    result[service] = {
        "good": outcome(service, aws_access_key_id=key, aws_secret_access_key=secret),
        "unsigned": outcome(service, config={"signature_version": UNSIGNED}),
        "wrongSecret": outcome(service, aws_access_key_id=key, aws_secret_access_key="not-the-secret"),
        "unknownKey": outcome(service, aws_access_key_id="AKIANOBODYEXAMPLE001", aws_secret_access_key="x"),
    }
presigner = make("sts", aws_access_key_id=key, aws_secret_access_key=secret)
# As aws eks get-token presigns it: a GET (a Query operation is presigned for POST otherwise).
result["presigned"] = presigner.generate_presigned_url("get_caller_identity", ExpiresIn=900, HttpMethod="GET")
print(json.dumps(result))
`;

describe("Authentication through botocore (boto3)", () => {
  it("answers each service's unsigned, wrongly signed and unknown-key calls as AWS does, and serves a botocore presigned URL", async () => {
    // Act
    if (!PYTHON_WITH_BOTO3) throw new Error(MISSING_BOTO3);
    const { stdout } = await promisify(execFile)(
      PYTHON_WITH_BOTO3,
      [
        "-c",
        BOTO3_PROBES,
        sandbox.url,
        sandbox.region,
        sandbox.admin.accessKeyId,
        sandbox.admin.secretAccessKey,
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        },
      },
    );
    const results = JSON.parse(stdout) as Record<string, unknown> & { presigned: string };
    const presigned = await send(results.presigned);

    // Assess
    const protocolOf: Record<string, keyof typeof EXPECTED> = {
      iam: "query",
      sts: "query",
      eks: "rest-json",
      stepfunctions: "json",
      events: "json",
      cloudtrail: "json",
      dynamodb: "json",
    };
    const expected = Object.fromEntries(
      Object.entries(protocolOf).map(([service, protocol]) => [
        service,
        {
          good: ["OK", 200],
          unsigned: [...EXPECTED[protocol].unsigned],
          wrongSecret: [...EXPECTED[protocol].wrongSecret],
          unknownKey: [...EXPECTED[protocol].unknownKey],
        },
      ]),
    );
    expect({ ...results, presigned: undefined }).toEqual({ ...expected, presigned: undefined });
    // botocore presigns with UNSIGNED-PAYLOAD (SigV4QueryAuth), which AWS accepts.
    expect(presigned.status).toBe(200);
    expect(presigned.body).toContain(`<Arn>${sandbox.admin.identity.arn}</Arn>`);
  });
});
