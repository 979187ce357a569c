import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROUTES } from "#src/api/routes.ts";
import {
  ajv,
  expectValid,
  formatErrors,
  readSchema,
  SCHEMA_ID_BASE,
  SCHEMAS_DIR,
  schemaFiles,
  validatorFor,
} from "../../support/schemas.ts";

/**
 * `schemas/openapi.yaml` and the JSON Schemas of the API's bodies and of the events: the document
 * names exactly the routes of `ROUTES` (both ways), every `$ref` lands on something, every schema
 * compiles, and hand-written examples prove each schema accepts what the contract allows and refuses
 * what it does not (test/fixtures/api-examples.json).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const OPENAPI_FILE = join(SCHEMAS_DIR, "openapi.yaml");
const document = parse(readFileSync(OPENAPI_FILE, "utf8")) as JsonObject;
const EXAMPLES_FILE = resolve(import.meta.dirname, "../../fixtures/api-examples.json");
const examples = JSON.parse(readFileSync(EXAMPLES_FILE, "utf8")) as Record<
  string,
  { valid: Json[]; invalid: Array<{ why: string; value: Json }> }
>;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** What a path item may hold besides its operations. */
const PATH_ITEM_FIELDS = ["summary", "description", "servers", "parameters"];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const asObject = (value: Json | undefined, where: string): JsonObject => {
  if (!isObject(value)) throw new Error(`${where} is not an object`);
  return value;
};

const paths = asObject(document.paths, "paths");
const components = asObject(document.components, "components");

/** Every operation of the document: method (upper case), path, the operation and its path item. */
const operations = Object.entries(paths).flatMap(([path, item]) =>
  Object.entries(asObject(item, path))
    .filter(([key]) => HTTP_METHODS.includes(key))
    .map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation: asObject(operation, `${method} ${path}`),
      item: asObject(item, path),
    })),
);

/** Follows a `#/components/...` reference of the document (one level: what the document's refs need). */
function deref(value: Json | undefined): JsonObject {
  const object = asObject(value, "reference");
  const ref = object.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return object;
  return asObject(pointer(document, ref.slice(1)), ref);
}

/** The value at a JSON pointer ("" or "/a/b"), or `undefined`. */
function pointer(root: Json, path: string): Json | undefined {
  if (path === "") return root;
  let value: Json | undefined = root;
  for (const raw of path.slice(1).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value)) value = value[Number(key)];
    else if (isObject(value)) value = Object.hasOwn(value, key) ? value[key] : undefined;
    else return undefined;
  }
  return value;
}

/** Every `$ref` under `value`, with where it is. */
function refsIn(value: Json, where = ""): Array<{ ref: string; where: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, `${where}/${i}`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === "$ref" && typeof v === "string" ? [{ ref: v, where }] : refsIn(v, `${where}/${key}`),
  );
}

/** The parameters of an operation, its path item's included, references followed. */
function parametersOf(op: (typeof operations)[number]): JsonObject[] {
  const list = (value: Json | undefined) => (Array.isArray(value) ? value : []);
  return [...list(op.item.parameters), ...list(op.operation.parameters)].map((p) => deref(p));
}

/** The document's schemas with their file references (`./x.schema.json#/p`) turned into `$id`s. */
function withIds(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(withIds);
  if (!isObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, v]) => [
      key,
      key === "$ref" && typeof v === "string" && v.startsWith("./")
        ? `${SCHEMA_ID_BASE}${v.slice(2)}`
        : withIds(v),
    ]),
  );
}

const schemaOf = (response: Json | undefined): Json | undefined => {
  const content = deref(response).content;
  return isObject(content) && isObject(content["application/json"])
    ? content["application/json"].schema
    : undefined;
};

