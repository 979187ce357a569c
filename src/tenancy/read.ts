import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Env, required } from "../config.ts";
import { ConfigurationError } from "../errors.ts";
import { parseTenancy, type Tenancy } from "./tenancy.ts";

/*
 * Reading the tenancy file: the one module of src/tenancy/ that does I/O, kept apart from
 * src/config.ts so that only the functions that authorize (record) carry the tenancy validator.
 */

/**
 * The tenancy file named by `TENANCY_FILE` (relative to the working directory: the Lambda task
 * root, where `serverless.yml` packages it), read and validated once. A missing or invalid file
 * fails the cold start naming the problem.
 */
export function readTenancy(env: Env): Tenancy {
  const path = required(env, "TENANCY_FILE", /\S/, "the path of the tenancy JSON file");
  return readTenancyFile(resolve(path), `TENANCY_FILE ${path}`);
}

/**
 * Reads, parses and validates a tenancy file: the one reading of it for the functions, `serverless
 * package` and the sandbox. Every problem is a `ConfigurationError` that starts with `label`.
 */
export function readTenancyFile(path: string, label: string): Tenancy {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(`${label} cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${label} is not JSON: ${(error as Error).message}`);
  }
  return parseTenancy(parsed, label);
}

let cachedTenancy: Tenancy | undefined;

/** The tenancy of this process, read from `TENANCY_FILE` on first use. */
export function tenancy(): Tenancy {
  cachedTenancy ??= readTenancy(process.env);
  return cachedTenancy;
}
