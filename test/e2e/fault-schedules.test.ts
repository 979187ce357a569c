import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSchedule } from "../../sandbox/fault-schedule.ts";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { startTestSandbox } from "../support/sandbox.ts";

/**
 * 200 seeded fault schedules here; `npm run soak -- --runs 5000` runs thousands. Faults are decided
 * by the seed call by call, so each seed replays the same run on any machine, however loaded.
 */
const SCHEDULES = 200;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe("seeded fault schedules", () => {
  it(`keeps every grant ACTIVE, FAILED-with-rollback or DELETED, with nothing orphaned, under ${SCHEDULES} schedules`, async () => {
    // Act
    const failures: string[] = [];
    let throttled = 0;
    let serverErrors = 0;
    let lostResponses = 0;
    const outcomes: Record<string, number> = {};
    for (let seed = 1; seed <= SCHEDULES; seed++) {
      const result = await runSchedule(sandbox, seed);
      throttled += result.injected.throttled;
      serverErrors += result.injected.serverErrors;
      lostResponses += result.injected.lostResponses;
      for (const status of Object.values(result.statuses)) outcomes[status] = (outcomes[status] ?? 0) + 1;
      if (result.problems.length > 0) {
        failures.push(`seed ${seed} ${JSON.stringify(result.schedule)}: ${result.problems.join("; ")}`);
      }
    }

    // Assess: the schedules really injected faults (each schedule also checks its own), some work
    // rode them out and some was rolled back, and no run broke the invariant
    expect(throttled).toBeGreaterThan(0);
    expect(serverErrors).toBeGreaterThan(0);
    expect(lostResponses).toBeGreaterThan(0);
    expect(outcomes.SUCCEEDED).toBeGreaterThan(0);
    expect(outcomes.FAILED).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 600_000);
});
