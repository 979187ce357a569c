import { describe, expect, it } from "vitest";
import { endpointRegion, parseCommandLine } from "../../../cli/args.ts";

const env = { POD_IDENTITY_API: "https://api.example.test" };

describe("parseCommandLine", () => {
  it("parses grant with its wait options and the connection from the environment", () => {
    // Act
    const parsed = parseCommandLine(
      ["grant", "req.json", "--idempotency-key", "OPS-1234", "--poll-ms", "250", "--timeout", "60"],
      { ...env, AWS_REGION: "us-east-1", AWS_PROFILE: "platform" },
    );

    // Assess
    expect(parsed).toEqual({
      kind: "run",
      connection: {
        endpoint: "https://api.example.test",
        region: "us-east-1",
        profile: "platform",
        json: false,
      },
      command: {
        command: "grant",
        file: "req.json",
        idempotencyKey: "OPS-1234",
        wait: true,
        pollMs: 250,
        timeoutMs: 60_000,
      },
    });
  });

  it("defaults to polling every second for 900 s, and --no-wait turns the wait off", () => {
    expect(parseCommandLine(["revoke", "demo/payments/api", "--no-wait"], env)).toMatchObject({
      command: {
        command: "revoke",
        id: "demo/payments/api",
        key: { cluster: "demo", namespace: "payments", serviceAccount: "api" },
        wait: false,
        pollMs: 1000,
        timeoutMs: 900_000,
      },
    });
  });

  it("takes the options before or after the command, and --json", () => {
    expect(parseCommandLine(["--json", "--endpoint", "http://127.0.0.1:4566", "catalog"], {})).toEqual({
      kind: "run",
      connection: { endpoint: "http://127.0.0.1:4566", region: "eu-west-1", json: true },
      command: { command: "catalog" },
    });
  });

  it("parses list filters, the status in any case", () => {
    expect(
      parseCommandLine(["list", "--cluster", "demo", "--namespace", "payments", "--status", "active"], env),
    ).toMatchObject({
      command: { command: "list", cluster: "demo", namespace: "payments", status: "ACTIVE" },
    });
  });

  it("picks the region: --region, then the endpoint's own, then AWS_REGION, AWS_DEFAULT_REGION, eu-west-1", () => {
    const region = (argv: string[], environment: Record<string, string>) => {
      const parsed = parseCommandLine(["catalog", ...argv], environment);
      return parsed.kind === "run" ? parsed.connection.region : parsed.kind;
    };
    const apiGateway = "https://abc123.execute-api.ap-south-1.amazonaws.com/prod";
    expect(region(["--region", "eu-north-1"], { ...env, AWS_REGION: "us-east-1" })).toBe("eu-north-1");
    expect(region(["--endpoint", apiGateway], { AWS_REGION: "us-east-1" })).toBe("ap-south-1");
    expect(region([], { ...env, AWS_REGION: "us-east-1", AWS_DEFAULT_REGION: "us-west-2" })).toBe(
      "us-east-1",
    );
    expect(region([], { ...env, AWS_DEFAULT_REGION: "us-west-2" })).toBe("us-west-2");
    expect(region([], env)).toBe("eu-west-1");
  });

  it("takes --profile over AWS_PROFILE", () => {
    expect(parseCommandLine(["catalog", "--profile", "ci"], { ...env, AWS_PROFILE: "dev" })).toMatchObject({
      connection: { profile: "ci" },
    });
  });

  it("asks for help with --help, -h, help or no command", () => {
    for (const argv of [["--help"], ["-h"], ["help"], [], ["grant", "--help"]]) {
      expect(parseCommandLine(argv, {})).toEqual({ kind: "help" });
    }
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["grant"], /expected a request file/],
    [["grant", "a.json", "b.json"], /unexpected argument 'b.json'/],
    [
      ["status", "demo/payments"],
      /expected a grant id cluster\/namespace\/serviceAccount, got 'demo\/payments'/,
    ],
    [["status", "demo//api"], /expected a grant id/],
    [["revoke"], /expected a grant id/],
    [["grant", "a.json", "--poll-ms", "0"], /--poll-ms must be a positive number/],
    [["grant", "a.json", "--timeout", "soon"], /--timeout must be a positive number/],
    [["grant", "a.json", "--idempotency-key", "has space"], /--idempotency-key must be/],
    [["grant", "a.json", "--idempotency-key", "k".repeat(65)], /--idempotency-key must be/],
    [["list", "--status", "GONE"], /--status must be one of/],
    [["status", "a/b/c", "--cluster", "x"], /status does not take --cluster/],
    [["catalog", "--no-wait"], /catalog does not take --no-wait/],
    [["catalog", "--bogus"], /Unknown option '--bogus'/],
    [["catalog", "--endpoint", "ftp://x"], /must be an http\(s\) URL/],
  ])("refuses %j as usage", (argv, message) => {
    const parsed = parseCommandLine(argv, env);
    expect(parsed.kind).toBe("usage");
    expect(parsed.kind === "usage" && parsed.message).toMatch(message);
  });

  it("refuses to run without an endpoint", () => {
    expect(parseCommandLine(["catalog"], {})).toEqual({
      kind: "usage",
      message: "no API endpoint: pass --endpoint URL or set POD_IDENTITY_API",
    });
  });
});

describe("endpointRegion", () => {
  it("reads the region from an execute-api host only", () => {
    expect(endpointRegion("https://a1b2c3.execute-api.eu-west-3.amazonaws.com")).toBe("eu-west-3");
    expect(endpointRegion("https://api.example.com")).toBeUndefined();
    expect(endpointRegion("not a url")).toBeUndefined();
  });
});
