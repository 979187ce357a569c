import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GrantRequest, parseGrantRequest } from "#grant/request.ts";
import { RESERVED_TAG_KEYS, RESERVED_TAG_PREFIXES } from "#src/constants.ts";
import { ValidationError } from "#src/errors.ts";
import { grantRequestSchema } from "#src/generated/grant-request.schema.ts";

/** Fixed, so that a failure replays; fast-check prints the seed and path of the failing run. */
const SEED = 20_260_417;

// --- The schema's vocabulary: templates and their parameters, enums, partitions, field names.

const schema = grantRequestSchema;
const definitions = schema.definitions as Record<
  string,
  { properties?: Record<string, unknown>; required?: readonly string[] }
>;

const PARTITIONS = /^\^arn:\(([^)]+)\)/.exec(schema.properties.targetRoleArn.pattern)?.[1]?.split("|") ?? [];
const EFFECTS = schema.definitions.policyStatement.properties.Effect.enum;
const VERSION = schema.properties.sessionPolicy.properties.Version.const;

const TEMPLATES = schema.definitions.permission.oneOf.map((branch) => {
  const definition = definitions[branch.$ref.split("/").pop() ?? ""];
  const name = (definition?.properties?.template as { const: string } | undefined)?.const ?? "";
  const parameters = Object.keys(definition?.properties ?? {}).filter((p) => p !== "template");
  const required = new Set(definition?.required ?? []);
  return {
    name,
    required: parameters.filter((p) => required.has(p)),
    optional: parameters.filter((p) => !required.has(p)),
  };
});

/** Every property name the schema knows, anywhere: misplaced known names are the likeliest mistakes. */
const SCHEMA_NAMES = [
  ...new Set(
    [schema.properties, ...Object.values(definitions).map((d) => d.properties ?? {})].flatMap((properties) =>
      Object.keys(properties),
    ),
  ),
];

// --- Valid requests, built from that vocabulary.

const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";
const NAME = `${LOWER_DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZ_-`;

const label = fc
  .tuple(chars(LOWER_DIGITS, 1, 1), chars(`${LOWER_DIGITS}-`, 0, 20), chars(LOWER_DIGITS, 1, 1))
  .map(([first, middle, last]) => (middle === "" ? first : `${first}${middle}${last}`));

const bucket = fc
  .tuple(chars(LOWER_DIGITS, 1, 1), chars(`${LOWER_DIGITS}-`, 1, 30), chars(LOWER_DIGITS, 1, 1))
  .map((parts) => parts.join(""))
  .filter((name) => !/^(xn--|sthree-|amzn-s3-demo-)/.test(name));

/** A generator for each template parameter; a parameter without one fails this file at load. */
const PARAMETERS: Record<string, fc.Arbitrary<string>> = {
  bucket,
  prefix: fc
    .tuple(
      fc.array(
        chars("abcXYZ019_-=+@ .é日", 1, 12).filter((s) => s !== "." && s !== ".."),
        { minLength: 1, maxLength: 4 },
      ),
      fc.boolean(),
    )
    .map(([segments, folder]) => `${segments.join("/")}${folder ? "/" : ""}`),
  table: chars(`${NAME}.`, 3, 40),
  queue: fc.tuple(chars(NAME, 1, 40), fc.boolean()).map(([name, fifo]) => `${name}${fifo ? ".fifo" : ""}`),
  topic: fc.tuple(chars(NAME, 1, 40), fc.boolean()).map(([name, fifo]) => `${name}${fifo ? ".fifo" : ""}`),
  secret: chars(`${NAME}/+=.@`, 1, 40),
  path: fc
    .array(chars(`${NAME}.`, 1, 10), { minLength: 1, maxLength: 4 })
    .map((segments) => `/${segments.join("/")}`),
  keyId: fc.oneof(
    fc.uuid({ version: 4 }),
    chars("0123456789abcdef", 32, 32).map((hex) => `mrk-${hex}`),
  ),
  viaService: fc.constantFrom(...schema.definitions.viaService.enum),
};

const permission = fc.oneof(
  ...TEMPLATES.map(({ name, required, optional }) => {
    const model: Record<string, fc.Arbitrary<string>> = { template: fc.constant(name) };
    for (const parameter of [...required, ...optional]) {
      const generator = PARAMETERS[parameter];
      if (!generator) throw new Error(`No generator for the parameter ${parameter} of template ${name}`);
      model[parameter] = generator;
    }
    return fc.record(model, { requiredKeys: ["template", ...required] });
  }),
);

const isReservedTagKey = (key: string): boolean => {
  const lower = key.toLowerCase();
  return (
    (RESERVED_TAG_KEYS as readonly string[]).includes(lower) ||
    RESERVED_TAG_PREFIXES.some((prefix) => lower.startsWith(prefix)) ||
    lower === "__proto__"
  );
};
const TAG_CHARACTERS = "abkeszAEKTé日Ж019 _.:/=+@-";
const tags = fc
  .uniqueArray(fc.tuple(chars(TAG_CHARACTERS, 1, 20), chars(TAG_CHARACTERS, 0, 20)), {
    // IAM tag keys are unique regardless of case.
    selector: ([key]) => key.toLowerCase(),
    maxLength: 5,
  })
  .map((entries) => Object.fromEntries(entries.filter(([key]) => !isReservedTagKey(key))));

