#!/usr/bin/env node
/**
 * `pod-identity` (`npm run cli -- …`): grants, their status and their revocation through the
 * pod-identity-provisioner HTTP API, signed with the caller's AWS credentials. `--help` lists the
 * commands and the exit codes.
 */
import { run } from "./run.ts";

process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
