import middy from "@middy/core";
import { describe, expect, it } from "vitest";
import { RetryableError, ThrottledError } from "#src/errors.ts";
import { grantDeadline } from "#src/observability.ts";
import { lambdaContext } from "./provision/support.ts";

const STARTED = "2026-12-02T10:00:00.000Z";
const at = (seconds: number) => () => Date.parse(STARTED) + seconds * 1000;

function stepFailingWith(error: Error, now: () => number) {
  return middy(async (_event: { startedAt?: string }) => {
    throw error;
  }).use(grantDeadline(600, now));
}

describe("grantDeadline", () => {
  it("lets throttling be waited out before the deadline", async () => {
    // Act
    const outcome = stepFailingWith(new ThrottledError("Rate exceeded"), at(599))(
      { startedAt: STARTED },
      lambdaContext(),
    );

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
  });

  it("ends the wait past the deadline with a DeadlineExceededError that says how long the grant waited", async () => {
    // Act
    const outcome = stepFailingWith(new ThrottledError("Rate exceeded"), at(601))(
      { startedAt: STARTED },
      lambdaContext(),
    );

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "DeadlineExceededError",
      message: expect.stringMatching(/waited 601 s for AWS's rate, past its deadline of 600 s .*rolled back/),
    });
  });

  it("leaves other errors, and steps without a deadline (compensation), as they are", async () => {
    // Act
    const other = stepFailingWith(new RetryableError("5xx"), at(9999))(
      { startedAt: STARTED },
      lambdaContext(),
    );
    const compensation = stepFailingWith(new ThrottledError("Rate exceeded"), at(9999))({}, lambdaContext());

    // Assess
    await expect(other).rejects.toMatchObject({ name: "RetryableError" });
    await expect(compensation).rejects.toMatchObject({ name: "ThrottledError" });
  });
});