const oneOrMany = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(item, fc.array(item, { minLength: 1, maxLength: 3 }));
const action = fc.oneof(
  fc.constant("*"),
  fc
    .tuple(fc.constantFrom("s3", "sqs", "kms", "dynamodb", "secretsmanager"), chars("GetObjectLis*?9", 1, 16))
    .map(([service, name]) => `${service}:${name}`),
);
const resource = fc.oneof(
  fc.constant("*"),
  bucket.map((name) => `arn:aws:s3:::${name}/*`),
);
const conditionValue = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean());
const condition = fc.dictionary(
  fc.constantFrom("StringEquals", "StringLike", "ForAnyValue:StringLike", "Bool", "NumericLessThan"),
  fc.dictionary(
    fc.constantFrom("aws:PrincipalTag/team", "s3:prefix", "aws:SourceVpc", "aws:RequestedRegion"),
    fc.oneof(conditionValue, fc.array(conditionValue, { maxLength: 3 })),
    { minKeys: 1, maxKeys: 2 },
  ),
  { minKeys: 1, maxKeys: 2 },
);
const statement = fc
  .record(
    {
      Sid: chars("AZaz09", 0, 10),
      Effect: fc.constantFrom(...EFFECTS),
      actions: fc.tuple(fc.constantFrom("Action", "NotAction"), oneOrMany(action)),
      resources: fc.tuple(fc.constantFrom("Resource", "NotResource"), oneOrMany(resource)),
      Condition: condition,
    },
    { requiredKeys: ["Effect", "actions", "resources"] },
  )
  .map(({ actions: [actionKey, actions], resources: [resourceKey, resources], ...rest }) => ({
    ...rest,
    [actionKey]: actions,
    [resourceKey]: resources,
  }));
const sessionPolicy = fc
  .record({ Version: fc.constant(VERSION), Statement: fc.array(statement, { minLength: 1, maxLength: 3 }) })
  .filter((policy) => JSON.stringify(policy).length <= 2_048);

const validRequest = fc
  .record({
    partition: fc.constantFrom(...PARTITIONS),
    account: chars("0123456789", 12, 12),
    role: fc
      .tuple(fc.array(chars(`${NAME}+=,.@`, 1, 8), { maxLength: 2 }), chars(`${NAME}+=,.@`, 1, 64))
      .map(([path, name]) => [...path, name].join("/")),
    request: fc.record(
      {
        cluster: fc.tuple(chars(LOWER_DIGITS, 1, 1), chars(NAME, 0, 30)).map((parts) => parts.join("")),
        namespace: label,
        serviceAccount: fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => labels.join(".")),
        permissions: fc.array(permission, { minLength: 1, maxLength: 5 }),
        ticket: fc
          .tuple(chars(LOWER_DIGITS, 1, 1), chars(`${NAME}._:/+=@`, 0, 19))
          .map((parts) => parts.join("")),
        requestedBy: chars("aZéßЖ日 _.:/=+@-1", 1, 20),
        targetRoleArn: fc.constant("(set below: it names the partition)"),
        disableSessionTags: fc.boolean(),
        sessionPolicy,
        tags,
      },
      { requiredKeys: ["cluster", "namespace", "serviceAccount", "permissions"] },
    ),
  })
  .map(({ partition, account, role, request }) => {
    const built: Record<string, unknown> = { ...request };
    if (built.targetRoleArn !== undefined)
      built.targetRoleArn = `arn:${partition}:iam::${account}:role/${role}`;
    if (built.sessionPolicy !== undefined) built.disableSessionTags = true; // EKS requires it
    return { partition, request: built };
  });

/** What `parseGrantRequest` should return for a valid request: the same, each S3 prefix a folder. */
function withFolderPrefixes(request: Record<string, unknown>): unknown {
  const expected = structuredClone(request) as { permissions: Array<{ prefix?: string }> };
  for (const entry of expected.permissions) {
    if (entry.prefix !== undefined && !entry.prefix.endsWith("/")) entry.prefix = `${entry.prefix}/`;
  }
  return expected;
}

// --- Mutations of a valid request.

