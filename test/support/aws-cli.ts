import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../sandbox/template.ts";

/**
 * The independent clients of the sandbox's wire-fidelity tests: the Python AWS CLI (botocore parses
 * every answer with its own parsers, not the JS SDK's) and boto3. `npm test` installs them first
 * when they are missing (`scripts/test-tools.ts`, Debian's `awscli` and `python3-boto3`), so these
 * tests run everywhere and never skip; without them they fail, saying what to install.
 *
 * Every run is made the same whatever the CLI's version (Debian's is v2, pip's v1):
 * - a config file of its own: no pager, and timestamps as the service sent them (v1 `none`, v2
 *   `wire`; v2 would otherwise rewrite `…Z` as `…+00:00`), no profile, no credentials file;
 * - `AWS_DATA_PATH` on test/fixtures/aws-cli-models: EKS's API model as botocore 1.43.11 ships it
 *   (with the Pod Identity operations, which an older CLI's own model lacks; see its README).
 */
const execFileAsync = promisify(execFile);

/** `aws --version`'s line, or undefined when no AWS CLI is on PATH. */
export const AWS_CLI_VERSION: string | undefined = (() => {
  const out = spawnSync("aws", ["--version"], { encoding: "utf8" });
  return out.status === 0 ? `${out.stdout}${out.stderr}`.trim() : undefined;
})();

export const MISSING_AWS_CLI =
  "No AWS CLI on PATH: `npm test` installs it before the tests (scripts/test-tools.ts; Debian's awscli), or install it yourself";

const CONFIG_FILE = (() => {
  const file = join(mkdtempSync(join(tmpdir(), "pip-aws-cli-")), "config");
  const timestamps = AWS_CLI_VERSION?.startsWith("aws-cli/1.") ? "none" : "wire";
  writeFileSync(file, `[default]\ncli_pager =\ncli_timestamp_format = ${timestamps}\n`);
  return file;
})();

export interface AwsCliTarget {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AwsCliFailure {
  code: number;
  /** What the CLI printed on stderr (botocore's error line). */
  error: string;
}

/** `aws <args> --endpoint-url … --region … --output json`, signing with the target's key. */
export function awsCli(target: AwsCliTarget) {
  const run = async (args: string[], extraEnv: Record<string, string> = {}) => {
    if (!AWS_CLI_VERSION) throw new Error(MISSING_AWS_CLI);
    return execFileAsync(
      "aws",
      [...args, "--endpoint-url", target.endpoint, "--region", target.region, "--output", "json"],
      {
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ACCESS_KEY_ID: target.accessKeyId,
          AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
          AWS_CONFIG_FILE: CONFIG_FILE,
          AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
          AWS_EC2_METADATA_DISABLED: "true",
          AWS_DATA_PATH: join(PROJECT_ROOT, "test", "fixtures", "aws-cli-models"),
          ...extraEnv,
        },
      },
    );
  };
  return {
    run,
    /** The parsed JSON output of a command that succeeds. */
    json: async <T = Record<string, unknown>>(args: string[]): Promise<T> =>
      JSON.parse((await run(args)).stdout) as T,
    /** The exit code and error line of a command that fails (code 0 if it succeeded). */
    failure: (args: string[], extraEnv: Record<string, string> = {}): Promise<AwsCliFailure> =>
      run(args, extraEnv).then(
        () => ({ code: 0, error: "" }),
        (error: { code?: number; stderr?: string }) => ({
          code: error.code ?? 0,
          error: error.stderr?.trim() ?? "",
        }),
      ),
  };
}

/** A Python that can `import boto3`: PATH's `python3`, or Debian's (where `apt-get install python3-boto3` puts it). */
export const PYTHON_WITH_BOTO3: string | undefined = ["python3", "/usr/bin/python3"].find(
  (python) => spawnSync(python, ["-c", "import boto3"], { encoding: "utf8" }).status === 0,
);

export const MISSING_BOTO3 =
  "No Python with boto3: `npm test` installs it before the tests (scripts/test-tools.ts; Debian's python3-boto3), or install it yourself";
