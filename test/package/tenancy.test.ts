/**
 * The tenancy's part of the package: what `serverless package` derives from the tenancy file
 * (param `tenancyFile`; the run's packaging uses the tests' `test/fixtures/tenancy.json`) — one
 * boundary per tenant, the file inside the record function's zip, the Grant Requested rule and the
 * bus policy — and that an invalid file stops the packaging with the tenancy's own message. The
 * pure pieces (`scripts/package-tenancy.ts`) are also checked on tenancies of their own: the
 * project's `tenancy.json` (the default), one without ticket sources, one with an oversized tenant.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { boundaryPolicyArn } from "#grant/naming.ts";
import { tenantBoundaryDocument } from "#policy/boundary.ts";
import { matchesPattern, validatePattern } from "#sandbox/eventbridge/pattern.ts";
import { PROJECT_ROOT, packageTemplate } from "#sandbox/template.ts";
import { ConfigurationError } from "#src/errors.ts";
import { parseTenancy, type Tenancy } from "#src/tenancy/tenancy.ts";
import {
  boundaryResources,
  eventBusPolicy,
  GRANT_REQUESTED,
  grantRequestedRuleState,
  grantRequestedSources,
  loadTenancyFile,
  NO_TICKET_SOURCE,
} from "../../scripts/package-tenancy.ts";
import { evaluate, fixtureTenancy, type Policy, SCOPE } from "../support/iam-simulation.ts";
import {
  functions,
  packaged,
  properties,
  refOf,
  resolve,
  resourcesOf,
  STACK,
  zipEntrySizes,
} from "./packaged.ts";

const { region: r, account: a } = SCOPE;
/** The tenancy the run's packaging was built from. */
const packagedTenancy = (): Tenancy => packaged().tenancy;

const scratch = mkdtempSync(join(tmpdir(), "pip-tenancy-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("serverless package: the tenancy file", () => {
  it("creates one boundary managed policy per tenant of the tenancy file, as src/policy/boundary.ts renders it", () => {
    // Prepare
    const tenants = packagedTenancy().tenants;

    // Act
    const boundaries = resourcesOf("AWS::IAM::ManagedPolicy").map(([id, resource]) => ({
      id,
      arn: refOf(id),
      document: resolve((resource.Properties as { PolicyDocument: unknown }).PolicyDocument),
    }));

    // Assess
    expect(tenants.length).toBeGreaterThan(1);
    expect(boundaries.map((b) => b.arn).sort()).toEqual(
      tenants.map((t) => boundaryPolicyArn(SCOPE, STACK, t.name)).sort(),
    );
    for (const tenant of tenants) {
      const boundary = boundaries.find((b) => b.arn === boundaryPolicyArn(SCOPE, STACK, tenant.name));
      expect(boundary?.document, tenant.name).toEqual(tenantBoundaryDocument(tenant, SCOPE, STACK));
    }
  });

  it("packs the tenancy file into the record function's zip, at the path TENANCY_FILE names", () => {
    // Prepare
    const record = functions().find((f) => f.id === "RecordLambdaFunction");
    if (!record) throw new Error("No record function in the template");
    const zip = join(packaged().dir, basename((record.props.Code as { S3Key: string }).S3Key));
    const path = (record.props.Environment as { Variables: Record<string, string> }).Variables.TENANCY_FILE;

    // Act
    const entries = zipEntrySizes(zip);

    // Assess
    expect(path).toBe(packaged().tenancyFile);
    expect(entries.get(path ?? ""), `${zip} holds ${path}`).toBe(
      readFileSync(join(PROJECT_ROOT, path ?? "")).length,
    );
  });

  it("fails serverless package on an invalid tenancy file, with the tenancy's message", async () => {
    // Prepare: a file the schema refuses (bad name, no caller, no cluster, no template).
    const bad = { tenants: [{ name: "Bad Name", clusters: [], namespaces: ["x"], templates: {} }] };
    const file = join(scratch, "tenancy.invalid.json");
    writeFileSync(file, JSON.stringify(bad));
    const expected = (() => {
      try {
        parseTenancy(bad, `tenancyFile ${file}`);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("the bad tenancy was accepted");
    })();
    const out = join(scratch, "package");

    // Act: the variables fail before anything is built, so this packaging is quick and shares nothing.
    const failure = await packageTemplate(out, "dev", file).then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );

    // Assess
    expect(failure, "serverless package failed").toBeDefined();
    expect(failure?.code).not.toBe(0);
    expect(`${failure?.stdout}${failure?.stderr}`).toContain(expected);
    expect(existsSync(join(out, "cloudformation-template-update-stack.json"))).toBe(false);
  });
});

