import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The ASL files reference their Lambdas the way `serverless-step-functions` wants them
 * (`{"Fn::GetAtt": ["ensureRole", "Arn"]}`); a local interpreter needs plain ARNs. This swaps each
 * such reference for the function's ARN, and says which Task state runs which function.
 */
export interface LoadedDefinition {
  definition: Record<string, unknown>;
  /** Task state name → serverless.yml function key, over nested Map/Parallel states too. */
  taskFunctions: Record<string, string>;
  /** The definition's JSON text as deployed, when known (DescribeStateMachine answers with it). */
  text?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function functionArn(region: string, accountId: string, functionKey: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionKey}`;
}

export function resolveDefinition(raw: Json, region: string, accountId: string): LoadedDefinition {
  const taskFunctions: Record<string, string> = {};
  const visit = (node: Json, stateName?: string): Json => {
    if (Array.isArray(node)) return node.map((n) => visit(n));
    if (node === null || typeof node !== "object") return node;
    const getAtt = node["Fn::GetAtt"];
    if (Array.isArray(getAtt) && getAtt[1] === "Arn" && typeof getAtt[0] === "string") {
      if (stateName) taskFunctions[stateName] = getAtt[0];
      return functionArn(region, accountId, getAtt[0]);
    }
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "States" && value && typeof value === "object" && !Array.isArray(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, state]) => [name, visitState(state, name)]),
        );
      } else {
        out[key] = visit(value);
      }
    }
    return out;
  };
  const visitState = (state: Json, name: string): Json => {
    if (state === null || typeof state !== "object" || Array.isArray(state)) return state;
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(state))
      out[key] = key === "Resource" ? visit(value, name) : visit(value);
    return out;
  };
  return { definition: visit(raw) as Record<string, unknown>, taskFunctions };
}

export function loadDefinition(
  root: string,
  name: string,
  region: string,
  accountId: string,
): LoadedDefinition {
  const raw = JSON.parse(readFileSync(join(root, "statemachines", `${name}.asl.json`), "utf8")) as Json;
  return resolveDefinition(raw, region, accountId);
}

/** serverless names a function's resource `<Key>LambdaFunction`, with the key's first letter upper-cased. */
export function functionKeyOf(logicalId: string): string {
  const key = logicalId.replace(/LambdaFunction$/, "");
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/**
 * The state machines exactly as packaged: each `DefinitionString` is `Fn::Sub` of the ASL text with
 * one `${placeholder}` per Lambda (`Fn::GetAtt [<Key>LambdaFunction, Arn]`); substituting the
 * functions' ARNs gives the definition AWS would run.
 */
export function definitionsFromTemplate(
  template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> },
  region: string,
  accountId: string,
): Array<{ logicalId: string; name: string; loaded: LoadedDefinition }> {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === "AWS::StepFunctions::StateMachine")
    .map(([logicalId, resource]) => {
      const properties = resource.Properties ?? {};
      const definition = properties.DefinitionString as
        | { "Fn::Sub": [string, Record<string, Json>] }
        | string;
      const [text, variables] = typeof definition === "string" ? [definition, {}] : definition["Fn::Sub"];
      const substituted = text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
        const value = variables[name] as { "Fn::GetAtt"?: [string, string] } | undefined;
        const getAtt = value?.["Fn::GetAtt"];
        return getAtt ? functionArn(region, accountId, functionKeyOf(getAtt[0])) : whole;
      });
      const parsed = JSON.parse(substituted) as Json;
      const taskFunctions: Record<string, string> = {};
      const collect = (node: Json): void => {
        if (Array.isArray(node)) {
          node.forEach(collect);
          return;
        }
        if (node === null || typeof node !== "object") return;
        const states = node.States;
        if (states && typeof states === "object" && !Array.isArray(states)) {
          for (const [stateName, state] of Object.entries(states)) {
            const resourceArn = (state as Record<string, Json> | null)?.Resource;
            const match = typeof resourceArn === "string" ? /:function:([^:]+)$/.exec(resourceArn) : null;
            if (match?.[1]) taskFunctions[stateName] = match[1];
          }
        }
        Object.values(node).forEach(collect);
      };
      collect(parsed);
      return {
        logicalId,
        name: String(properties.StateMachineName ?? logicalId),
        loaded: { definition: parsed as Record<string, unknown>, taskFunctions, text: substituted },
      };
    });
}
