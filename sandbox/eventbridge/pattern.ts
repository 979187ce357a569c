/**
 * Amazon EventBridge event-pattern matching and validation.
 *
 * EventBridge evaluates patterns with AWS's event-ruler (github.com/aws/event-ruler) in its
 * array-consistent mode. This module reproduces that model rather than a structural walk, because
 * several documented behaviours only fall out of it:
 *
 * - A pattern compiles to one or more *sub-rules* (one per `$or` combination). Each sub-rule is a
 *   set of `path → matchers`, where a path is the object keys joined with `.` (so a pattern key
 *   `"a.b"` and nested `{"a": {"b": …}}` are the same field, and so are the matching event shapes).
 * - An event flattens to *leaf fields* (`path`, value, array membership). Objects and empty arrays
 *   produce no field; `null` is a value. Every element of an array is a separate field on the same
 *   path, and fields under an array of objects/arrays remember which element they came from.
 * - A sub-rule matches when, taking its paths in sorted order, each path is satisfied by one field
 *   whose value passes any of the path's matchers (they are OR-ed), and all chosen fields agree on
 *   the element of every array they share ("array consistency"). `exists: false` holds when no
 *   field on the path is consistent with the fields chosen before it.
 *
 * Values are compared by JSON type: strings only match string operators (`prefix`, `suffix`,
 * `equals-ignore-case`, `wildcard`, `cidr`), `numeric` only matches numbers, exact values are
 * type-sensitive, and `anything-but` matches every value (including `null` and values of another
 * type) except the excluded ones — but never a missing field.
 *
 * Validation reproduces the reasons AWS returns in `InvalidEventPatternException`
 * ("Event pattern is not valid. Reason: …"); they are event-ruler's compiler messages.
 */

/** A leaf value of a JSON event. */
export type JsonLeaf = string | number | boolean | null;

type ValueTest = (value: JsonLeaf) => boolean;

interface FieldCondition {
  path: string;
  /** Matchers that need a value on the path (any one may pass). */
  tests: ValueTest[];
  /** The path also matches when it has no (array-consistent) value: `{"exists": false}`. */
  absent: boolean;
}

/** One `$or` combination: conditions sorted by path, all of which must hold. */
type SubRule = FieldCondition[];

/** A pattern compiled once and applied to many events. */
export interface CompiledPattern {
  /** Empty when the pattern is valid; otherwise the reasons AWS would reject it. */
  readonly errors: readonly string[];
  /** Throws {@link InvalidEventPatternError} if the pattern is invalid. */
  matches(event: unknown): boolean;
}

/** Thrown when matching with a pattern AWS would reject (InvalidEventPatternException). */
export class InvalidEventPatternError extends Error {
  readonly reasons: readonly string[];
  constructor(reasons: readonly string[]) {
    super(`Event pattern is not valid. Reason: ${reasons.join("; ")}`);
    this.name = "InvalidEventPatternError";
    this.reasons = reasons;
  }
}

/** `$or` combinations above this are rejected by PutRule/TestEventPattern (EventBridge User Guide). */
const MAX_OR_COMBINATIONS = 1000;

/**
 * Per-field wildcard complexity limit. AWS rejects wildcards that keep too many partial matches
 * alive at once ("Rule is too complex …"); the service's exact measure and threshold are not
 * published. We count the most NFA positions any input keeps active (see {@link wildcardComplexity});
 * with this limit `*:*:*:*:*:event-bus/*` (rejected by AWS) scores 13 while
 * `arn:aws:events:*:*:event-bus/*` scores 7 and a `/lib/` substring wildcard 5.
 */
const MAX_WILDCARD_COMPLEXITY = 10;

const TOO_COMPLEX =
  "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

/** Field names that cannot appear inside `$or` (event-ruler reserves them). */
const RESERVED_IN_OR = new Set([
  "exactly",
  "equals-ignore-case",
  "prefix",
  "suffix",
  "anything-but",
  "exists",
  "wildcard",
  "numeric",
  "cidr",
  "=",
  "<",
  "<=",
  ">",
  ">=",
  "regex",
  "not-wildcard",
  "not-equals-ignore-case",
  "date-after",
  "date-on-or-after",
  "date-before",
  "date-on-or-before",
  "in-date-range",
  "ip-address-in-range",
  "ip-address-not-in-range",
]);

// ---------------------------------------------------------------------------------------------
// Public API

/** True if `event` matches `pattern`. Either may be given as JSON text. Throws {@link InvalidEventPatternError} for an invalid pattern. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).matches(event);
}

/** The reasons AWS would reject `pattern` (empty if it is valid). `pattern` may be JSON text. */
export function validatePattern(pattern: unknown): string[] {
  return [...compilePattern(pattern).errors];
}

