import { deprovisionAll } from "./cleanup.ts";
import type { FaultCounts, FaultOptions } from "./emulator/faults.ts";
import { FaultInjector } from "./emulator/faults.ts";
import { seededRandom } from "./emulator/random.ts";
import { inconsistencies, inventory } from "./inventory.ts";
import { runAsPlatform } from "./platform-caller.ts";
import type { Sandbox } from "./sandbox.ts";

/**
 * One seeded fault schedule: throttling, server errors, lost responses and a slow-to-propagate new
 * role, all decided by the seed call by call (`sandbox/emulator/faults.ts`), never by the wall clock
 * — so a seed replays the same faults, and the same outcomes, on any machine however busy. The work:
 * three first provisionings at once, then an update of one racing the deprovisioning of another.
 * Afterwards the invariant must hold: every grant ACTIVE, FAILED with nothing left, or DELETED; no
 * orphan role, policy or association; the registry equal to AWS. Then the schedule removes what it
 * made, so the next one starts from a clean account.
 *
 * Each kind of fault a schedule configures fires at least once (a scripted first occurrence on one
 * grant's call that is always made), and a schedule checks that it did: one that did not exercise
 * its faults does not pass.
 */
export interface Schedule {
  seed: number;
  faults: FaultOptions;
  /** A permanent error (AccessDenied) on one grant's call of one operation: a certain rollback. */
  permanentFailure?: { operation: string; serviceAccount: string };
  /** How many times EKS answers "Role provided in the request does not exist" (the propagation race), for grant `b`. */
  propagationMisses: number;
}

export interface ScheduleResult {
  schedule: Schedule;
  namespace: string;
  statuses: Record<string, string>;
  /** Broken invariants, faults configured but not fired, and what the cleanup could not remove. */
  problems: string[];
  injected: FaultCounts;
}

const SERVICE_ACCOUNTS = ["a", "b", "c"] as const;

export function scheduleFor(seed: number): Schedule {
  const random = seededRandom(seed);
  const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const permanent = random() < 0.3;
  return {
    seed,
    faults: {
      seed,
      throttleRate: random() < 0.7 ? pick(5, 25) / 100 : 0,
      serverErrorRate: random() < 0.7 ? pick(2, 12) / 100 : 0,
      lostResponseRate: random() < 0.5 ? pick(2, 8) / 100 : 0,
      // Forward steps make up to 7 attempts, compensation up to 11: bursts of up to 8 faults let some
      // forward steps fail (and roll back) and every compensation finish.
      faultyAttempts: pick(2, 8),
    },
    ...(permanent
      ? {
          permanentFailure: {
            operation: ["iam:CreateRole", "iam:PutRolePolicy", "eks:CreatePodIdentityAssociation"][
              pick(0, 2)
            ] as string,
            serviceAccount: SERVICE_ACCOUNTS[pick(0, 2)] as string,
          },
        }
      : {}),
    propagationMisses: random() < 0.5 ? pick(1, 5) : 0,
  };
}

/** Calls of one grant: its role name (IAM) or service account path (EKS) appears in each. */
function callsOf(namespace: string, serviceAccount: string): string {
  return `${namespace}-${serviceAccount}-`;
}

/** Arms the scripted faults: the permanent failure, the propagation misses, one of each random kind. */
function arm(faults: FaultInjector, schedule: Schedule, namespace: string): void {
  const { permanentFailure } = schedule;
  if (permanentFailure) {
    const [service, operation] = permanentFailure.operation.split(":");
    faults.failOperation(
      permanentFailure.operation,
      {
        code: service === "eks" ? "AccessDeniedException" : "AccessDenied",
        message: `User is not authorized to perform: ${service}:${operation}`,
        status: 403,
      },
      {
        times: 1,
        // IAM calls name the grant's role, EKS's create names it in `roleArn`.
        matching: callsOf(namespace, permanentFailure.serviceAccount),
      },
    );
  }
  if (schedule.propagationMisses > 0) {
    faults.failOperation(
      "eks:CreatePodIdentityAssociation",
      { code: "InvalidParameterException", message: "Role provided in the request does not exist" },
      { times: schedule.propagationMisses, matching: callsOf(namespace, "b") },
    );
  }
  // Every first provisioning creates its role: the first CreateRole calls of a grant the permanent
  // failure spares take one fault of each configured kind.
  const spared = SERVICE_ACCOUNTS.find((sa) => sa !== permanentFailure?.serviceAccount) ?? "a";
  const { throttleRate = 0, serverErrorRate = 0, lostResponseRate = 0 } = schedule.faults;
  const first = (kind: "throttle" | "server", counts: keyof FaultCounts, afterServing = false) => {
    const error = FaultInjector.errorOf(kind, "iam");
    if (!error) return;
    faults.failOperation(
      "iam:CreateRole",
      { code: error.code, message: error.message, status: error.status },
      { times: 1, matching: callsOf(namespace, spared), counts, afterServing },
    );
  };
  if (throttleRate > 0) first("throttle", "throttled");
  if (serverErrorRate > 0) first("server", "serverErrors");
  if (lostResponseRate > 0) first("server", "lostResponses", true);
}

/** Named by the schedule: the execution's id (and so EKS's client request token) replays too. */
async function run(
  sandbox: Sandbox,
  machine: "provision" | "deprovision",
  name: string,
  input: Record<string, unknown>,
): Promise<string> {
  return (await runAsPlatform(sandbox, machine, input, name)).status;
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
  sandbox.faults.configure(schedule.faults);
  arm(sandbox.faults, schedule, namespace);
  const statuses: Record<string, string> = {};
  try {
    const first = await Promise.all(
      SERVICE_ACCOUNTS.map((sa) =>
        run(sandbox, "provision", `s${seed}-provision-${sa}`, {
          request: request(sa, [{ template: "s3-read", bucket: `bucket-${sa}` }]),
        }),
      ),
    );
    first.forEach((status, i) => {
      statuses[`provision ${SERVICE_ACCOUNTS[i]}`] = status;
    });
    const [update, removal] = await Promise.all([
      run(sandbox, "provision", `s${seed}-update-a`, {
        request: request("a", [
          { template: "s3-readwrite", bucket: "bucket-a", prefix: "out/" },
          { template: "sqs-send", queue: "jobs" },
        ]),
      }),
      run(sandbox, "deprovision", `s${seed}-deprovision-b`, { cluster, namespace, serviceAccount: "b" }),
    ]);
    statuses["update a"] = update;
    statuses["deprovision b"] = removal;
  } finally {
    sandbox.faults.configure({});
  }
  await sandbox.idle();
  const injected: FaultCounts = {
    throttled: sandbox.faults.injected.throttled - before.throttled,
    serverErrors: sandbox.faults.injected.serverErrors - before.serverErrors,
    lostResponses: sandbox.faults.injected.lostResponses - before.lostResponses,
  };
  const problems = inconsistencies(await inventory(sandbox, { clusters: [cluster], namespace }));
  const { throttleRate = 0, serverErrorRate = 0, lostResponseRate = 0 } = schedule.faults;
  if (throttleRate > 0 && injected.throttled === 0)
    problems.push("throttling was configured and never fired");
  if (serverErrorRate > 0 && injected.serverErrors === 0)
    problems.push("server errors were configured and never fired");
  if (lostResponseRate > 0 && injected.lostResponses === 0)
    problems.push("lost responses were configured and never fired");
  problems.push(...(await deprovisionAll(sandbox, { cluster, namespace, name: `s${seed}-cleanup` })));
  return { schedule, namespace, statuses, problems, injected };
}
