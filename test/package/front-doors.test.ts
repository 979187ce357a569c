/**
 * The front doors as packaged: the HTTP API's routes (every one IAM-authorized, exactly the route
 * table plus the catch-all), the ticket rule's target, and the least privilege of the `api` and
 * `intake` functions' roles and of the record step's announcing — evaluated with the IAM
 * evaluator on the deployed policies.
 */
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../src/api/routes.ts";
import { SCOPE } from "../support/iam-simulation.ts";
import { arnOf, asRole, properties, refOf, resourcesOf, roleOfFunction, STACK } from "./packaged.ts";

const { partition: p, region: r, account: a } = SCOPE;
const machine = (name: string) => `arn:${p}:states:${r}:${a}:stateMachine:${STACK}-${name}`;
const execution = (name: string) => `arn:${p}:states:${r}:${a}:execution:${STACK}-${name}:api-1234`;

describe("serverless package: the HTTP API", () => {
  it("authorizes every route with AWS_IAM, and has exactly the route table's routes and the catch-all", () => {
    const routes = resourcesOf("AWS::ApiGatewayV2::Route").map(([, resource]) => resource.Properties ?? {});
    expect(routes.map((route) => route.AuthorizationType)).toEqual(routes.map(() => "AWS_IAM"));
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(
      [...ROUTES.map((route) => `${route.method} ${route.path}`), "$default"].sort(),
    );
  });
});

describe("serverless package: ticket intake", () => {
  it("sends both ticket detail-types to the intake function, which only that rule may invoke", () => {
    const rule = properties<{
      EventPattern: { "detail-type": string[]; detail?: unknown };
      Targets: Array<{ Arn: unknown; InputTransformer?: unknown }>;
    }>("GrantRequestedRule");
    expect(rule.EventPattern["detail-type"]).toEqual(["Grant Requested", "Grant Deletion Requested"]);
    expect(rule.EventPattern.detail).toBeUndefined();
    expect(rule.Targets).toEqual([{ Id: "intake", Arn: { "Fn::GetAtt": ["IntakeLambdaFunction", "Arn"] } }]);
    const permission = properties<Record<string, unknown>>("IntakeInvokedByGrantRequestedRule");
    expect(permission).toMatchObject({
      Principal: "events.amazonaws.com",
      SourceArn: { "Fn::GetAtt": ["GrantRequestedRule", "Arn"] },
    });
  });
});

describe("serverless package: front-door function roles, evaluated", () => {
  const table = () => arnOf("RegistryTable");
  const bus = () => arnOf("ProvisionerEventBus");

  it("api: reads grants, lists a tenant's, starts and reads this stage's workflows — nothing else", async () => {
    const api = roleOfFunction("api");
    const allowed = await Promise.all([
      asRole(api, "dynamodb:GetItem", table()),
      asRole(api, "dynamodb:Query", `${table()}/index/byTenant`),
      asRole(api, "states:StartExecution", machine("provision")),
      asRole(api, "states:StartExecution", machine("deprovision")),
      asRole(api, "states:DescribeExecution", execution("provision")),
      asRole(api, "states:DescribeExecution", execution("deprovision")),
    ]);
    expect(allowed).toEqual(allowed.map(() => "Allowed"));
    const denied = await Promise.all([
      asRole(api, "dynamodb:PutItem", table()),
      asRole(api, "dynamodb:DeleteItem", table()),
      asRole(api, "dynamodb:Scan", table()),
      asRole(api, "dynamodb:Query", table()),
      asRole(api, "states:StartExecution", `arn:${p}:states:${r}:${a}:stateMachine:other-provision`),
      asRole(api, "states:StopExecution", execution("provision")),
      asRole(api, "states:DescribeExecution", `arn:${p}:states:${r}:${a}:execution:other:x`),
      asRole(api, "events:PutEvents", bus(), { "events:source": ["pod-identity-provisioner"] }),
      asRole(api, "iam:CreateRole", `arn:${p}:iam::${a}:role/pod-identity/pip-x`),
      asRole(api, "eks:CreatePodIdentityAssociation", `arn:${p}:eks:${r}:${a}:cluster/demo`),
    ]);
    expect(denied.filter((d) => d === "Allowed")).toEqual([]);
  });

  it("intake: starts this stage's workflows and announces refusals as the provisioner — nothing else", async () => {
    const intake = roleOfFunction("intake");
    const allowed = await Promise.all([
      asRole(intake, "states:StartExecution", machine("provision")),
      asRole(intake, "states:StartExecution", machine("deprovision")),
      asRole(intake, "events:PutEvents", bus(), { "events:source": ["pod-identity-provisioner"] }),
    ]);
    expect(allowed).toEqual(allowed.map(() => "Allowed"));
    const denied = await Promise.all([
      // It cannot forge a ticket (another tenant's source) or put on another bus.
      asRole(intake, "events:PutEvents", bus(), { "events:source": ["tickets.team-a"] }),
      asRole(intake, "events:PutEvents", `arn:${p}:events:${r}:${a}:event-bus/default`, {
        "events:source": ["pod-identity-provisioner"],
      }),
      asRole(intake, "dynamodb:GetItem", table()),
      asRole(intake, "states:DescribeExecution", execution("provision")),
    ]);
    expect(denied.filter((d) => d === "Allowed")).toEqual([]);
  });

  it("record: announces outcomes only as pod-identity-provisioner, only on the project's bus", async () => {
    const record = roleOfFunction("record");
    expect(
      await asRole(record, "events:PutEvents", bus(), { "events:source": ["pod-identity-provisioner"] }),
    ).toBe("Allowed");
    expect(await asRole(record, "events:PutEvents", bus(), { "events:source": ["tickets.team-a"] })).not.toBe(
      "Allowed",
    );
    expect(
      await asRole(record, "events:PutEvents", `arn:${p}:events:${r}:${a}:event-bus/default`, {
        "events:source": ["pod-identity-provisioner"],
      }),
    ).not.toBe("Allowed");
    expect(refOf("ProvisionerEventBus")).toBe(STACK);
  });
});