/** Compiles a pattern (object or JSON text) for repeated matching. Never throws; see `errors`. */
export function compilePattern(pattern: unknown): CompiledPattern {
  const errors: string[] = [];
  let rules: SubRule[] = [];
  const numberTexts: NumberTexts = new WeakMap();
  const parsed = parseJsonText(pattern, errors, numberTexts);
  if (errors.length === 0) {
    const compiler = new PatternCompiler(errors, numberTexts);
    rules = compiler.compile(parsed);
  }
  const frozen = Object.freeze([...errors]);
  return {
    errors: frozen,
    matches(event: unknown): boolean {
      if (frozen.length > 0) throw new InvalidEventPatternError(frozen);
      const parsedEvent = typeof event === "string" ? safeParse(event) : event;
      if (!isPlainObject(parsedEvent)) return false;
      const fields = flattenEvent(parsedEvent);
      return rules.some((rule) => matchSubRule(rule, 0, EMPTY_MEMBERSHIP, fields));
    },
  };
}

/**
 * The source text of the number literals in a pattern given as JSON text, by the object or array
 * that holds them and their key: `1E309` and `1E-325` parse to Infinity and 0, and the rule AWS
 * applies to numeric operands is about the text (see {@link comparableNumberError}).
 */
type NumberTexts = WeakMap<object, Map<string, string>>;

