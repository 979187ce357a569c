import { functionArn, functionKeyOf } from "../stepfunctions/definitions.ts";
import type { CfnTemplate } from "../template.ts";

/** Where the template is deployed: the sandbox's account and region. */
export interface DeployScope {
  region: string;
  accountId: string;
}

/**
 * A value of the packaged template as CloudFormation would deploy it in the sandbox: pseudo
 * parameters (`AWS::Region`, `AWS::AccountId`, `AWS::Partition`, `AWS::URLSuffix`), `Ref`,
 * `Fn::GetAtt [id, Arn]`, `Fn::Sub` and `Fn::Join`, with the resources named as the sandbox names
 * them: state machines by `StateMachineName`, functions by their serverless key (as the state
 * machines' definitions reference them), roles by `RoleName` or else their logical id, buses by `Name`.
 * Anything else is returned as it is.
 */
export function deployedValue(value: unknown, template: CfnTemplate, scope: DeployScope): unknown {
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== "object") return node;
    const object = node as Record<string, unknown>;
    const keys = Object.keys(object);
    const [key] = keys;
    if (keys.length === 1 && key === "Ref" && typeof object.Ref === "string") return refOf(object.Ref);
    if (keys.length === 1 && key === "Fn::GetAtt" && Array.isArray(object[key])) {
      const [id, attribute] = object[key] as [string, string];
      return attribute === "Arn" ? (arnOf(id) ?? node) : node;
    }
    if (keys.length === 1 && key === "Fn::Sub") {
      const argument = object[key];
      const [text, variables] =
        typeof argument === "string" ? [argument, {}] : (argument as [string, Record<string, unknown>]);
      const values = resolve(variables) as Record<string, unknown>;
      return text.replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => {
        if (values[name] !== undefined) return String(values[name]);
        if (name.endsWith(".Arn")) return arnOf(name.slice(0, -4)) ?? whole;
        const ref = refOf(name);
        return typeof ref === "string" ? ref : whole;
      });
    }
    if (keys.length === 1 && key === "Fn::Join" && Array.isArray(object[key])) {
      const [separator, parts] = object[key] as [string, unknown[]];
      return (resolve(parts) as unknown[]).map(String).join(separator);
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolve(v)]));
  };

  const { region, accountId } = scope;
  const propertiesOf = (id: string) => template.Resources[id]?.Properties ?? {};

  function refOf(id: string): unknown {
    switch (id) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return accountId;
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
    }
    const resource = template.Resources[id];
    if (!resource) return { Ref: id };
    switch (resource.Type) {
      case "AWS::StepFunctions::StateMachine":
        return arnOf(id);
      case "AWS::Lambda::Function":
        return functionKeyOf(id);
      case "AWS::Events::EventBus":
        return String(propertiesOf(id).Name ?? id);
      case "AWS::IAM::Role":
        return String(propertiesOf(id).RoleName ?? id);
      default:
        return id;
    }
  }

  function arnOf(id: string): string | undefined {
    const resource = template.Resources[id];
    switch (resource?.Type) {
      case "AWS::StepFunctions::StateMachine":
        return `arn:aws:states:${region}:${accountId}:stateMachine:${String(propertiesOf(id).StateMachineName ?? id)}`;
      case "AWS::Lambda::Function":
        return functionArn(region, accountId, functionKeyOf(id));
      case "AWS::IAM::Role":
        return `arn:aws:iam::${accountId}:role/${String(propertiesOf(id).RoleName ?? id)}`;
      case "AWS::Events::EventBus":
        return `arn:aws:events:${region}:${accountId}:event-bus/${String(propertiesOf(id).Name ?? id)}`;
      default:
        return undefined;
    }
  }

  return resolve(value);
}
