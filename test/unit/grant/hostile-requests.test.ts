import { describe, expect, it } from "vitest";
import { parseGrantRequest } from "#grant/request.ts";
import { ValidationError } from "#src/errors.ts";
import { grantRequestSchema } from "#src/generated/grant-request.schema.ts";
import { corpus, hostileCases } from "../../support/hostile-corpus.ts";

const cases = hostileCases();

/** `permissions[0].bucket` → `["permissions", "bucket"]`: the top-level field and a template parameter. */
function coveredBy(field: string): { topLevel: string; parameter?: string } {
  const topLevel = field.split(/[.[]/)[0] ?? field;
  const parameter = /^permissions\[\d+\]\.([A-Za-z]+)$/.exec(field)?.[1];
  return parameter === undefined ? { topLevel } : { topLevel, parameter };
}

/** Every parameter of every catalog template, as the schema defines them (the template name included). */
function templateParameters(): string[] {
  const definitions = grantRequestSchema.definitions as Record<
    string,
    { properties?: Record<string, unknown> }
  >;
  const names = grantRequestSchema.definitions.permission.oneOf.flatMap((branch) => {
    const definition = definitions[branch.$ref.split("/").pop() ?? ""];
    return Object.keys(definition?.properties ?? {});
  });
  return [...new Set(names)].sort();
}

describe("the hostile-request corpus", () => {
  it("has at least 150 cases, each with a distinct name", () => {
    // Act
    const names = new Set(cases.map((c) => c.name));

    // Assess
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(names.size).toBe(cases.length);
    expect(corpus.about).toMatch(/ValidationError/);
  });

  it("attacks every top-level field of the schema", () => {
    // Prepare
    const fields = Object.keys(grantRequestSchema.properties).sort();

    // Act
    const attacked = new Set(cases.map((c) => coveredBy(c.field).topLevel));

    // Assess
    expect(fields.filter((field) => !attacked.has(field))).toEqual([]);
  });

  it("attacks every parameter of every catalog template", () => {
    // Prepare
    const parameters = templateParameters();

    // Act
    const attacked = new Set(cases.map((c) => coveredBy(c.field).parameter));

    // Assess
    expect(parameters).toEqual(expect.arrayContaining(["bucket", "prefix", "keyId", "viaService"]));
    expect(parameters.filter((parameter) => !attacked.has(parameter))).toEqual([]);
  });
});

describe("parseGrantRequest refuses every hostile request with a ValidationError naming its field", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, hostile) => {
    // Prepare
    const { request } = hostile;

    // Act
    let outcome: unknown;
    try {
      outcome = parseGrantRequest(request, { partition: "aws" });
    } catch (error) {
      outcome = error;
    }

    // Assess
    expect(outcome).toBeInstanceOf(ValidationError);
    const { problems } = outcome as ValidationError;
    expect(problems.map((p) => p.field)).toContain(hostile.field);
    for (const problem of problems) expect(problem.reason).toMatch(/\S/);
  });
});