function parseJsonText(value: unknown, errors: string[], numberTexts: NumberTexts): unknown {
  if (typeof value !== "string") return value;
  try {
    // JSON.parse's reviver sees each literal's source text (`context.source`, Node 22).
    return JSON.parse(value, function (
      this: object,
      key: string,
      parsed: unknown,
      context?: { source?: string },
    ) {
      if (typeof parsed === "number" && typeof context?.source === "string") {
        const texts = numberTexts.get(this) ?? new Map<string, string>();
        texts.set(key, context.source);
        numberTexts.set(this, texts);
      }
      return parsed;
    } as (key: string, value: unknown) => unknown) as unknown;
  } catch (error) {
    errors.push(`Pattern is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Events: flattening into leaf fields with array membership

/** Array id → element index, for every array of objects/arrays a field sits inside. */
type Membership = ReadonlyMap<number, number>;
const EMPTY_MEMBERSHIP: Membership = new Map();

interface EventField {
  value: JsonLeaf;
  membership: Membership;
}

function flattenEvent(event: Record<string, unknown>): Map<string, EventField[]> {
  const fields = new Map<string, EventField[]>();
  const membership = new Map<number, number>();
  let arrayCount = 0;

  const add = (path: string, value: JsonLeaf): void => {
    const field: EventField = {
      value,
      membership: membership.size === 0 ? EMPTY_MEMBERSHIP : new Map(membership),
    };
    const list = fields.get(path);
    if (list) list.push(field);
    else fields.set(path, [field]);
  };

  const walkObject = (object: Record<string, unknown>, prefix: string | undefined): void => {
    for (const [key, value] of Object.entries(object)) {
      walkValue(value, prefix === undefined ? key : `${prefix}.${key}`);
    }
  };

  const walkArray = (array: readonly unknown[], path: string): void => {
    const arrayId = arrayCount++;
    array.forEach((element, index) => {
      if (typeof element === "object" && element !== null) {
        // Fields below an object or array element are bound to that element…
        membership.set(arrayId, index);
        if (Array.isArray(element)) walkArray(element, path);
        else walkObject(element as Record<string, unknown>, path);
        membership.delete(arrayId);
      } else {
        // …while scalar elements are just several values of the same path.
        walkValue(element, path);
      }
    });
  };

  const walkValue = (value: unknown, path: string): void => {
    if (Array.isArray(value)) walkArray(value, path);
    else if (typeof value === "object" && value !== null) walkObject(value as Record<string, unknown>, path);
    else if (value === null || typeof value === "string" || typeof value === "boolean") add(path, value);
    else if (typeof value === "number" && Number.isFinite(value)) add(path, value);
    // undefined, functions, symbols and bigints are not JSON values: no field.
  };

  walkObject(event, undefined);
  return fields;
}

/** Merges a field's membership into the membership so far, or returns null if they disagree on an array element. */
function mergeMembership(soFar: Membership, field: Membership): Membership | null {
  if (field.size === 0) return soFar;
  if (soFar.size === 0) return field;
  let merged: Map<number, number> | null = null;
  for (const [arrayId, index] of field) {
    const previous = soFar.get(arrayId);
    if (previous === undefined) {
      merged ??= new Map(soFar);
      merged.set(arrayId, index);
    } else if (previous !== index) {
      return null;
    }
  }
  return merged ?? soFar;
}

/**
 * Depth-first search for an array-consistent choice of one field per condition. The outcome from a
 * given condition onwards depends only on the membership chosen so far, so failures are memoised
 * (many fields on one path would otherwise make the search exponential).
 */
function matchSubRule(
  rule: SubRule,
  index: number,
  membership: Membership,
  fields: Map<string, EventField[]>,
  failed: Set<string> = new Set(),
): boolean {
  const condition = rule[index];
  if (condition === undefined) return true;
  const memoKey = `${index}|${[...membership].join(";")}`;
  if (failed.has(memoKey)) return false;
  const candidates = fields.get(condition.path) ?? [];

  if (condition.absent) {
    const present = candidates.some((field) => mergeMembership(membership, field.membership) !== null);
    if (!present && matchSubRule(rule, index + 1, membership, fields, failed)) return true;
  }
  for (const field of candidates) {
    if (!condition.tests.some((test) => test(field.value))) continue;
    const merged = mergeMembership(membership, field.membership);
    if (merged !== null && matchSubRule(rule, index + 1, merged, fields, failed)) return true;
  }
  failed.add(memoKey);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Patterns: compiling into sub-rules (and collecting AWS's rejection reasons)

type RuleMap = Map<string, { tests: ValueTest[]; absent: boolean }>;

class PatternCompiler {
  readonly #errors: string[];
  /** Wildcard patterns per field path, for the complexity check. */
  readonly #wildcards = new Map<string, Set<string>>();

  readonly #numberTexts: NumberTexts;

  constructor(errors: string[], numberTexts: NumberTexts) {
    this.#errors = errors;
    this.#numberTexts = numberTexts;
  }

  /** The reason AWS refuses the number at `holder[key]` as a numeric operand, if it does. */
  #uncomparable(holder: object, key: string | number): string | undefined {
    const value = (holder as Record<string, unknown>)[key];
    if (typeof value !== "number") return undefined;
    return comparableNumberError(this.#numberTexts.get(holder)?.get(String(key)) ?? numberText(value));
  }

  compile(pattern: unknown): SubRule[] {
    if (!isPlainObject(pattern)) {
      this.#fail("Filter is not an object");
      return [];
    }
    const rules: RuleMap[] = [];
    this.#object(pattern, undefined, rules, false);
    if (rules.length > MAX_OR_COMBINATIONS) {
      this.#fail(
        `The $or combinations of the pattern (${rules.length}) exceed the limit of ${MAX_OR_COMBINATIONS} rule combinations`,
      );
    }
    for (const [, wildcards] of this.#wildcards) {
      if (wildcardComplexity([...wildcards]) > MAX_WILDCARD_COMPLEXITY) {
        this.#fail(TOO_COMPLEX);
        break;
      }
    }
    return rules.map((rule) =>
      [...rule.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([path, { tests, absent }]) => ({ path, tests, absent })),
    );
  }

  #fail(reason: string): void {
    if (!this.#errors.includes(reason)) this.#errors.push(reason);
  }

  #object(
    object: Record<string, unknown>,
    path: string | undefined,
    rules: RuleMap[],
    insideOr: boolean,
  ): void {
    const entries = Object.entries(object);
    if (entries.length === 0) this.#fail("Empty objects are not allowed");
    for (const [key, value] of entries) {
      if (key === "$or") {
        this.#or(value, path, rules);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(key)) {
        this.#fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
        continue;
      }
      const childPath = path === undefined ? key : `${path}.${key}`;
      if (isPlainObject(value)) {
        this.#object(value, childPath, rules, insideOr);
      } else if (Array.isArray(value)) {
        const leaf = this.#leaf(value, childPath);
        if (rules.length === 0) rules.push(new Map());
        // A path given twice (e.g. "a.b" and {"a": {"b"}}) keeps the last one, as in AWS.
        for (const rule of rules) rule.set(childPath, leaf);
      } else {
        this.#fail(`"${key}" must be an object or an array`);
      }
    }
  }

  #or(value: unknown, path: string | undefined, rules: RuleMap[]): void {
    const before = rules.map((rule) => new Map(rule));
    rules.length = 0;
    if (!Array.isArray(value)) {
      this.#fail("It must be an Array followed with $or.");
      rules.push(...before);
      return;
    }
    if (value.length < 2) this.#fail("There must have at least 2 Objects in $or relationship.");
    for (const branch of value) {
      if (!isPlainObject(branch)) {
        this.#fail("Only JSON object is allowed in array of $or relationship.");
        continue;
      }
      const branchRules = before.map((rule) => new Map(rule));
      if (branchRules.length === 0) branchRules.push(new Map());
      this.#object(branch, path, branchRules, true);
      rules.push(...branchRules);
      if (rules.length > MAX_OR_COMBINATIONS * 10) break; // already far past the limit; stop expanding
    }
  }

  #leaf(values: readonly unknown[], path: string): { tests: ValueTest[]; absent: boolean } {
    const tests: ValueTest[] = [];
    let absent = false;
    if (values.length === 0) this.#fail("Empty arrays are not allowed");
    for (const value of values) {
      if (isPlainObject(value)) {
        const matcher = this.#expression(value, path);
        if (matcher === "absent") absent = true;
        else if (matcher) tests.push(matcher);
      } else if (typeof value === "string") {
        tests.push(exactString(value));
      } else if (typeof value === "number") {
        tests.push((v) => v === value);
      } else if (value === null || typeof value === "boolean") {
        tests.push((v) => v === value);
      } else {
        this.#fail("Match value must be String, number, true, false, or null");
      }
    }
    return { tests, absent };
  }

  /** One `{operator: operand}` object; returns its test, "absent" for exists:false, or undefined if invalid. */
  #expression(expression: Record<string, unknown>, path: string): ValueTest | "absent" | undefined {
    const keys = Object.keys(expression);
    const name = keys[0];
    if (name === undefined) {
      this.#fail("Match expression name not found");
      return undefined;
    }
    const operand = expression[name];
    const extraKeys = keys.length > 1;
    const onlyOneKey = (test: ValueTest | "absent" | undefined): ValueTest | "absent" | undefined => {
      if (extraKeys) {
        this.#fail("Only one key allowed in match expression");
        return undefined;
      }
      return test;
    };

    switch (name) {
      case "exactly": // event-ruler's explicit exact match (no IP normalisation)
        if (typeof operand !== "string") return this.#reject("exact match pattern must be a string");
        return onlyOneKey((v) => v === operand);

      case "prefix":
      case "suffix": {
        if (isPlainObject(operand)) return onlyOneKey(this.#affixIgnoreCase(name, operand));
        if (typeof operand !== "string") return this.#reject(`${name} match pattern must be a string`);
        return onlyOneKey(name === "prefix" ? prefixTest([operand]) : suffixTest([operand]));
      }

      case "equals-ignore-case":
        if (typeof operand !== "string")
          return this.#reject("equals-ignore-case match pattern must be a string");
        return onlyOneKey(ignoreCaseTest(operand, "equals"));

      case "wildcard": {
        if (typeof operand !== "string") return this.#reject("wildcard match pattern must be a string");
        const problem = wildcardSyntaxError(operand);
        if (problem) return this.#reject(problem);
        this.#noteWildcard(path, operand);
        return onlyOneKey(wildcardTest([operand]));
      }

      case "numeric": {
        if (!Array.isArray(operand)) return this.#reject("Value of numeric must be an array.");
        const test = this.#numeric(operand);
        if (test && extraKeys) return this.#reject("Too many elements in numeric expression");
        return test;
      }

      case "anything-but": {
        const test = this.#anythingBut(operand, path, expression);
        if (test && extraKeys) return this.#reject("Too many elements in numeric expression");
        return test;
      }

      case "exists":
        if (typeof operand !== "boolean")
          return this.#reject("exists match pattern must be either true or false.");
        return onlyOneKey(operand ? () => true : "absent");

      case "cidr": {
        // AWS really does say "prefix" here.
        if (typeof operand !== "string") return this.#reject("prefix match pattern must be a string");
        const range = parseCidr(operand);
        if (typeof range === "string") return this.#reject(range);
        return onlyOneKey(cidrTest(range));
      }

      default:
        return this.#reject(`Unrecognized match type ${name}`);
    }
  }

  #reject(reason: string): undefined {
    this.#fail(reason);
    return undefined;
  }

  #noteWildcard(path: string, wildcard: string): void {
    const set = this.#wildcards.get(path) ?? new Set<string>();
    set.add(wildcard);
    this.#wildcards.set(path, set);
  }

  /** `{"prefix": {"equals-ignore-case": "…"}}` / `{"suffix": {"equals-ignore-case": "…"}}`. */
  #affixIgnoreCase(kind: "prefix" | "suffix", operand: Record<string, unknown>): ValueTest | undefined {
    const keys = Object.keys(operand);
    const op = keys[0];
    const label = kind === "prefix" ? "Prefix" : "Suffix";
    if (op === undefined) return this.#reject(`${label} expression name not found`);
    if (op !== "equals-ignore-case") return this.#reject(`Unsupported ${kind} pattern: ${op}`);
    const text = operand[op];
    if (typeof text !== "string") return this.#reject("equals-ignore-case match pattern must be a string");
    if (keys.length > 1) return this.#reject("Only one key allowed in match expression");
    return ignoreCaseTest(text, kind);
  }

  #numeric(operands: readonly unknown[]): ValueTest | undefined {
    const [operator, first, second, third] = operands;
    if (typeof operator !== "string")
      return this.#reject(`Invalid member in numeric match: ${tokenText(operands, 0)}`);
    const isNumber = (v: unknown): v is number => typeof v === "number";
    // event-ruler turns each bound into a comparable number once the expression's shape is read,
    // the lower bound first, and reports a bound a double cannot hold before comparing the bounds.
    const uncomparable = (...indexes: number[]): string | undefined => {
      for (const index of indexes) {
        const problem = this.#uncomparable(operands, index);
        if (problem) return problem;
      }
      return undefined;
    };
    switch (operator) {
      case "=": {
        if (!isNumber(first)) return this.#reject("Value of equals must be numeric");
        if (operands.length > 2) return this.#reject("Too many elements in numeric expression");
        const problem = uncomparable(1);
        if (problem) return this.#reject(problem);
        return (v) => v === first;
      }
      case "<":
      case "<=": {
        if (!isNumber(first)) return this.#reject(`Value of ${operator} must be numeric`);
        if (operands.length > 2) return this.#reject("Too many elements in numeric expression");
        const problem = uncomparable(1);
        if (problem) return this.#reject(problem);
        return operator === "<"
          ? (v) => typeof v === "number" && v < first
          : (v) => typeof v === "number" && v <= first;
      }
      case ">":
      case ">=": {
        if (!isNumber(first)) return this.#reject(`Value of ${operator} must be numeric`);
        const above: (v: number) => boolean = operator === ">" ? (v) => v > first : (v) => v >= first;
        if (operands.length === 2) {
          const problem = uncomparable(1);
          if (problem) return this.#reject(problem);
          return (v) => typeof v === "number" && above(v);
        }
        if (typeof second !== "string")
          return this.#reject(`Bad value in numeric range: ${tokenText(operands, 2)}`);
        if (second !== "<" && second !== "<=") return this.#reject(`Bad numeric range operator: ${second}`);
        if (!isNumber(third)) return this.#reject(`Value of ${second} must be numeric`);
        if (operands.length > 4) return this.#reject("Too many terms in numeric range expression");
        const problem = uncomparable(1, 3);
        if (problem) return this.#reject(problem);
        if (!(first < third)) return this.#reject("Bottom must be less than top");
        const below: (v: number) => boolean = second === "<" ? (v) => v < third : (v) => v <= third;
        return (v) => typeof v === "number" && above(v) && below(v);
      }
      default:
        return this.#reject(`Unrecognized numeric range operator: ${operator}`);
    }
  }

  /** `expression` is the `{"anything-but": operand}` object. */
  #anythingBut(operand: unknown, path: string, expression: Record<string, unknown>): ValueTest | undefined {
    type Kind = "values" | "equals-ignore-case" | "prefix" | "suffix" | "wildcard";
    let kind: Kind = "values";
    let inner = operand;
    let innerExtraKeys = false;
    if (isPlainObject(operand)) {
      const keys = Object.keys(operand);
      const op = keys[0];
      if (op === undefined) return this.#reject("Anything-But expression name not found");
      if (op !== "equals-ignore-case" && op !== "prefix" && op !== "suffix" && op !== "wildcard") {
        return this.#reject(`Unsupported anything-but pattern: ${op}`);
      }
      kind = op;
      inner = operand[op];
      innerExtraKeys = keys.length > 1;
    }
    if (!isListOrScalar(inner)) {
      return this.#reject("Value of anything-but must be an array or single string/number value.");
    }
    const items: readonly unknown[] = Array.isArray(inner) ? inner : [inner];

    if (kind === "values") {
      // In order, as event-ruler reads them: the first null/boolean, or the first number a double
      // cannot hold (numbers are compared as doubles), is the reason given.
      for (const [index, item] of items.entries()) {
        if (typeof item !== "string" && typeof item !== "number") {
          return this.#reject(
            Array.isArray(inner)
              ? "Inside anything but list, start|null|boolean is not supported."
              : "Inside anything-but list, start|null|boolean is not supported.",
          );
        }
        const problem = Array.isArray(inner)
          ? this.#uncomparable(inner, index)
          : this.#uncomparable(expression, "anything-but");
        if (problem) return this.#reject(problem);
      }
      const strings = items.filter((item): item is string => typeof item === "string");
      const numbers = items.filter((item): item is number => typeof item === "number");
      const hasStrings = strings.length > 0;
      const hasNumbers = numbers.length > 0;
      if (hasStrings === hasNumbers) {
        return this.#reject(
          "Inside anything but list, either all values are number or string, mixed type is not supported",
        );
      }
      if (numbers.length > 0) return (v) => !(typeof v === "number" && numbers.includes(v));
      const excluded = new Set(strings);
      return (v) => !(typeof v === "string" && excluded.has(v));
    }

    const texts: string[] = [];
    for (const item of items) {
      if (typeof item !== "string") {
        if (kind === "equals-ignore-case") {
          return this.#reject(
            "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
          );
        }
        if (kind === "wildcard") return this.#reject("wildcard match pattern must be a string");
        return this.#reject("prefix/suffix match pattern must be a string");
      }
      if ((kind === "prefix" || kind === "suffix") && item === "") {
        return this.#reject("Null prefix/suffix not allowed");
      }
      texts.push(item);
    }
    let excludedBy: ValueTest;
    switch (kind) {
      case "equals-ignore-case": {
        const tests = texts.map((text) => ignoreCaseTest(text, "equals"));
        excludedBy = (v) => tests.some((test) => test(v));
        break;
      }
      case "prefix":
        excludedBy = prefixTest(texts);
        break;
      case "suffix":
        excludedBy = suffixTest(texts);
        break;
      case "wildcard":
        for (const text of texts) {
          const problem = wildcardSyntaxError(text);
          if (problem) return this.#reject(problem);
          this.#noteWildcard(path, text);
        }
        excludedBy = wildcardTest(texts);
        break;
    }
    // event-ruler reports any key after the operand with its numeric-expression message.
    if (innerExtraKeys) return this.#reject("Too many elements in numeric expression");
    return (v) => !excludedBy(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers a numeric operand may hold

/** A number as JSON text: what `JSON.stringify` sends for a pattern given as an object. */
function numberText(value: number): string {
  return String(value);
}

/**
 * event-ruler compares numbers as doubles and refuses a numeric operand (`numeric` bounds,
 * `anything-but` numbers) whose decimal value a double does not hold exactly:
 * `ComparableNumber.generate` parses the text as a `BigDecimal`, takes its `doubleValue()`, and
 * throws "Cannot compare number : <text>" if that is infinite or NaN, or if
 * `BigDecimal.valueOf(double)` (Java's `Double.toString`) is not the same decimal — so `1E309`
 * and `2.0e422` (overflow) and `1E-325` (underflow to 0) are refused, as is a literal with more
 * digits than a double keeps. A plain number in a pattern's value list is not refused: event-ruler
 * then only matches it by its text. (aws/event-ruler `ComparableNumber.java`, `JsonRuleCompiler.java`.)
 */
export function comparableNumberError(text: string): string | undefined {
  const reason = `Cannot compare number : ${text}`;
  const written = parseDecimal(text);
  const value = Number(text);
  if (written === undefined || !Number.isFinite(value)) return reason;
  const stored = javaDecimal(value);
  return written.digits === stored.digits && written.exponent === stored.exponent ? undefined : reason;
}

/** A decimal as `digits × 10^exponent`, normalised (no trailing zero digits; zero is 0 × 10^0). */
interface Decimal {
  digits: bigint;
  exponent: number;
}

function normalisedDecimal(digits: bigint, exponent: number): Decimal {
  if (digits === 0n) return { digits: 0n, exponent: 0 };
  let d = digits;
  let e = exponent;
  while (d % 10n === 0n) {
    d /= 10n;
    e++;
  }
  return { digits: d, exponent: e };
}

/** A JSON number literal as a signed decimal; undefined if it is not one. */
function parseDecimal(text: string): Decimal | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  const digits = BigInt(`${whole}${fraction}`) * (sign === "-" ? -1n : 1n);
  return normalisedDecimal(digits, Number(exponent) - fraction.length);
}

/**
 * The decimal Java's `Double.toString` gives for `value` (JDK 19 and later): the shortest that
 * reads back as `value` — JavaScript's too — except that Java keeps at least two significant
 * digits, choosing the two-digit decimal closest to the double's exact value. The two differ only
 * where a double has a handful of bits, i.e. the smallest subnormals (`5e-324` is `4.9E-324`).
 */
function javaDecimal(value: number): Decimal {
  if (value === 0) return { digits: 0n, exponent: 0 };
  const [mantissa = "", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const shortest = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const sign = value < 0 ? -1n : 1n;
  if (shortest.length > 1) return normalisedDecimal(sign * BigInt(shortest), exponent - shortest.length + 1);
  // The double's exact value is m × 2^q; the closest two-digit decimal is round(m × 2^q / 10^(exponent-1)).
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fractionBits = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? fractionBits : fractionBits | (1n << 52n);
  const q = (biased === 0 ? 1 : biased) - 1075;
  let numerator = q >= 0 ? m << BigInt(q) : m;
  let denominator = q >= 0 ? 1n : 1n << BigInt(-q);
  const scale = 1 - exponent;
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator *= 10n ** BigInt(-scale);
  let rounded = numerator / denominator;
  const remainder = numerator - rounded * denominator;
  if (remainder * 2n > denominator || (remainder * 2n === denominator && rounded % 2n === 1n)) rounded++;
  return normalisedDecimal(sign * rounded, exponent - 1);
}

function isListOrScalar(value: unknown): value is string | number | unknown[] {
  return typeof value === "string" || typeof value === "number" || Array.isArray(value);
}

/** How a JSON parser would print the token at `index` of an array (for numeric error messages). */
function tokenText(values: readonly unknown[], index: number): string {
  if (index >= values.length) return "]";
  const value = values[index];
  if (Array.isArray(value)) return "[";
  if (isPlainObject(value)) return "{";
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Value tests

/**
 * Exact string. event-ruler turns a string that is an IP address literal into an address match,
 * so `"10.0.0.1"` and `"2001:db8::1"` also match other spellings of the same address.
 */
function exactString(expected: string): ValueTest {
  const address = parseIpAddress(expected);
  if (address === undefined) return (v) => v === expected;
  return (v) => {
    if (typeof v !== "string") return false;
    if (v === expected) return true;
    const other = parseIpAddress(v);
    return other !== undefined && other.length === address.length && other.every((b, i) => b === address[i]);
  };
}

// prefix and suffix compare against the value as event-ruler sees it: the string with its JSON
// quotes. That is why they never match numbers, booleans or null, and why a prefix may end with the
// closing quote (`abc"` is a prefix of "abc").
function prefixTest(prefixes: readonly string[]): ValueTest {
  return (v) => typeof v === "string" && prefixes.some((p) => `"${v}"`.startsWith(`"${p}`));
}

function suffixTest(suffixes: readonly string[]): ValueTest {
  return (v) => typeof v === "string" && suffixes.some((s) => `"${v}"`.endsWith(`${s}"`));
}

/**
 * Case-insensitive comparison as event-ruler does it: each character of the pattern matches its
 * lower-case or its upper-case form (Unicode, locale-independent), which may differ in length
 * (e.g. `ⱥ`/`Ⱥ`, `ß`/`SS`).
 */
function ignoreCaseTest(pattern: string, mode: "equals" | "prefix" | "suffix"): ValueTest {
  const quoted = mode === "equals" ? `"${pattern}"` : mode === "prefix" ? `"${pattern}` : `${pattern}"`;
  const alternatives = [...quoted].map((char) => [...new Set([char.toLowerCase(), char.toUpperCase()])]);
  return (v) => {
    if (typeof v !== "string") return false;
    const text = `"${v}"`;
    if (mode === "prefix") return ignoreCaseEnds(alternatives, text, 0).size > 0;
    if (mode === "equals") return ignoreCaseEnds(alternatives, text, 0).has(text.length);
    for (let start = text.length; start >= 0; start--) {
      if (ignoreCaseEnds(alternatives, text, start).has(text.length)) return true;
    }
    return false;
  };
}

/** Every end offset at which `text` (from `start`) matches the whole alternatives sequence. */
function ignoreCaseEnds(
  alternatives: readonly (readonly string[])[],
  text: string,
  start: number,
): Set<number> {
  let positions = new Set([start]);
  for (const choices of alternatives) {
    const next = new Set<number>();
    for (const position of positions) {
      for (const choice of choices) {
        if (text.startsWith(choice, position)) next.add(position + choice.length);
      }
    }
    if (next.size === 0) return next;
    positions = next;
  }
  return positions;
}

/** A wildcard as literal segments between unescaped `*` (`\*` is a star, `\\` a backslash). */
function wildcardSegments(wildcard: string): string[] {
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i];
    if (char === "\\") {
      current += wildcard[i + 1] ?? "";
      i++;
    } else if (char === "*") {
      segments.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

function wildcardMatches(segments: readonly string[], text: string): boolean {
  const first = segments[0] ?? "";
  if (segments.length === 1) return text === first;
  const last = segments[segments.length - 1] ?? "";
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] ?? "";
    const found = text.indexOf(segment, position);
    if (found === -1 || found + segment.length > end) return false;
    position = found + segment.length;
  }
  return true;
}

function wildcardTest(wildcards: readonly string[]): ValueTest {
  const compiled = wildcards.map(wildcardSegments);
  return (v) => typeof v === "string" && compiled.some((segments) => wildcardMatches(segments, v));
}

/** event-ruler's wildcard syntax check; positions are UTF-8 byte offsets in the quoted value. */
function wildcardSyntaxError(wildcard: string): string | undefined {
  const bytes = new TextEncoder().encode(`"${wildcard}"`);
  const STAR = 0x2a;
  const BACKSLASH = 0x5c;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === STAR) {
      if (bytes[i + 1] === STAR) return `Consecutive wildcard characters at pos ${i}`;
    } else if (byte === BACKSLASH) {
      const next = bytes[i + 1];
      if (next === STAR || next === BACKSLASH) {
        i++;
        continue;
      }
      return `Invalid escape character at pos ${i}`;
    }
  }
  return undefined;
}

