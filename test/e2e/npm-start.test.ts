import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm start` and the README's "try it" commands, exactly as the README prints them, against a
 * sandbox in its own process (its own port and state directory, so a developer's running sandbox
 * is left alone).
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "pip-start-"));
const stateFile = join(dir, "state.json");
const env = { ...process.env, POD_IDENTITY_SANDBOX_DIR: dir, POWERTOOLS_LOG_LEVEL: "SILENT" };
let sandbox: ChildProcess;
let banner = "";

function start(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "sandbox/main.ts",
      "--port",
      "0",
      "--propagation-delay-ms",
      "0",
      "--time-scale",
      "0.001",
      "--state-file",
      stateFile,
    ],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  banner = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      banner += chunk.toString();
      if (banner.includes("Ctrl-C stops it.")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code}: ${banner}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    child.kill("SIGINT");
  });
}

/** The commands of the README's sandbox block, in order. */
const readmeCommands = readFileSync("README.md", "utf8")
  .split("\n")
  .filter((line) => line.startsWith("npm run sandbox -- "))
  .map((line) => line.replace(/\s+#.*$/, "").trim());

async function readme(command: string): Promise<{ code: number; output: string }> {
  const args = command.split(/\s+/).slice(1);
  try {
    const { stdout } = await run("npm", args, { env, timeout: 60_000 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

beforeAll(async () => {
  sandbox = await start();
}, 120_000);

afterAll(async () => {
  if (sandbox.exitCode === null) await stop(sandbox);
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start and the README's try-it commands", () => {
  it("prints the endpoint, the workflows and the commands to try", () => {
    // Assess
    expect(banner).toMatch(/endpoint\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(banner).toContain("pod-identity-provisioner-sandbox-provision");
    for (const command of readmeCommands.slice(0, 3)) expect(banner).toContain(command);
  });

  it("runs the README's commands as printed: grant, tamper, see the drift and who made it, revoke, events", async () => {
    // Prepare
    expect(readmeCommands.map((c) => c.split(" ")[4])).toEqual([
      "grant",
      "tamper",
      "status",
      "revoke",
      "events",
    ]);
    const [grant, tamper, status, revoke, events] = readmeCommands as [
      string,
      string,
      string,
      string,
      string,
    ];

    // Act and Assess, in the README's order
    const granted = await readme(grant);
    expect(granted.code).toBe(0);
    expect(granted.output).toContain("SUCCEEDED");
    expect((await readme(tamper)).code).toBe(0);
    const drift = await readme(status);
    expect(drift.code).toBe(3);
    expect(drift.output).toContain("grant-policy-changed");
    expect(drift.output).toMatch(/PutRolePolicy\s+by arn:aws:iam::\d{12}:user\/platform-admin/);
    const revoked = await readme(revoke);
    expect(revoked.output).toContain("SUCCEEDED");
    expect((await readme(events)).output).toContain("DeleteRole");
  });

  it("stops on Ctrl-C, saves its state, and comes back with it", async () => {
    // Prepare: a grant of its own (whatever the other tests left), ACTIVE before the stop.
    const granted = await readme("npm run sandbox -- grant examples/grant-request.json");
    expect(granted.output).toContain("SUCCEEDED");

    // Act
    const code = await stop(sandbox);
    sandbox = await start();
    const status = await readme("npm run sandbox -- status demo/payments/payments-api");

    // Assess
    expect(code).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    expect(banner).toContain("Restored IAM, EKS, the registry and finished executions");
    expect(status.output).toContain('"status": "ACTIVE"');
    expect(status.output).not.toContain("grant-policy-changed");
  });
});