describe("serverless package: Grant Requested events", () => {
  const rule = () =>
    properties<{
      State: string;
      EventPattern: Record<string, unknown>;
      Targets: Array<{ InputTransformer: { InputPathsMap: Record<string, string>; InputTemplate: string } }>;
    }>("GrantRequestedRule");
  const event = (source: string) => ({
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": GRANT_REQUESTED,
    source,
    account: a,
    time: "2026-12-02T15:00:00Z",
    region: r,
    resources: [],
    detail: {
      cluster: "prod-eks",
      namespace: "payments",
      serviceAccount: "api",
      permissions: [],
      ticket: "OPS-1",
    },
  });

  it("hands the intake function only the tenancy's ticket sources' events, the whole event (its source is the caller)", () => {
    // Prepare
    const { State, EventPattern, Targets } = rule();
    const sources = packagedTenancy().tenants.flatMap((t) => (t.ticketSources ?? []).map((s) => s.source));

    // Act
    const matched = matchesPattern(EventPattern, event("tickets.team-a"));
    const unmatched = ["tickets.team-b", "tickets.team-a.evil", "aws.events", "com.example"].filter((s) =>
      matchesPattern(EventPattern, event(s)),
    );
    const deletion = { ...event("tickets.team-a"), "detail-type": "Grant Deletion Requested" };
    const other = { ...event("tickets.team-a"), "detail-type": "Grant Approved" };

    // Assess
    expect(validatePattern(EventPattern)).toEqual([]);
    expect(State).toBe("ENABLED");
    expect(EventPattern.source).toEqual(sources);
    expect(matched).toBe(true);
    expect(unmatched).toEqual([]);
    expect(matchesPattern(EventPattern, deletion)).toBe(true);
    expect(matchesPattern(EventPattern, other)).toBe(false);
    // No transformer: the intake reads the event's `source` (src/intake/ticket.ts), which the bus
    // policy lets only the source's integration role put.
    expect(Targets).toEqual([{ Id: "intake", Arn: { "Fn::GetAtt": ["IntakeLambdaFunction", "Arn"] } }]);
  });

  it("matches nothing, and is disabled, when the tenancy names no ticket source", () => {
    // Prepare
    const tenancy: Tenancy = {
      tenants: fixtureTenancy().tenants.map(({ ticketSources: _, ...tenant }) => ({
        ...tenant,
        principals: tenant.principals ?? ["arn:aws:iam::111122223333:role/x"],
      })),
    };
    const pattern = { ...rule().EventPattern, source: grantRequestedSources(tenancy) };

    // Act
    const matched = ["tickets.team-a", "tickets.payments", "com.example", ""].filter((s) =>
      matchesPattern(pattern, event(s)),
    );

    // Assess: EventBridge rejects an empty list; `aws.` sources cannot be put by callers.
    expect(pattern.source).toEqual([NO_TICKET_SOURCE]);
    expect(NO_TICKET_SOURCE.startsWith("aws.")).toBe(true);
    expect(validatePattern(pattern)).toEqual([]);
    expect(matched).toEqual([]);
    expect(grantRequestedRuleState(tenancy)).toBe("DISABLED");
  });

  it("gives the bus the policy the tenancy's ticket sources call for", () => {
    // Act
    const packagedPolicy = properties<{ Policy: unknown }>("ProvisionerEventBus").Policy;

    // Assess
    expect(packagedPolicy).toEqual(eventBusPolicy(packagedTenancy(), STACK));
  });

  describe("the packaged bus policy, evaluated (tickets.team-a, integration role/ticket-bridge)", () => {
    const bus = `arn:aws:events:${r}:${a}:event-bus/${STACK}`;
    const INTEGRATION = `arn:aws:iam::${a}:role/ticket-bridge`;
    const anyPutEvents: Policy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: "*" }],
    };
    /** The bus policy as deployed. */
    const packagedPolicy = () =>
      resolve(properties<{ Policy: unknown }>("ProvisionerEventBus").Policy) as Policy;
    /**
     * PutEvents by `role` (a session of it), allowed by its own identity policy, under the bus policy.
     * `events:source` and `events:detail-type` are multivalued: one value per entry of the call.
     */
    const put = (
      policy: Policy,
      role: string,
      sources: string[],
      detailTypes = [GRANT_REQUESTED],
      identity = [anyPutEvents],
    ) =>
      evaluate({
        principal: role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/").concat("/session"),
        action: "events:PutEvents",
        resource: bus,
        resourcePolicy: policy,
        identityPolicies: identity,
        context: { "events:source": sources, "events:detail-type": detailTypes, "aws:PrincipalArn": role },
      });

    it("lets only a ticket source's integration role put events with that source", async () => {
      // Prepare
      const policy = packagedPolicy();

      // Act
      const integration = await put(policy, INTEGRATION, ["tickets.team-a"]);
      const integrationWithoutIdentityPolicy = await put(
        policy,
        INTEGRATION,
        ["tickets.team-a"],
        undefined,
        [],
      );
      const others = {
        "team-a's own role": await put(policy, `arn:aws:iam::${a}:role/team-a`, ["tickets.team-a"]),
        "an admin": await put(policy, `arn:aws:iam::${a}:role/admin`, ["tickets.team-a"]),
        "another detail-type": await put(
          policy,
          `arn:aws:iam::${a}:role/admin`,
          ["tickets.team-a"],
          ["Ticket Updated"],
        ),
        "a batch hiding it among other events": await put(
          policy,
          `arn:aws:iam::${a}:role/admin`,
          ["com.example.orders", "tickets.team-a"],
          ["Order Placed", GRANT_REQUESTED],
        ),
      };

      // Assess
      expect(integration).toBe("Allowed");
      expect(integrationWithoutIdentityPolicy).toBe("Allowed");
      expect(others).toEqual({
        "team-a's own role": "ExplicitlyDenied",
        "an admin": "ExplicitlyDenied",
        "another detail-type": "ExplicitlyDenied",
        "a batch hiding it among other events": "ExplicitlyDenied",
      });
    });

    it("refuses Grant Requested from any source the tenancy does not name, and leaves other events alone", async () => {
      // Prepare
      const policy = packagedPolicy();
      const withoutSources = resolve(
        eventBusPolicy({ tenants: packagedTenancy().tenants.filter((t) => !t.ticketSources) }, STACK),
      ) as Policy;

      // Act
      const unknownSource = await put(policy, INTEGRATION, ["tickets.team-b"]);
      const batchWithUnknownSource = await put(
        policy,
        INTEGRATION,
        ["tickets.team-a", "tickets.team-b"],
        [GRANT_REQUESTED, GRANT_REQUESTED],
      );
      const integrationOtherEvent = await put(
        policy,
        INTEGRATION,
        ["tickets.team-a"],
        ["Ticket Updated"],
        [],
      );
      const otherEvent = await put(
        policy,
        `arn:aws:iam::${a}:role/app`,
        ["com.example.orders"],
        ["Order Placed"],
      );
      const noSources = await put(withoutSources, INTEGRATION, ["tickets.team-a"]);

      // Assess
      expect(unknownSource).toBe("ExplicitlyDenied");
      expect(batchWithUnknownSource).toBe("ExplicitlyDenied");
      expect(integrationOtherEvent).toBe("ImplicitlyDenied");
      expect(otherEvent).toBe("Allowed");
      expect(noSources).toBe("ExplicitlyDenied");
    });
  });
});

