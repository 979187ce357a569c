/**
 * A burst under the account's IAM rate: 40 grants asked at once against a token bucket that lets
 * through 20 calls a second (bursts of 2) — far fewer than the burst wants. Every grant must end
 * ACTIVE, each with exactly one role and one association: throttled calls wait their turn
 * (ThrottledError, retried without a small cap) instead of failing. No timing is asserted; a slower
 * machine throttles less and reaches the same end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { inconsistencies, inventory, provision, startTestSandbox } from "../support/sandbox.ts";

const GRANTS = 40;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ faults: { throttleRatePerSecond: 20, throttleBurst: 2 } });
});
afterAll(async () => {
  await sandbox.close();
});

describe("a burst of grants under the account's IAM rate", () => {
  it(`ends with all ${GRANTS} grants ACTIVE, none lost or duplicated, the throttling waited out`, async () => {
    // Act
    const executions = await Promise.all(
      Array.from({ length: GRANTS }, (_, i) =>
        provision(sandbox, {
          cluster: "demo",
          namespace: "burst",
          serviceAccount: `sa-${i}`,
          permissions: [{ template: "s3-read", bucket: `bucket-${i}` }],
        }),
      ),
    );

    // Assess
    expect(executions.map((e) => `${e.status} ${e.error ?? ""}`.trim())).toEqual(
      Array(GRANTS).fill("SUCCEEDED"),
    );
    expect(sandbox.faults.injected.throttled).toBeGreaterThan(0);
    sandbox.faults.configure({});
    const state = await inventory(sandbox, { clusters: ["demo"], namespace: "burst" });
    expect(state.records.filter((r) => r.status === "ACTIVE")).toHaveLength(GRANTS);
    expect(state.roles).toHaveLength(GRANTS);
    expect(state.associations).toHaveLength(GRANTS);
    expect(inconsistencies(state)).toEqual([]);
  });
});
