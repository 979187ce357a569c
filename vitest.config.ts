import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (pure modules, handlers against aws-sdk-client-mock, policy evaluation)
 * needs nothing packaged and runs alone with `npm run test:unit`; `integration` (package, workflow,
 * sandbox, end to end) reads the CloudFormation that the global setup packages once per run.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Metrics are EMF log lines in Lambda; in tests they would only print.
    env: { POWERTOOLS_METRICS_DISABLED: "true" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/policy/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: ["test/unit/**", "test/policy/**"],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
    ],
  },
});