/**
 * The most positions of the wildcards' combined NFA that any single input keeps active at once
 * (each `*` and each literal position counts). Grows with the number of wildcards and with
 * characters repeated after a wildcard, which is what AWS limits.
 */
export function wildcardComplexity(wildcards: readonly string[]): number {
  type Token = { star: true } | { star: false; char: string };
  const machines: Token[][] = wildcards.map((wildcard) => {
    const tokens: Token[] = [{ star: false, char: '"' }];
    for (let i = 0; i < wildcard.length; i++) {
      const char = wildcard[i] as string;
      if (char === "\\") tokens.push({ star: false, char: wildcard[++i] ?? "" });
      else if (char === "*") tokens.push({ star: true });
      else tokens.push({ star: false, char });
    }
    tokens.push({ star: false, char: '"' });
    return tokens;
  });
  const alphabet = new Set<string>(["\u0000"]); // one symbol for "any other character"
  for (const tokens of machines) for (const t of tokens) if (!t.star) alphabet.add(t.char);

  const key = (m: number, p: number): string => `${m}:${p}`;
  const close = (states: Set<string>): Set<string> => {
    const out = new Set<string>();
    const stack = [...states];
    while (stack.length > 0) {
      const state = stack.pop() as string;
      if (out.has(state)) continue;
      out.add(state);
      const [m, p] = state.split(":").map(Number) as [number, number];
      if (machines[m]?.[p]?.star) stack.push(key(m, p + 1));
    }
    return out;
  };
  const countable = (states: Set<string>): number =>
    [...states].filter((state) => {
      const [m, p] = state.split(":").map(Number) as [number, number];
      return p > 0 && p < (machines[m]?.length ?? 0);
    }).length;

  const start = close(new Set(machines.map((_, m) => key(m, 0))));
  const seen = new Set<string>();
  const queue = [start];
  let maximum = 0;
  while (queue.length > 0) {
    const states = queue.pop() as Set<string>;
    const id = [...states].sort().join(",");
    if (seen.has(id)) continue;
    seen.add(id);
    maximum = Math.max(maximum, countable(states));
    if (maximum > MAX_WILDCARD_COMPLEXITY * 4 || seen.size > 20_000) break;
    for (const symbol of alphabet) {
      const next = new Set<string>();
      for (const state of states) {
        const [m, p] = state.split(":").map(Number) as [number, number];
        const token = machines[m]?.[p];
        if (!token) continue;
        if (token.star) next.add(state);
        else if (token.char === symbol) next.add(key(m, p + 1));
      }
      if (next.size > 0) queue.push(close(next));
    }
  }
  return maximum;
}

