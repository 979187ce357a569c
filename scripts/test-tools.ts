/**
 * `npm test`'s first step (`pretest`): the system tools the sandbox's wire-fidelity tests need, which
 * npm cannot install — an AWS CLI and boto3, the independent clients that parse the emulation's
 * answers with botocore instead of the JS SDK (test/support/aws-cli.ts). A fresh machine of this
 * project's kind has neither; where they are missing and this runs as root with apt-get (the
 * project's machines and CI), it installs Debian's `awscli` and `python3-boto3`. Elsewhere it says
 * what to install and fails: those tests do not skip.
 */
import { spawnSync } from "node:child_process";

const works = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: "utf8", stdio: "ignore" }).status === 0;

const missing = (): string[] => [
  ...(works("aws", ["--version"]) ? [] : ["awscli"]),
  ...(["python3", "/usr/bin/python3"].some((python) => works(python, ["-c", "import boto3"]))
    ? []
    : ["python3-boto3"]),
];

const needed = missing();
if (needed.length > 0) {
  const canInstall = process.getuid?.() === 0 && works("apt-get", ["--version"]);
  if (!canInstall) {
    console.error(
      `The tests need ${needed.join(" and ")} (independent AWS clients): install them (Debian/Ubuntu: apt-get install ${needed.join(" ")}) and run npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Installing ${needed.join(" ")} from Debian's packages for the independent-client tests …`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", ...needed],
  ]) {
    const run = spawnSync("apt-get", args, { env, stdio: ["ignore", "ignore", "inherit"] });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed (exit ${run.status})`);
      process.exit(1);
    }
  }
  const still = missing();
  if (still.length > 0) {
    console.error(`Still missing after apt-get: ${still.join(", ")}`);
    process.exit(1);
  }
}
