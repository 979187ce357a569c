import { randomUUID } from "node:crypto";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreatePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { scanGrants } from "../src/aws/registry.ts";
import type { GrantRecord } from "../src/grant/lifecycle.ts";
import { boundaryPolicyArn } from "../src/grant/naming.ts";
import { tenantBoundaryDocument } from "../src/policy/boundary.ts";
import { readTenancyFile } from "../src/tenancy/read.ts";
import { startApiGateway } from "./api-gateway.ts";
import { CloudTrailLookupService } from "./emulator/cloudtrail-lookup.ts";
import { DynamoDbService } from "./emulator/dynamodb.ts";
import { EksService } from "./emulator/eks/service.ts";
import { FaultInjector, type FaultOptions } from "./emulator/faults.ts";
import { IamService } from "./emulator/iam/service.ts";
import { assumedRoleIdentity, hashId, iamUserIdentity, MemoryIdentityStore } from "./emulator/identities.ts";
import { seededRandom } from "./emulator/random.ts";
import { DEFAULT_RETENTION, keepNewest, type Retention } from "./emulator/retention.ts";
import { startFrontDoor } from "./emulator/server.ts";
import { StsService } from "./emulator/sts.ts";
import type { ApiCall, EmulatorContext, Identity } from "./emulator/types.ts";
import { busesFromTemplate, EventBus, rulesFromTemplate, type Target } from "./eventbridge/bus.ts";
import { definitionsFromTemplate, functionKeyOf } from "./stepfunctions/definitions.ts";
import { type LambdaHandler, LocalStepFunctions } from "./stepfunctions/local-sfn.ts";
import { StepFunctionsService } from "./stepfunctions/service.ts";
import { type CfnTemplate, PROJECT_ROOT, registryTableDefinition } from "./template.ts";

/**
 * The whole system on one machine: IAM, STS, EKS, DynamoDB (dynalite), EventBridge and Step
 * Functions behind one HTTP endpoint that the unmodified AWS SDK talks to; the packaged state
 * machines run by a local interpreter with the real Lambda handlers; the packaged EventBridge rules
 * routing PutEvents and CloudTrail events to their targets.
 */
export interface SandboxOptions {
  /** The packaged CloudFormation (see template.ts). */
  template: CfnTemplate;
  port?: number;
  accountId?: string;
  region?: string;
  /** Seeds ids and the fault schedule: the same seed replays the same run. */
  seed?: number;
  faults?: FaultOptions;
  /** How long a new role stays invisible to EKS (ms). */
  propagationDelayMs?: number;
  /** Scales Step Functions retry waits (0.001: seconds become milliseconds); undefined: real time. */
  retryTimeScale?: number;
  clusters?: string[];
  associationsPerCluster?: number;
  /** Powertools log level of the handlers (`SILENT` in tests). */
  logLevel?: string;
  stage?: string;
  /** How much of its past the sandbox keeps (API calls, events, finished executions); bounded unless given. */
  retention?: Retention;
  /** The tenancy the functions authorize against (relative to the project root): `sandbox/tenancy.demo.json` unless given. */
  tenancyFile?: string;
  /** Port of the HTTP API (API Gateway); a free one unless given. */
  apiPort?: number;
}

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Sandbox {
  url: string;
  /** The HTTP API, behind API Gateway's IAM authorization (`apiUsers` sign for it). */
  apiUrl: string;
  /**
   * One demo user per tenant that lists a role-session pattern (`arn:aws:sts::<account>:assumed-role/<role>/*`):
   * a session of that role, by tenant name; and `nobody`, a user no tenant lists.
   */
  apiUsers: Record<string, SandboxCredentials & { identity: Identity }>;
  accountId: string;
  region: string;
  clusters: string[];
  iam: IamService;
  eks: EksService;
  sfn: LocalStepFunctions;
  bus: EventBus;
  faults: FaultInjector;
  /** Every API call the emulation served, newest last. */
  apiCalls: ApiCall[];
  stateMachines: { provision: string; deprovision: string };
  /** `<service>-<stage>`: the prefix of this stage's resources and the value of its ownership tag. */
  stackPrefix: string;
  /** Each tenant's permissions boundary, as `serverless deploy` would create it. */
  boundaryPolicyArns: Record<string, string>;
  registryTable: string;
  eventBusName: string;
  /** The provisioner's own functions sign with this (an assumed-role session, as in Lambda). */
  provisioner: SandboxCredentials & { identity: Identity };
  /** A platform engineer with a long-term key: "a person" changing things by hand. */
  admin: SandboxCredentials & { identity: Identity };
  /** Client settings for the SDK, as a person: `new IAMClient(sandbox.clientConfig())`. */
  clientConfig(credentials?: SandboxCredentials): {
    endpoint: string;
    region: string;
    credentials: SandboxCredentials;
    maxAttempts: number;
  };
  /** IAM, EKS and the registry, as JSON (executions and events are not kept). */
  snapshot(): Promise<SandboxSnapshot>;
  restore(snapshot: SandboxSnapshot): Promise<void>;
  /** Resolves when no execution runs and no event is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface SandboxSnapshot {
  format: "pod-identity-sandbox/1";
  iam: unknown;
  eks: unknown;
  registry: GrantRecord[];
  /** Finished executions and their histories. */
  stepFunctions?: unknown;
}