describe("schemas/openapi.yaml", () => {
  it("is an OpenAPI 3.1 document whose every operation is SigV4-authorized (AWS_IAM)", () => {
    // Assess
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(asObject(components.securitySchemes, "securitySchemes").sigv4).toEqual(
      expect.objectContaining({
        type: "apiKey",
        name: "Authorization",
        in: "header",
        "x-amazon-apigateway-authtype": "awsSigv4",
      }),
    );
    for (const { method, path, operation } of operations) {
      const security = operation.security ?? document.security;
      expect(security, `${method} ${path}`).toEqual([{ sigv4: [] }]);
    }
  });

  it("documents every route of ROUTES, with its method, path and operationId", () => {
    // Act
    const documented = operations.map(({ method, path, operation }) => ({
      method,
      path,
      operation: operation.operationId,
    }));

    // Assess
    for (const route of ROUTES) expect(documented, `${route.method} ${route.path}`).toContainEqual(route);
  });

  it("documents no route that ROUTES does not have, nor anything but operations in a path item", () => {
    // Assess
    for (const { method, path } of operations) {
      expect(
        ROUTES.some((r) => r.method === method && r.path === path),
        `${method} ${path} is not in ROUTES`,
      ).toBe(true);
    }
    for (const [path, item] of Object.entries(paths)) {
      for (const key of Object.keys(asObject(item, path))) {
        expect([...HTTP_METHODS, ...PATH_ITEM_FIELDS], `${path}: ${key}`).toContain(key);
      }
    }
    expect(operations).toHaveLength(ROUTES.length);
  });

  it("declares each path's parameters as required path parameters, and no other", () => {
    for (const op of operations) {
      // Act
      const inPath = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = parametersOf(op).filter((p) => p.in === "path");

      // Assess
      expect(declared.map((p) => p.name).sort(), `${op.method} ${op.path}`).toEqual(inPath.sort());
      for (const parameter of declared) expect(parameter.required).toBe(true);
    }
  });

  it("declares the query parameters of GET /grants and the Idempotency-Key header of POST /grants", () => {
    // Act
    const parameters = (method: string, path: string, where: string) => {
      const op = operations.find((o) => o.method === method && o.path === path);
      if (!op) throw new Error(`${method} ${path} is not documented`);
      return parametersOf(op)
        .filter((p) => p.in === where)
        .map((p) => p.name);
    };

    // Assess
    expect(parameters("GET", "/grants", "query").sort()).toEqual([
      "cluster",
      "limit",
      "namespace",
      "nextToken",
      "status",
    ]);
    expect(parameters("POST", "/grants", "header")).toEqual(["Idempotency-Key"]);
    for (const op of operations.filter((o) => o.path !== "/grants")) {
      expect(
        parametersOf(op).filter((p) => p.in === "query"),
        `${op.method} ${op.path}`,
      ).toEqual([]);
    }
  });

  it("lists on each route every error status of the contract that can happen there, and no other", () => {
    // Prepare: the contract's statuses, route by route (405 is a method the path lacks: no route has it).
    const expected: Record<string, string[]> = {
      createGrant: ["202", "400", "403", "409", "413", "415", "422", "500"],
      listGrants: ["200", "400", "403", "500"],
      getGrant: ["200", "400", "403", "404", "500"],
      deleteGrant: ["202", "400", "403", "404", "409", "500"],
      getCatalog: ["200", "403", "500"],
    };

    for (const { operation } of operations) {
      // Act
      const responses = asObject(operation.responses, String(operation.operationId));

      // Assess
      expect(Object.keys(responses).sort(), String(operation.operationId)).toEqual(
        expected[String(operation.operationId)],
      );
      for (const [status, response] of Object.entries(responses).filter(([s]) => Number(s) >= 400)) {
        const refs = refsIn(schemaOf(response) ?? null).map((r) => r.ref);
        expect(refs, `${operation.operationId} ${status}`).toContain("./api/error.schema.json");
      }
    }
    const methodNotAllowed = asObject(asObject(components.responses, "responses").MethodNotAllowed, "405");
    expect(refsIn(schemaOf(methodNotAllowed) ?? null).map((r) => r.ref)).toEqual(["./api/error.schema.json"]);
  });

  it("gives every request and response body a schema that references a JSON Schema file", () => {
    for (const { operation } of operations) {
      // Prepare
      const bodies = [
        ...(operation.requestBody ? [deref(operation.requestBody)] : []),
        ...Object.values(asObject(operation.responses, "responses")).map((r) => deref(r)),
      ];

      for (const body of bodies) {
        // Act
        const refs = refsIn(schemaOf(body) ?? null).map((r) => r.ref);

        // Assess
        expect(refs.length, `${operation.operationId}: ${body.description}`).toBeGreaterThan(0);
        for (const ref of refs) expect(ref).toMatch(/^\.\/[a-z/-]+\.schema\.json(#\/.*)?$/);
      }
    }
    const create = operations.find((o) => o.operation.operationId === "createGrant");
    expect(refsIn(deref(create?.operation.requestBody)).map((r) => r.ref)).toEqual([
      "./grant-request.schema.json",
    ]);
  });

  it("narrows the status of each 202 to its operation's (PROVISIONING, DELETING)", () => {
    for (const [operationId, status, other] of [
      ["createGrant", "PROVISIONING", "DELETING"],
      ["deleteGrant", "DELETING", "PROVISIONING"],
    ] as const) {
      // Prepare
      const op = operations.find((o) => o.operation.operationId === operationId);
      const schema = schemaOf(asObject(op?.operation.responses, operationId)["202"]);

      // Act
      const validate = ajv().compile(withIds(schema ?? null) as object);
      const accepted = {
        grantId: "demo/payments/api",
        executionArn: "arn:aws:states:eu-west-1:111122223333:execution:pod-identity-provisioner-dev-x:run-1",
      };

      // Assess
      expect(validate({ ...accepted, status }), formatErrors(validate.errors)).toBe(true);
      expect(validate({ ...accepted, status: other })).toBe(false);
    }
  });

  it("has parameter schemas that compile, and the contract's bounds on limit and Idempotency-Key", () => {
    // Prepare
    const all = operations.flatMap((op) => parametersOf(op));
    const validate = (name: string) => {
      const parameter = all.find((p) => p.name === name);
      return ajv().compile(withIds(parameter?.schema ?? null) as object);
    };

    // Act / Assess
    for (const parameter of all)
      expect(() => ajv().compile(withIds(parameter.schema ?? null) as object)).not.toThrow();
    const limit = validate("limit");
    expect([1, 50, 100].map((n) => limit(n))).toEqual([true, true, true]);
    expect([0, 101, 1.5].map((n) => limit(n))).toEqual([false, false, false]);
    const key = validate("Idempotency-Key");
    expect(["a", "retry-1:2026.01_x", "k".repeat(64)].map((k) => key(k))).toEqual([true, true, true]);
    expect(["", "k".repeat(65), "a b", "ä"].map((k) => key(k))).toEqual([false, false, false, false]);
    expect(validate("serviceAccount")("api.v2")).toBe(true);
    expect(validate("status")("RUNNING")).toBe(false);
  });

  it("has every $ref land on something: the document's own, and existing files with their fragments", () => {
    // Act
    const refs = refsIn(document);

    // Assess
    expect(refs.filter((r) => r.ref.startsWith("./")).length).toBeGreaterThan(10);
    for (const { ref, where } of refs) {
      const [file = "", fragment = ""] = ref.split("#");
      if (file === "") {
        expect(pointer(document, fragment), `${where}: ${ref}`).toBeDefined();
        continue;
      }
      expect(file, `${where}: ${ref}`).toMatch(/^\.\//);
      const target = join(SCHEMAS_DIR, file);
      expect(existsSync(target), `${where}: ${ref} (${target})`).toBe(true);
      const json = JSON.parse(readFileSync(target, "utf8")) as Json;
      expect(pointer(json, fragment), `${where}: ${ref}`).toBeDefined();
    }
  });
});

describe("the JSON Schemas of schemas/", () => {
  const bodyAndEventSchemas = schemaFiles().filter((f) => f.startsWith("api/") || f.startsWith("events/"));

  it("are all there: the API's bodies and the events", () => {
    // Assess
    expect(bodyAndEventSchemas).toEqual([
      "api/accepted.schema.json",
      "api/catalog.schema.json",
      "api/error.schema.json",
      "api/grant-list.schema.json",
      "api/grant-view.schema.json",
      "events/grant-deleted.schema.json",
      "events/grant-deletion-requested.schema.json",
      "events/grant-event-detail.schema.json",
      "events/grant-failed.schema.json",
      "events/grant-provisioned.schema.json",
      "events/grant-requested.schema.json",
      "events/grant-updated.schema.json",
    ]);
  });

  it("have their file's $id, and every $ref lands: in the same file or on another schema's $id", () => {
    for (const name of schemaFiles()) {
      // Prepare
      const schema = readSchema(name) as JsonObject;

      // Assess
      expect(schema.$id).toBe(`${SCHEMA_ID_BASE}${name}`);
      for (const { ref, where } of refsIn(schema)) {
        const [base = "", fragment = ""] = ref.split("#");
        const file = base === "" ? name : base.slice(SCHEMA_ID_BASE.length);
        expect(base === "" || base.startsWith(SCHEMA_ID_BASE), `${name}${where}: ${ref}`).toBe(true);
        expect(existsSync(join(SCHEMAS_DIR, file)), `${name}${where}: ${ref}`).toBe(true);
        expect(pointer(readSchema(file) as Json, fragment), `${name}${where}: ${ref}`).toBeDefined();
      }
    }
  });

  it("refer to the grant request by its $id from GrantView.request and the Grant Requested detail", () => {
    // Assess
    const grantRequest = `${SCHEMA_ID_BASE}grant-request.schema.json`;
    expect(pointer(readSchema("api/grant-view.schema.json") as Json, "/properties/request/$ref")).toBe(
      grantRequest,
    );
    expect(pointer(readSchema("events/grant-requested.schema.json") as Json, "/properties/detail/$ref")).toBe(
      grantRequest,
    );
  });

  it("close every object of the contract (additionalProperties: false) and describe every field", () => {
    /** The object schemas of a file: its root, its definitions, and what their properties and items hold. */
    const objectSchemas = (schema: Json, where: string): Array<{ where: string; schema: JsonObject }> => {
      if (!isObject(schema)) return [];
      const nested = [
        ...Object.entries(isObject(schema.properties) ? schema.properties : {}).map(
          ([k, v]) => [`${where}/properties/${k}`, v] as const,
        ),
        ...Object.entries(isObject(schema.definitions) ? schema.definitions : {}).map(
          ([k, v]) => [`${where}/definitions/${k}`, v] as const,
        ),
        ...(schema.items === undefined ? [] : [[`${where}/items`, schema.items] as const]),
      ].flatMap(([w, v]) => objectSchemas(v, w));
      return isObject(schema.properties) ? [{ where, schema }, ...nested] : nested;
    };

    for (const name of bodyAndEventSchemas) {
      // Act
      const root = readSchema(name) as JsonObject;
      const objects = objectSchemas(root, name);

      // Assess
      expect(typeof root.description, name).toBe("string");
      expect(objects.length, name).toBeGreaterThan(0);
      for (const { where, schema } of objects) {
        expect(schema.additionalProperties, where).toBe(false);
        for (const [field, property] of Object.entries(asObject(schema.properties, where))) {
          expect(typeof asObject(property, field).description, `${where}/properties/${field}`).toBe("string");
        }
      }
    }
  });

  it.each(bodyAndEventSchemas)(
    "%s compiles, accepts its valid examples and refuses its invalid ones",
    (name) => {
      // Prepare
      const cases = examples[name];
      if (!cases) throw new Error(`${EXAMPLES_FILE} has no examples for ${name}`);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);

      // Act
      const validate = validatorFor(name);

      // Assess
      for (const value of cases.valid) expect(() => expectValid(name, value)).not.toThrow();
      for (const { why, value } of cases.invalid) expect(validate(value), `${name}: ${why}`).toBe(false);
    },
  );

  it("has examples only for schemas that exist", () => {
    // Assess
    for (const name of Object.keys(examples)) expect(bodyAndEventSchemas).toContain(name);
  });

  it("lets expectValid name AJV's errors, and validatorFor refuse an unknown schema", () => {
    // Act / Assess
    const refused = () =>
      expectValid("api/accepted.schema.json", { grantId: "demo/payments/api", status: "ACTIVE" });
    expect(refused).toThrow(/^Not valid against schemas\/api\/accepted\.schema\.json:\n/);
    expect(refused).toThrow(/\(root\) must have required property 'executionArn'/);
    expect(refused).toThrow(/\/status must be equal to one of the allowed values/);
    expect(() => validatorFor("api/nothing.schema.json")).toThrow(
      /No schema schemas\/api\/nothing\.schema\.json/,
    );
    expect(validatorFor("grant-request.schema.json")).toBeTypeOf("function");
  });
});
