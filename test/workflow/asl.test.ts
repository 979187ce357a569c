import { readdirSync, readFileSync } from "node:fs";
import validator from "asl-validator";
import { describe, expect, inject, it } from "vitest";
import { definitionsFromTemplate, resolveDefinition } from "../../sandbox/stepfunctions/definitions.ts";
import { readTemplate } from "../../sandbox/template.ts";

type State = {
  Type: string;
  Next?: string;
  End?: boolean;
  Retry?: Array<{ ErrorEquals: string[] }>;
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
  Default?: string;
  Choices?: Array<{ Next: string }>;
};

const files = readdirSync("statemachines").filter((f) => f.endsWith(".asl.json"));
const load = (file: string) =>
  resolveDefinition(JSON.parse(readFileSync(`statemachines/${file}`, "utf8")), "eu-west-1", "111122223333");

describe.each(files)("statemachines/%s", (file) => {
  it("is valid Amazon States Language (asl-validator, paths and ARNs checked)", () => {
    // Act
    const result = validator(load(file).definition, { checkPaths: true, checkArn: true });

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it("retries every Lambda task on retryable errors and catches every failure of a task that can fail", () => {
    // Prepare
    const states = load(file).definition.States as Record<string, State>;

    // Act
    const tasks = Object.entries(states).filter(([, s]) => s.Type === "Task");

    // Assess
    for (const [name, state] of tasks) {
      expect(
        state.Retry?.some((r) => r.ErrorEquals.includes("RetryableError")),
        `${name} retries RetryableError`,
      ).toBe(true);
      expect(
        state.Catch?.some((c) => c.ErrorEquals.includes("States.ALL")),
        `${name} catches everything`,
      ).toBe(true);
    }
  });

  it("uses JSONPath only (the local interpreter silently ignores JSONata)", () => {
    // Act
    const text = readFileSync(`statemachines/${file}`, "utf8");

    // Assess
    expect(text).not.toContain("JSONata");
    expect(text).not.toContain('"Arguments"');
  });
});

/** serverless-step-functions' validation writes the default `QueryLanguage: "JSONPath"` into each state. */
const withoutDefaultQueryLanguage = (definition: unknown): unknown =>
  JSON.parse(JSON.stringify(definition), (key, value) =>
    key === "QueryLanguage" && value === "JSONPath" ? undefined : value,
  );

describe("the packaged state machines", () => {
  it("are the statemachines/ files, with each function reference resolved to that function", () => {
    // Prepare
    const template = readTemplate(inject("packageDir"));

    // Act
    const packaged = definitionsFromTemplate(template, "eu-west-1", "111122223333");

    // Assess
    expect(packaged.map((p) => p.logicalId).sort()).toEqual([
      "DeprovisionStateMachine",
      "ProvisionStateMachine",
    ]);
    for (const machine of packaged) {
      const file =
        machine.logicalId === "ProvisionStateMachine" ? "provision.asl.json" : "deprovision.asl.json";
      expect(withoutDefaultQueryLanguage(machine.loaded.definition)).toEqual(load(file).definition);
      expect(machine.loaded.taskFunctions).toEqual(load(file).taskFunctions);
    }
  });
});
