import { randomUUID } from "node:crypto";
import {
  type RuleState,
  shouldDeliverToEventBridge,
  toCloudTrailRecord,
  toEventBridgeEvent,
} from "../emulator/cloudtrail.ts";
import { jsonError, jsonResponse } from "../emulator/json-protocol.ts";
import { DEFAULT_RETENTION, keepNewest, type Retention } from "../emulator/retention.ts";
import {
  type ApiCall,
  AwsError,
  type EmulatedService,
  type ServiceRequest,
  type ServiceResponse,
} from "../emulator/types.ts";
import { functionKeyOf } from "../stepfunctions/definitions.ts";
import { pageOf } from "../stepfunctions/paging.ts";
import type { CfnTemplate } from "../template.ts";
import { deployedValue } from "./deployed.ts";
import { type CompiledPattern, compilePattern, matchesPattern, validatePattern } from "./pattern.ts";

/**
 * EventBridge, locally: buses, the rules of the packaged CloudFormation with their real patterns
 * and targets, PutEvents (JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`), TestEventPattern, and
 * CloudTrail's "AWS API Call via CloudTrail" events for every emulated call on the default bus.
 * Delivery is asynchronous, as on AWS; `idle()` waits for it.
 */
export type Target =
  | { kind: "stateMachine"; logicalId: string }
  | { kind: "function"; functionKey: string }
  | { kind: "unknown"; arn: unknown };

export interface SandboxRule {
  name: string;
  bus: string;
  state: RuleState;
  pattern: CompiledPattern;
  rawPattern: unknown;
  targets: Array<{
    id: string;
    target: Target;
    input?: string;
    inputPath?: string;
    transformer?: InputTransformer;
    /** The target as the template declares it (ListTargetsByRule answers with its deployed values). */
    declared?: Record<string, unknown>;
  }>;
  /** The template the rule comes from, to resolve its targets' references. */
  template?: CfnTemplate;
}

/** An event bus as the template declares it (`AWS::Events::EventBus`). */
export interface BusDefinition {
  name: string;
  description?: string;
  /** The resource policy, as declared (intrinsic functions resolved when described). */
  policy?: unknown;
  template?: CfnTemplate;
}

interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface Delivery {
  eventId: string;
  rule: string;
  targetId: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type TargetInvoker = (target: Target, input: unknown) => Promise<unknown>;

export const DEFAULT_BUS = "default";

/** The members of a `Target` that ListTargetsByRule returns (EventBridge API reference, Target). */
const TARGET_MEMBERS = [
  "Id",
  "Arn",
  "RoleArn",
  "Input",
  "InputPath",
  "InputTransformer",
  "RetryPolicy",
  "DeadLetterConfig",
] as const;

/**
 * `Limit` (1..100, 100 when absent) and `NextToken` of EventBridge's List operations. AWS does not
 * document its answer to a token it did not issue; a ValidationException is what the SDKs expect.
 */
function paged<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  input: Record<string, unknown>,
  scope: string,
) {
  const limit = input.Limit;
  if (
    limit !== undefined &&
    (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 100)
  ) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value ${Number(limit) < 1 ? "greater than or equal to 1" : "less than or equal to 100"}`,
    );
  }
  const token = typeof input.NextToken === "string" ? input.NextToken : undefined;
  const result = pageOf(items, keyOf, { limit: typeof limit === "number" ? limit : 100, token }, scope);
  if (!result) throw new AwsError("ValidationException", "The NextToken provided is not valid.");
  return { page: result.page, NextToken: result.nextToken };
}

/** The fields TestEventPattern requires of its `Event`. */
const TEST_EVENT_FIELDS = ["id", "account", "source", "time", "region", "detail-type"];

/** A bus named by name or ARN (`arn:aws:events:…:event-bus/name`); none is the default bus. */
function busNameOf(value: unknown): string {
  if (typeof value !== "string" || value === "") return DEFAULT_BUS;
  const marker = value.indexOf(":event-bus/");
  return value.startsWith("arn:") && marker >= 0 ? value.slice(marker + ":event-bus/".length) : value;
}

/** `text` parsed, if it is the JSON text of an object. */
function parseJsonObject(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== "string") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `$.a.b[0]` on an event. */
function readPath(event: unknown, path: string): unknown {
  if (path === "$") return event;
  const parts = path.replace(/^\$\.?/, "").match(/[^.[\]]+/g) ?? [];
  let node: unknown = event;
  for (const part of parts) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** What an input transformer's predefined variables are filled from: the rule, and when the event arrived. */
export interface TransformContext {
  ruleName?: string;
  ruleArn?: string;
  /** ISO 8601; the event's own `time` when not given. */
  ingestionTime?: string;
}

/** Placeholders EventBridge fills without an InputPathsMap entry (User Guide, "Predefined variables"). */
const PREDEFINED_VARIABLES = [
  "aws.events.rule-arn",
  "aws.events.rule-name",
  "aws.events.event.ingestion-time",
  "aws.events.event",
  "aws.events.event.json",
] as const;

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

/** True when `offset` in `template` is inside a JSON string (an odd number of unescaped quotes before it). */
function insideJsonString(template: string, offset: number): boolean {
  return (template.slice(0, offset).match(/(?<!\\)"/g) ?? []).length % 2 === 1;
}

/**
 * The reason PutTargets refuses an input transformer (AWS: ValidationException "InputTemplate for
 * target <id> contains invalid placeholder <name>." — LocalStack's AWS-validated
 * test_put_events_with_input_transformer_missing_keys), or undefined.
 */
export function inputTransformerError(targetId: string, transformer: InputTransformer): string | undefined {
  const defined = new Set<string>([...Object.keys(transformer.InputPathsMap ?? {}), ...PREDEFINED_VARIABLES]);
  for (const [, name] of transformer.InputTemplate.matchAll(PLACEHOLDER)) {
    if (!defined.has(name as string))
      return `InputTemplate for target ${targetId} contains invalid placeholder ${name}.`;
  }
  return undefined;
}

/**
 * EventBridge's input transformer, as AWS fills an InputTemplate (User Guide, "Amazon EventBridge
 * input transformation", and LocalStack's AWS-validated recordings in test_events_inputs):
 *
 * - Outside a JSON string, a placeholder becomes its value's JSON (a string is quoted); a path the
 *   event does not have becomes `""` — the variable "isn't created", it is not `null`.
 * - Inside a JSON string, a string is inserted as it is: EventBridge "doesn't escape values
 *   extracted by Input Path", so a value with a `"` breaks the JSON and the delivery fails. A
 *   number or boolean is inserted as its text, a missing path as nothing. An object or array is
 *   inserted without its quotes (`{acc_id:a-1,sf_id:baz}`, `[HIGH]`) when the template is one
 *   string; inside a string of a JSON object or array template it fails the delivery.
 * - Predefined variables: `aws.events.rule-arn`, `aws.events.rule-name`,
 *   `aws.events.event.ingestion-time`, `aws.events.event` (the envelope without `detail`, with
 *   `detailType`) and `aws.events.event.json` (the whole event).
 *
 * Targets here (Step Functions, Lambda) take JSON, so a result that is not JSON fails the delivery,
 * as AWS's StartExecution and Invoke would. Throws for a placeholder PutTargets would have refused
 * (see {@link inputTransformerError}).
 */
export function transformInput(
  event: unknown,
  transformer: InputTransformer,
  context: TransformContext = {},
): unknown {
  const envelope = (event ?? {}) as Record<string, unknown>;
  const values = new Map<string, unknown>(
    Object.entries(transformer.InputPathsMap ?? {}).map(([name, path]) => [name, readPath(event, path)]),
  );
  const predefined: Record<(typeof PREDEFINED_VARIABLES)[number], unknown> = {
    "aws.events.rule-arn": context.ruleArn,
    "aws.events.rule-name": context.ruleName,
    "aws.events.event.ingestion-time": context.ingestionTime ?? envelope.time,
    "aws.events.event": {
      id: envelope.id,
      account: envelope.account,
      detailType: envelope["detail-type"],
      time: envelope.time,
      source: envelope.source,
      region: envelope.region,
      resources: envelope.resources,
      version: envelope.version,
    },
    "aws.events.event.json": event,
  };
  for (const [name, value] of Object.entries(predefined)) if (!values.has(name)) values.set(name, value);

  const template = transformer.InputTemplate;
  const oneString = !/^\s*[[{]/.test(template);
  const text = template.replace(PLACEHOLDER, (_whole, name: string, offset: number) => {
    if (!values.has(name)) throw new Error(`InputTemplate contains invalid placeholder ${name}.`);
    const value = values.get(name);
    if (!insideJsonString(template, offset)) return value === undefined ? '""' : JSON.stringify(value);
    if (value === undefined) return "";
    if (typeof value === "string") return value;
    if (value !== null && typeof value === "object") {
      if (!oneString)
        throw new Error(
          `The value of <${name}> is JSON and cannot be placed inside a string of a JSON InputTemplate`,
        );
      return JSON.stringify(value).replace(/"/g, "");
    }
    return JSON.stringify(value);
  });
  return JSON.parse(text);
}

function targetOf(arn: unknown, template: CfnTemplate): Target {
  if (arn && typeof arn === "object") {
    const ref = (arn as { Ref?: string }).Ref;
    if (ref && template.Resources[ref]?.Type === "AWS::StepFunctions::StateMachine")
      return { kind: "stateMachine", logicalId: ref };
    const getAtt = (arn as { "Fn::GetAtt"?: [string, string] })["Fn::GetAtt"];
    if (getAtt && template.Resources[getAtt[0]]?.Type === "AWS::Lambda::Function")
      return { kind: "function", functionKey: functionKeyOf(getAtt[0]) };
  }
  return { kind: "unknown", arn };
}

function busName(value: unknown, template: CfnTemplate): string {
  if (value === undefined) return DEFAULT_BUS;
  if (typeof value === "string") return value;
  const ref = (value as { Ref?: string }).Ref;
  const name = ref ? template.Resources[ref]?.Properties?.Name : undefined;
  return typeof name === "string" ? name : String(ref ?? DEFAULT_BUS);
}

/** The rules of a packaged template. A pattern AWS would reject fails here, as the deploy would. */
export function rulesFromTemplate(template: CfnTemplate): SandboxRule[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === "AWS::Events::Rule")
    .map(([logicalId, resource]) => {
      const p = (resource.Properties ?? {}) as Record<string, unknown>;
      const problems = validatePattern(p.EventPattern);
      if (problems.length > 0)
        throw new Error(`Rule ${logicalId} has an invalid pattern: ${problems.join("; ")}`);
      for (const t of (p.Targets ?? []) as Array<Record<string, unknown>>) {
        const transformer = t.InputTransformer as InputTransformer | undefined;
        const problem = transformer ? inputTransformerError(String(t.Id), transformer) : undefined;
        if (problem) throw new Error(`Rule ${logicalId}: ${problem}`);
      }
      const targets = ((p.Targets ?? []) as Array<Record<string, unknown>>).map((t) => ({
        id: String(t.Id),
        target: targetOf(t.Arn, template),
        ...(typeof t.Input === "string" ? { input: t.Input } : {}),
        ...(typeof t.InputPath === "string" ? { inputPath: t.InputPath } : {}),
        ...(t.InputTransformer ? { transformer: t.InputTransformer as InputTransformer } : {}),
        declared: t,
      }));
      return {
        name: typeof p.Name === "string" ? p.Name : logicalId,
        bus: busName(p.EventBusName, template),
        state: (p.State as RuleState | undefined) ?? "ENABLED",
        pattern: compilePattern(p.EventPattern),
        rawPattern: p.EventPattern,
        targets,
        template,
      };
    });
}

/** The event buses a packaged template declares, with their policies (add them with {@link EventBus.addBus}). */
export function busesFromTemplate(template: CfnTemplate): BusDefinition[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === "AWS::Events::EventBus")
    .map(([logicalId, resource]) => {
      const p = resource.Properties ?? {};
      return {
        name: typeof p.Name === "string" ? p.Name : logicalId,
        ...(typeof p.Description === "string" ? { description: p.Description } : {}),
        ...(p.Policy !== undefined ? { policy: p.Policy } : {}),
        template,
      };
    });
}

export class EventBus implements EmulatedService {
  readonly signingName = "events";
  readonly rules: SandboxRule[] = [];
  /** Every event put on a bus, newest last. */
  readonly events: Array<{ bus: string; event: Record<string, unknown> }> = [];
  readonly deliveries: Delivery[] = [];
  readonly #accountId: string;
  readonly #region: string;
  readonly #buses = new Map<string, BusDefinition & { created: Date }>();
  readonly #pending = new Set<Promise<void>>();
  #invoke: TargetInvoker = async () => undefined;
  #retention: Retention = DEFAULT_RETENTION;

  /** How many events and deliveries to keep (the newest). */
  retain(retention: Retention): void {
    this.#retention = retention;
  }

  constructor(accountId: string, region: string) {
    this.#accountId = accountId;
    this.#region = region;
    this.addBus(DEFAULT_BUS);
  }

  addRules(rules: SandboxRule[]): void {
    for (const rule of rules) {
      if (!this.#buses.has(rule.bus)) this.addBus(rule.bus);
      this.rules.push(rule);
    }
  }

  /** Adds a bus, or gives a known one the definition's policy and description. */
  addBus(name: string, definition: Partial<BusDefinition> = {}): void {
    const known = this.#buses.get(name);
    this.#buses.set(name, { ...known, ...definition, name, created: known?.created ?? new Date() });
  }

  onDeliver(invoke: TargetInvoker): void {
    this.#invoke = invoke;
  }

  /** CloudTrail → EventBridge: the call's record, on the default bus, to the rules whose state lets it through. */
  publishApiCall(call: ApiCall): void {
    const record = toCloudTrailRecord(call, this.#accountId, { eventId: randomUUID() });
    const event = toEventBridgeEvent(record, { id: randomUUID() });
    this.events.push({ bus: DEFAULT_BUS, event });
    keepNewest(this.events, this.#retention.events);
    this.#route(DEFAULT_BUS, event, (rule) => shouldDeliverToEventBridge(call, rule.state));
  }

  /** `arn:aws:events:<region>:<account>:rule/[<bus>/]<name>`: the default bus is not named. */
  ruleArn(rule: SandboxRule): string {
    return `arn:aws:events:${this.#region}:${this.#accountId}:rule/${rule.bus === DEFAULT_BUS ? "" : `${rule.bus}/`}${rule.name}`;
  }

  put(bus: string, event: Record<string, unknown>): void {
    this.events.push({ bus, event });
    keepNewest(this.events, this.#retention.events);
    this.#route(bus, event, (rule) => rule.state !== "DISABLED");
  }

  #route(bus: string, event: Record<string, unknown>, admits: (rule: SandboxRule) => boolean): void {
    keepNewest(this.deliveries, this.#retention.events);
    const ingestionTime = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    for (const rule of this.rules) {
      if (rule.bus !== bus || !admits(rule) || !rule.pattern.matches(event)) continue;
      for (const target of rule.targets) {
        // A target whose input cannot be built fails that delivery only, as on AWS (PutEvents succeeds).
        const delivery = Promise.resolve()
          .then(() =>
            target.input
              ? JSON.parse(target.input)
              : target.inputPath
                ? readPath(event, target.inputPath)
                : target.transformer
                  ? transformInput(event, target.transformer, {
                      ruleName: rule.name,
                      ruleArn: this.ruleArn(rule),
                      ingestionTime,
                    })
                  : event,
          )
          .then((input: unknown) => this.#invoke(target.target, input))
          .then(
            (result) => {
              this.deliveries.push({
                eventId: String(event.id),
                rule: rule.name,
                targetId: target.id,
                ok: true,
                result,
              });
            },
            (error: unknown) => {
              this.deliveries.push({
                eventId: String(event.id),
                rule: rule.name,
                targetId: target.id,
                ok: false,
                error: error instanceof Error ? error.message : String(error),
              });
            },
          );
        this.#pending.add(delivery);
        void delivery.finally(() => this.#pending.delete(delivery));
      }
    }
  }

  /** Resolves when every delivery made so far has been handed to its target. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  handle(request: ServiceRequest): ServiceResponse {
    const operation = (request.headers["x-amz-target"] ?? "").replace(/^AWSEvents\./, "");
    const input = (request.body ? JSON.parse(request.body) : {}) as Record<string, unknown>;
    const ok = (body: unknown): ServiceResponse => jsonResponse("1.1", body);
    switch (operation) {
      case "PutEvents":
        return ok(this.#putEvents(input, request));
      case "TestEventPattern": {
        const reasons = validatePattern(input.EventPattern);
        if (reasons.length > 0) {
          throw new AwsError(
            "InvalidEventPatternException",
            `Event pattern is not valid. Reason: ${reasons.join("; ")}`,
          );
        }
        // AWS answers an event that is not a JSON object carrying the envelope's fields with
        // ValidationException "Parameter Event is not valid." (`resources`, documented as mandatory,
        // is not required in practice).
        const event = parseJsonObject(input.Event);
        if (!event || !TEST_EVENT_FIELDS.every((field) => field in event)) {
          throw new AwsError("ValidationException", "Parameter Event is not valid.");
        }
        return ok({ Result: matchesPattern(input.EventPattern, event) });
      }
      case "ListEventBuses":
        return ok(this.#listEventBuses(input));
      case "DescribeEventBus":
        return ok(this.#describeBus(this.#bus(busNameOf(input.Name))));
      case "ListTargetsByRule":
        return ok(this.#listTargetsByRule(input));
      case "ListRules": {
        const bus = busNameOf(input.EventBusName);
        if (!this.#buses.has(bus))
          throw new AwsError("ResourceNotFoundException", `Event bus ${bus} does not exist.`);
        const prefix = typeof input.NamePrefix === "string" ? input.NamePrefix : "";
        return ok({
          Rules: this.rules
            .filter((r) => r.bus === bus && r.name.startsWith(prefix))
            .map((r) => ({
              Name: r.name,
              EventBusName: r.bus,
              State: r.state,
              EventPattern: JSON.stringify(r.rawPattern),
              Arn: this.ruleArn(r),
            })),
        });
      }
      default:
        throw new AwsError(
          "UnknownOperationException",
          `The sandbox does not emulate EventBridge ${operation}`,
        );
    }
  }

  #bus(name: string): BusDefinition & { created: Date } {
    const bus = this.#buses.get(name);
    if (!bus) throw new AwsError("ResourceNotFoundException", `Event bus ${name} does not exist.`);
    return bus;
  }

  /** An `EventBus` of the API: the policy as deployed, as a JSON string; times in epoch seconds. */
  #describeBus(bus: BusDefinition & { created: Date }) {
    const scope = { region: this.#region, accountId: this.#accountId };
    const policy =
      bus.policy === undefined
        ? undefined
        : deployedValue(bus.policy, bus.template ?? { Resources: {} }, scope);
    return {
      Name: bus.name,
      Arn: `arn:aws:events:${this.#region}:${this.#accountId}:event-bus/${bus.name}`,
      ...(bus.description !== undefined ? { Description: bus.description } : {}),
      ...(policy !== undefined
        ? { Policy: typeof policy === "string" ? policy : JSON.stringify(policy) }
        : {}),
      CreationTime: bus.created.getTime() / 1000,
      LastModifiedTime: bus.created.getTime() / 1000,
    };
  }

  #listEventBuses(input: Record<string, unknown>) {
    const prefix = typeof input.NamePrefix === "string" ? input.NamePrefix : "";
    const buses = [...this.#buses.values()]
      .filter((b) => b.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const { page, NextToken } = paged(buses, (b) => b.name, input, `ListEventBuses ${prefix}`);
    return { EventBuses: page.map((b) => this.#describeBus(b)), ...(NextToken ? { NextToken } : {}) };
  }

  /** The rule's targets with their references deployed: ARNs of the state machine, function and role. */
  #listTargetsByRule(input: Record<string, unknown>) {
    const busName = busNameOf(input.EventBusName);
    this.#bus(busName);
    const name = String(input.Rule ?? "");
    const rule = this.rules.find((r) => r.bus === busName && r.name === name);
    if (!rule)
      throw new AwsError("ResourceNotFoundException", `Rule ${name} does not exist on EventBus ${busName}.`);
    const scope = { region: this.#region, accountId: this.#accountId };
    const deployed = (value: unknown) => deployedValue(value, rule.template ?? { Resources: {} }, scope);
    const { page, NextToken } = paged(
      rule.targets,
      (t) => t.id,
      input,
      `ListTargetsByRule ${busName} ${name}`,
    );
    return {
      Targets: page.map((t) => {
        const declared = t.declared ?? { Id: t.id };
        return Object.fromEntries(
          TARGET_MEMBERS.filter((member) => declared[member] !== undefined).map((member) => [
            member,
            deployed(declared[member]),
          ]),
        );
      }),
      ...(NextToken ? { NextToken } : {}),
    };
  }

  #putEvents(input: Record<string, unknown>, request: ServiceRequest) {
    const entries = (input.Entries ?? []) as Array<Record<string, unknown>>;
    // The model's length constraint on `Entries` (1..10), reported the way AWS's validation words it.
    if (entries.length < 1 || entries.length > 10) {
      throw new AwsError(
        "ValidationException",
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${entries.length < 1 ? "greater than or equal to 1" : "less than or equal to 10"}`,
      );
    }
    let failed = 0;
    const results = entries.map((entry) => {
      const bus = busNameOf(entry.EventBusName);
      const problem = !entry.Source
        ? ["InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument."]
        : !entry.DetailType
          ? [
              "InvalidArgument",
              "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
            ]
          : !entry.Detail
            ? ["InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument."]
            : undefined;
      // A Detail that is not a JSON object (a string, an array, broken JSON) is MalformedDetail.
      const detail = problem ? undefined : parseJsonObject(entry.Detail);
      if (problem || !detail) {
        failed++;
        const [code, message] = problem ?? ["MalformedDetail", "Detail is malformed."];
        return { ErrorCode: code, ErrorMessage: message };
      }
      const id = randomUUID();
      // AWS accepts an entry for a bus that does not exist (EventId, no error entry) and drops it:
      // aws/aws-cli#9186, and LocalStack's AWS-recorded test_put_events_nonexistent_event_bus.
      if (!this.#buses.has(bus)) return { EventId: id };
      this.put(bus, {
        version: "0",
        id,
        "detail-type": entry.DetailType,
        source: entry.Source,
        account: request.caller.accountId,
        time: new Date(typeof entry.Time === "number" ? entry.Time * 1000 : Date.now())
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z"),
        region: request.region,
        resources: (entry.Resources as string[] | undefined) ?? [],
        detail,
      });
      return { EventId: id };
    });
    return { FailedEntryCount: failed, Entries: results };
  }

  renderError(error: AwsError): ServiceResponse {
    return jsonError("1.1", error);
  }
}
