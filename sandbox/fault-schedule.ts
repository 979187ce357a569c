import type { FaultOptions } from "./emulator/faults.ts";
import { seededRandom } from "./emulator/random.ts";
import { inconsistencies, inventory } from "./inventory.ts";
import type { Sandbox } from "./sandbox.ts";

/**
 * One seeded fault schedule: throttling (a token bucket per account, IAM and STS sharing it),
 * random server errors and a propagation delay for new roles, for a window of time (faults on AWS
 * come in bursts), under concurrent work — first provisionings, then an update and a deprovisioning
 * racing. Windows are drawn both shorter and longer than the forward steps' retries (about 60 ms
 * at the tests' time scale), so some work rides the burst out and some fails and is rolled back;
 * compensation retries for longer than any window. Afterwards the invariant must hold: every grant ACTIVE, FAILED with nothing left, or DELETED; no orphan
 * role, policy or association; the registry equal to AWS.
 */
export interface Schedule {
  seed: number;
  faults: FaultOptions;
  /** How long the faults last, from the start of the work (ms). */
  windowMs: number;
  /** A permanent error (AccessDenied) on the first call of one operation: certain rollback, whatever the timing. */
  permanentFailure?: string;
  propagationDelayMs: number;
}

export interface ScheduleResult {
  schedule: Schedule;
  namespace: string;
  statuses: Record<string, string>;
  problems: string[];
  injected: { throttled: number; serverErrors: number };
}

export function scheduleFor(seed: number): Schedule {
  const random = seededRandom(seed);
  const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return {
    seed,
    faults: {
      ...(random() < 0.7 ? { throttleRatePerSecond: pick(100, 600), throttleBurst: pick(3, 20) } : {}),
      serverErrorRate: random() < 0.7 ? pick(0, 15) / 100 : 0,
    },
    windowMs: pick(10, 150),
    ...(random() < 0.3
      ? {
          permanentFailure: ["iam:CreateRole", "iam:PutRolePolicy", "eks:CreatePodIdentityAssociation"][
            pick(0, 2)
          ],
        }
      : {}),
    propagationDelayMs: random() < 0.5 ? pick(1, 30) : 0,
  };
}

/**
 * Schedules act as the `platform` tenant of test/fixtures/tenancy.json (every cluster, namespace and
 * resource): start the sandbox with that tenancy file.
 */
export const SCHEDULE_TENANCY = "test/fixtures/tenancy.json";

async function run(
  sandbox: Sandbox,
  machine: "provision" | "deprovision",
  input: Record<string, unknown>,
): Promise<string> {
  const caller = { principalArn: `arn:aws:iam::${sandbox.accountId}:role/platform` };
  const { executionArn } = sandbox.sfn.startExecution({
    stateMachineArn: sandbox.stateMachines[machine],
    input: JSON.stringify({ ...input, caller }),
  });
  return (await sandbox.sfn.waitForExecution(executionArn)).status;
}

export async function runSchedule(sandbox: Sandbox, seed: number): Promise<ScheduleResult> {
  const schedule = scheduleFor(seed);
  const namespace = `fault-${seed}`;
  const cluster = sandbox.clusters[0] ?? "demo";
  const request = (serviceAccount: string, permissions: unknown[]) => ({
    cluster,
    namespace,
    serviceAccount,
    permissions,
  });
  const before = { ...sandbox.faults.injected };
  sandbox.faults.configure(schedule.faults, seededRandom(seed));
  if (schedule.permanentFailure) {
    const [service, operation] = schedule.permanentFailure.split(":");
    sandbox.faults.failOperation(
      schedule.permanentFailure,
      {
        code: service === "eks" ? "AccessDeniedException" : "AccessDenied",
        message: `User is not authorized to perform: ${service}:${operation}`,
        status: 403,
      },
      { times: 1 },
    );
  }
  sandbox.iam.setPropagationDelay(schedule.propagationDelayMs);
  // The burst ends; a scripted permanent failure not yet reached stays armed until the work is done.
  const window = setTimeout(() => sandbox.faults.endRandomFaults(), schedule.windowMs);
  const statuses: Record<string, string> = {};
  try {
    const first = await Promise.all(
      ["a", "b", "c"].map((sa) =>
        run(sandbox, "provision", {
          request: request(sa, [{ template: "s3-read", bucket: `bucket-${sa}` }]),
        }),
      ),
    );
    first.forEach((status, i) => {
      statuses[`provision ${["a", "b", "c"][i]}`] = status;
    });
    const [update, removal] = await Promise.all([
      run(sandbox, "provision", {
        request: request("a", [
          { template: "s3-readwrite", bucket: "bucket-a", prefix: "out/" },
          { template: "sqs-send", queue: "jobs" },
        ]),
      }),
      run(sandbox, "deprovision", { cluster, namespace, serviceAccount: "b" }),
    ]);
    statuses["update a"] = update;
    statuses["deprovision b"] = removal;
  } finally {
    clearTimeout(window);
    sandbox.faults.configure({});
    sandbox.iam.setPropagationDelay(0);
  }
  await sandbox.idle();
  const problems = inconsistencies(await inventory(sandbox, { clusters: [cluster], namespace }));
  return {
    schedule,
    namespace,
    statuses,
    problems,
    injected: {
      throttled: sandbox.faults.injected.throttled - before.throttled,
      serverErrors: sandbox.faults.injected.serverErrors - before.serverErrors,
    },
  };
}