// ---------------------------------------------------------------------------------------------
// IP addresses and CIDR

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** Bytes of an IPv4 (4) or IPv6 (16) literal; IPv4-mapped IPv6 yields 4 bytes (as Java does). */
export function parseIpAddress(text: string): number[] | undefined {
  if (IPV4_SHAPE.test(text)) {
    const parts = text.split(".").map((part) => Number.parseInt(part, 10));
    return parts.every((part) => part >= 0 && part <= 255) ? parts : undefined;
  }
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const out: number[] = [];
    for (const group of part.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      out.push(Number.parseInt(group, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (!head || !tail) return undefined;
  let words: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    words = head;
  }
  const bytes = words.flatMap((word) => [word >> 8, word & 0xff]);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

interface AddressRange {
  low: number[];
  high: number[];
}

/** Parses `address/bits`, or returns the reason AWS gives for rejecting it. */
function parseCidr(cidr: string): AddressRange | string {
  const parts = cidr.split("/");
  while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop(); // Java's split drops trailing empties
  if (parts.length !== 2) return "Malformed CIDR, one '/' required";
  const [address = "", bitsText = ""] = parts;
  if (!/^[+-]?[0-9]+$/.test(bitsText) || Math.abs(Number(bitsText)) > 2 ** 31) {
    return "Malformed CIDR, mask bits must be an integer";
  }
  const bits = Number(bitsText);
  if (bits < 0) return "Malformed CIDR, mask bits must not be negative";
  const bytes = IPV4_SHAPE.test(address) || IPV6_SHAPE.test(address) ? parseIpAddress(address) : undefined;
  if (bytes === undefined) {
    return IPV4_SHAPE.test(address) || IPV6_SHAPE.test(address)
      ? `Invalid IP address: ${address}`
      : `Nonstandard IP address: ${address}`;
  }
  if (bytes.length === 4 && bits > 31) return "IPv4 mask bits must be < 32";
  if (bytes.length === 16 && bits > 127) return "IPv6 mask bits must be < 128";
  const low: number[] = [];
  const high: number[] = [];
  bytes.forEach((byte, i) => {
    const fixed = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - fixed)) & 0xff;
    low.push(byte & mask);
    high.push(byte | (~mask & 0xff));
  });
  return { low, high };
}

function compareBytes(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function cidrTest(range: AddressRange): ValueTest {
  return (v) => {
    if (typeof v !== "string") return false;
    const address = parseIpAddress(v);
    if (address === undefined || address.length !== range.low.length) return false;
    return compareBytes(address, range.low) >= 0 && compareBytes(address, range.high) <= 0;
  };
}