describe("scripts/package-tenancy.ts", () => {
  it("accepts the project's tenancy.json, the default tenancyFile, and fits each of its tenants' boundaries", () => {
    // Act
    const { tenancy, packagedPath } = loadTenancyFile(PROJECT_ROOT, "tenancy.json");
    const resources = boundaryResources(tenancy, STACK);

    // Assess
    expect(packagedPath).toBe("tenancy.json");
    expect(Object.keys(resources)).toHaveLength(tenancy.tenants.length);
    expect(grantRequestedRuleState(tenancy)).toBe("ENABLED");
  });

  it("refuses a tenant whose boundary is larger than a managed policy may be, naming the tenant", () => {
    // Prepare
    const patterns = Array.from({ length: 50 }, (_, i) => `huge-bucket-with-a-long-name-${i}-*`);
    const tenancy = fixtureTenancy();
    const huge: Tenancy = {
      tenants: [
        ...tenancy.tenants,
        {
          name: "huge",
          principals: ["arn:aws:iam::111122223333:role/huge"],
          clusters: ["demo"],
          namespaces: ["huge"],
          templates: {
            "s3-read": { bucket: patterns },
            "s3-write": { bucket: patterns.map((p) => `w-${p}`) },
          },
        },
      ],
    };

    // Act
    const build = () => boundaryResources(huge, STACK);

    // Assess
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/Tenant huge's permissions boundary/);
    expect(Object.keys(boundaryResources(tenancy, STACK))).toEqual([
      "BoundaryPolicyPlatform",
      "BoundaryPolicyTeamA",
      "BoundaryPolicyTeamB",
    ]);
  });

  it("refuses two tenants whose CloudFormation logical ids would collide", () => {
    // Prepare
    const [first] = fixtureTenancy().tenants;
    if (!first) throw new Error("fixture tenancy is empty");
    const tenancy: Tenancy = {
      tenants: [
        { ...first, name: "a-1" },
        { ...first, name: "a1", principals: ["arn:aws:iam::111122223333:role/other"] },
      ],
    };

    // Act
    const build = () => boundaryResources(tenancy, STACK);

    // Assess
    expect(build).toThrow(/Tenants a-1 and a1 would both be CloudFormation resource BoundaryPolicyA1/);
  });

  it("refuses a tenancy file outside the project, or one that is not JSON, naming the file", () => {
    // Prepare
    const outside = join(scratch, "tenancy.valid.json");
    writeFileSync(outside, readFileSync(join(PROJECT_ROOT, "test", "fixtures", "tenancy.json")));
    const notJson = join(scratch, "tenancy.txt");
    writeFileSync(notJson, "tenants: []");

    // Act
    const load = (file: string) => () => loadTenancyFile(PROJECT_ROOT, file);

    // Assess
    expect(load(outside)).toThrow(/must be inside the project/);
    expect(load(notJson)).toThrow(/is not JSON/);
    expect(load("no-such-tenancy.json")).toThrow(/no-such-tenancy\.json cannot be read/);
    expect(loadTenancyFile(PROJECT_ROOT, "./test/fixtures/tenancy.json").packagedPath).toBe(
      "test/fixtures/tenancy.json",
    );
  });
});