const FUNCTIONS_ROLE = "pod-identity-provisioner-functions";

/** `<stage>` of a template packaged by `serverless package --stage <stage>`: its registry is `pod-identity-provisioner-<stage>-registry`. */
function packagedStage(template: CfnTemplate): string | undefined {
  const name = template.Resources.RegistryTable?.Properties?.TableName;
  const match = typeof name === "string" ? /^pod-identity-provisioner-(.+)-registry$/.exec(name) : null;
  return match?.[1];
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const accountId = options.accountId ?? "111122223333";
  const region = options.region ?? "eu-west-1";
  // The stage the template was packaged for (its resources are named after it), unless told.
  const stage = options.stage ?? packagedStage(options.template) ?? "sandbox";
  const random = seededRandom(options.seed ?? 1);
  const identities = new MemoryIdentityStore();
  /** Makes a key sign as `identity` with `secretAccessKey`; returns the credentials to sign with. */
  const register = (identity: Identity, secretAccessKey: string) => {
    identities.register(identity, { secretAccessKey });
    return { accessKeyId: identity.accessKeyId, secretAccessKey, identity };
  };
  const provisioner = register(
    assumedRoleIdentity(accountId, "ASIAPROVISIONERLOCAL", FUNCTIONS_ROLE, "pod-identity-provisioner"),
    "sandbox-provisioner",
  );
  const admin = register(
    iamUserIdentity(accountId, "AKIAPLATFORMADMIN001", "platform-admin"),
    "sandbox-admin",
  );

  const retention = options.retention ?? DEFAULT_RETENTION;
  const bus = new EventBus(accountId, region);
  bus.retain(retention);
  const apiCalls: ApiCall[] = [];
  const ctx: EmulatorContext = {
    accountId,
    now: () => new Date(),
    random,
    identities,
    recordApiCall: (call) => {
      apiCalls.push(call);
      keepNewest(apiCalls, retention.apiCalls);
      bus.publishApiCall(call);
    },
  };
  const iam = new IamService(ctx, { propagationDelayMs: options.propagationDelayMs ?? 0 });
  const eks = new EksService(ctx, iam, {
    ...(options.associationsPerCluster ? { associationsPerCluster: options.associationsPerCluster } : {}),
  });
  const clusters = options.clusters ?? ["demo"];
  for (const cluster of clusters) eks.seedCluster(cluster, region);
  const dynamodb = await DynamoDbService.start();
  // Faults start off: the sandbox's own set-up must not be throttled.
  const faults = new FaultInjector({}, random);

  const machines: Array<{ name: string; arn: string }> = [];
  const functions: Record<string, LambdaHandler> = {};
  const sfn = new LocalStepFunctions({
    region,
    accountId,
    functions,
    retainFinished: retention.finishedExecutions,
    ...(options.retryTimeScale !== undefined ? { retryTimeScale: options.retryTimeScale } : {}),
  });
  const front = await startFrontDoor(
    {
      services: [
        iam,
        new StsService(ctx),
        eks,
        dynamodb,
        new StepFunctionsService(sfn, () => machines),
        bus,
        new CloudTrailLookupService(() =>
          bus.events
            .filter((e) => e.event["detail-type"] === "AWS API Call via CloudTrail")
            .map((e) => e.event.detail as Record<string, unknown>),
        ),
      ],
      identities,
      faults,
      accountId,
    },
    options.port ?? 0,
  );
  const clientConfig = (credentials: SandboxCredentials = admin) => ({
    endpoint: front.url,
    region,
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    maxAttempts: 1,
  });

  // What `serverless deploy` would create: one boundary policy per tenant and the registry table.
  const stackPrefix = `pod-identity-provisioner-${stage}`;
  const tenancyFile = options.tenancyFile ?? join("sandbox", "tenancy.demo.json");
  const tenancyPath = isAbsolute(tenancyFile) ? tenancyFile : join(PROJECT_ROOT, tenancyFile);
  const tenancy = readTenancyFile(tenancyPath, tenancyFile);
  const scope = { partition: "aws", region, account: accountId };
  const iamClient = new IAMClient(clientConfig());
  const boundaryPolicyArns: Record<string, string> = {};
  for (const tenant of tenancy.tenants) {
    const arn = boundaryPolicyArn(scope, stackPrefix, tenant.name);
    await iamClient.send(
      new CreatePolicyCommand({
        PolicyName: arn.split("/").pop(),
        Path: "/pod-identity/",
        PolicyDocument: JSON.stringify(tenantBoundaryDocument(tenant, scope, stackPrefix)),
      }),
    );
    boundaryPolicyArns[tenant.name] = arn;
  }
  const registryTable = `${stackPrefix}-registry`;
  await new DynamoDBClient(clientConfig()).send(
    new CreateTableCommand(registryTableDefinition(options.template, registryTable)),
  );

  // The functions' environment, as serverless.yml sets it, pointing every SDK client here.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: front.url,
    AWS_ACCESS_KEY_ID: provisioner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: provisioner.secretAccessKey,
    AWS_REGION: region,
    ACCOUNT_ID: accountId,
    PARTITION: "aws",
    STACK_PREFIX: stackPrefix,
    TENANCY_FILE: tenancyPath,
    REGISTRY_TABLE: registryTable,
    TRUST_SOURCE_CONDITIONS: "false",
    POWERTOOLS_SERVICE_NAME: "pod-identity-provisioner",
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? "INFO",
    // Metrics go to CloudWatch through log lines (EMF); the sandbox has no CloudWatch to read them.
    POWERTOOLS_METRICS_DISABLED: "true",
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  for (const [logicalId, resource] of Object.entries(options.template.Resources)) {
    if (resource.Type !== "AWS::Lambda::Function") continue;
    const handler = String(resource.Properties?.Handler ?? "");
    const [file, exported] = handler.split(/\.(?=[^.]+$)/) as [string, string];
    // Packaged handlers point at the bundle (`functions/record.handler`): run the source instead.
    const module = (await import(pathToFileURL(join(PROJECT_ROOT, `${file}.ts`)).href)) as Record<
      string,
      LambdaHandler
    >;
    const fn = module[exported];
    if (!fn) throw new Error(`${file}.ts exports no ${exported}`);
    functions[functionKeyOf(logicalId)] = fn;
  }
  const apiUsers: Record<string, SandboxCredentials & { identity: Identity }> = {};
  for (const tenant of tenancy.tenants) {
    const session = (tenant.principals ?? [])
      .map((p) => /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/\*$/.exec(p))
      .find((m) => m !== null);
    if (!session) continue;
    const [, account = accountId, role = tenant.name] = session;
    const key = `ASIA${hashId(`api-user:${tenant.name}`)}`.slice(0, 20);
    apiUsers[tenant.name] = register(
      assumedRoleIdentity(account, key, role, "sandbox"),
      `sandbox-${tenant.name}`,
    );
  }
  apiUsers.nobody = register(
    iamUserIdentity(accountId, `AKIA${hashId("api-user:nobody")}`.slice(0, 20), "nobody"),
    "sandbox-nobody",
  );
  const apiHandler = functions.api;
  const api = apiHandler
    ? await startApiGateway({
        identities,
        handler: apiHandler,
        accountId,
        region,
        ...(options.apiPort !== undefined ? { port: options.apiPort } : {}),
      })
    : undefined;
  const machineArns: Record<string, string> = {};
  const byLogicalId: Record<string, string> = {};
  for (const { logicalId, name, loaded } of definitionsFromTemplate(options.template, region, accountId)) {
    const arn = sfn.registerStateMachine(name, loaded);
    machines.push({ name, arn });
    byLogicalId[logicalId] = arn;
    machineArns[name.replace(/^.*-/, "")] = arn;
  }
  const { provision, deprovision } = machineArns;
  if (!provision || !deprovision)
    throw new Error("The packaged template lacks the provision or deprovision state machine");
  const stateMachines = { provision, deprovision };

  const rules = rulesFromTemplate(options.template);
  bus.addRules(rules);
  const eventBusName =
    Object.values(options.template.Resources)
      .filter((r) => r.Type === "AWS::Events::EventBus")
      .map((r) => String(r.Properties?.Name))[0] ?? "default";
  for (const definition of busesFromTemplate(options.template)) bus.addBus(definition.name, definition);
  bus.onDeliver(async (target: Target, input: unknown) => {
    if (target.kind === "stateMachine") {
      const arn = byLogicalId[target.logicalId];
      if (!arn) throw new Error(`No state machine ${target.logicalId}`);
      return sfn.startExecution({ stateMachineArn: arn, name: randomUUID(), input: JSON.stringify(input) });
    }
    if (target.kind === "function") {
      const fn = functions[target.functionKey];
      if (!fn) throw new Error(`No function ${target.functionKey}`);
      return fn(input, { functionName: target.functionKey, awsRequestId: randomUUID() });
    }
    throw new Error(`The sandbox cannot deliver to ${JSON.stringify(target.arn)}`);
  });
  faults.configure(options.faults ?? {});

  return {
    url: front.url,
    apiUrl: api?.url ?? "",
    apiUsers,
    accountId,
    region,
    clusters,
    iam,
    eks,
    sfn,
    bus,
    faults,
    apiCalls,
    stateMachines,
    stackPrefix,
    boundaryPolicyArns,
    registryTable,
    eventBusName,
    provisioner,
    admin,
    clientConfig,
    snapshot: async () => {
      const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
      const registry = await scanGrants(db, registryTable);
      return {
        format: "pod-identity-sandbox/1",
        iam: iam.snapshot(),
        eks: eks.snapshot(),
        registry,
        stepFunctions: sfn.snapshot(),
      };
    },
    restore: async (snapshot) => {
      if (snapshot.format !== "pod-identity-sandbox/1")
        throw new Error("Not a sandbox snapshot (format pod-identity-sandbox/1)");
      iam.restore(snapshot.iam);
      eks.restore(snapshot.eks);
      if (snapshot.stepFunctions) sfn.restore(snapshot.stepFunctions);
      const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
      for (const item of snapshot.registry)
        await db.send(new PutCommand({ TableName: registryTable, Item: item }));
    },
    idle: async () => {
      await bus.idle();
      await sfn.idle();
      await bus.idle();
    },
    close: async () => {
      await bus.idle();
      await sfn.idle();
      await api?.close();
      await front.close();
      await dynamodb.close();
    },
  };
}