const hostileKey = fc.oneof(
  fc.constantFrom(...SCHEMA_NAMES, "__proto__", "constructor", "prototype", "", "aws:x", "eks-cluster-arn"),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 4,
      key: hostileKey,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
  },
  { weight: 10, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      "",
      "*",
      "/",
      "../",
      "${aws:username}",
      "__proto__",
      "2012-10-17",
      "Allow",
      "arn:aws-cn:iam::111122223333:role/x",
      "arn:awsevil:iam::111122223333:role/x",
    ),
  },
  {
    weight: 10,
    arbitrary: fc.constantFrom(null, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, true, [], {}),
  },
  // Around the size bounds (64 KiB of JSON, 10,000 values), seldom: they are slow to check.
  {
    weight: 1,
    arbitrary: fc.integer({ min: 65_400, max: 65_600 }).map((length) => "x".repeat(length)),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 9_980, max: 10_010 }).map((length) => new Array<number>(length).fill(0)),
  },
);

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "insert"; at: number; key: string; value: unknown; assign: boolean }
  | { kind: "nest"; at: number; depth: number; inArrays: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: hostileValue }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    key: hostileKey,
    value: hostileValue,
    assign: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("nest" as const),
    at: fc.nat(),
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 4_000, max: 6_000 })),
    inArrays: fc.boolean(),
  }),
);

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/** The slots (a container and one of its keys) of `root`, down to a depth: no recursion. */
function slotsOf(root: unknown): Slot[] {
  const slots: Slot[] = [];
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  for (let next = stack.pop(); next !== undefined && slots.length < 500; next = stack.pop()) {
    const { value, depth } = next;
    if (value === null || typeof value !== "object" || depth > 8) continue;
    if (Array.isArray(value)) {
      for (let index = 0; index < Math.min(value.length, 50); index++) {
        slots.push({ parent: value, key: index });
        stack.push({ value: value[index], depth: depth + 1 });
      }
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) {
        slots.push({ parent: value as Record<string, unknown>, key });
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return slots;
}

function nested(value: unknown, depth: number, inArrays: boolean): unknown {
  let result = value;
  for (let level = 0; level < depth; level++) result = inArrays ? [result] : { a: result };
  return result;
}

/** Applies `mutations` to a copy of `request`; a mutation may replace the request itself. */
function mutate(request: Record<string, unknown>, mutations: Mutation[]): unknown {
  const root: { request: unknown } = { request: structuredClone(request) };
  for (const change of mutations) {
    const slots = [
      { parent: root as Record<string, unknown>, key: "request" } as Slot,
      ...slotsOf(root.request),
    ];
    const { parent, key } = slots[change.at % slots.length] as Slot;
    const target = parent as Record<string | number, unknown>;
    switch (change.kind) {
      case "delete":
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete target[key];
        break;
      case "replace":
        target[key] = change.value;
        break;
      case "insert": {
        const container = target[key];
        if (container === null || typeof container !== "object" || Array.isArray(container)) {
          target[key] = change.value;
        } else if (change.assign) {
          // As a JavaScript caller would: `__proto__` then replaces the prototype.
          (container as Record<string, unknown>)[change.key] = change.value;
        } else {
          // As JSON.parse does: `__proto__` is then an own key.
          Object.defineProperty(container, change.key, {
            value: change.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        break;
      }
      case "nest":
        target[key] = nested(target[key], change.depth, change.inArrays);
        break;
    }
  }
  return root.request;
}

// --- Properties.

describe("parseGrantRequest, fuzzed", () => {
  it("accepts every valid request built from the schema's vocabulary, returns it with folder prefixes, and accepts that again unchanged", () => {
    fc.assert(
      fc.property(validRequest, ({ partition, request }) => {
        // Prepare
        const before = structuredClone(request);

        // Act
        const parsed = parseGrantRequest(request, { partition });
        const again = parseGrantRequest(parsed, { partition });

        // Assess
        expect(parsed).toStrictEqual(withFolderPrefixes(request));
        expect(again).toStrictEqual(parsed);
        expect(request).toStrictEqual(before);
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  it("either returns a request that parses to itself again, or throws a ValidationError naming a field; nothing else, whatever a valid request is mutated into", () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(
        validRequest,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        ({ partition, request }, mutations) => {
          // Prepare
          const input = mutate(request, mutations);

          // Act
          let parsed: GrantRequest | undefined;
          let thrown: unknown;
          try {
            parsed = parseGrantRequest(input, { partition });
          } catch (error) {
            thrown = error;
          }

          // Assess
          if (parsed !== undefined) {
            outcomes.accepted += 1;
            expect(parseGrantRequest(parsed, { partition })).toStrictEqual(parsed);
            return;
          }
          outcomes.refused += 1;
          expect(thrown).toBeInstanceOf(ValidationError);
          const { problems } = thrown as ValidationError;
          expect(problems.length).toBeGreaterThan(0);
          for (const problem of problems) {
            expect(typeof problem.field).toBe("string");
            expect(problem.field).not.toBe("");
            expect(problem.reason).toMatch(/\S/);
          }
        },
      ),
      { seed: SEED, numRuns: 10_000 },
    );
    // Both branches ran often: the mutations neither always break a request nor never do.
    expect(outcomes.accepted).toBeGreaterThan(200);
    expect(outcomes.refused).toBeGreaterThan(5_000);
  });
});
