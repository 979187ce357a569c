import { describe, expect, it } from "vitest";
import { readConfig } from "#src/config.ts";
import { ConfigurationError } from "#src/errors.ts";

const valid = {
  ACCOUNT_ID: "111122223333",
  PARTITION: "aws",
  AWS_REGION: "eu-west-1",
  STACK_PREFIX: "pod-identity-provisioner-dev",
  REGISTRY_TABLE: "pod-identity-provisioner-dev-registry",
};

describe("readConfig", () => {
  it("reads a complete environment into a frozen, typed configuration", () => {
    // Act
    const config = readConfig({ ...valid, TRUST_SOURCE_CONDITIONS: "true" });

    // Assess
    expect(config).toEqual({
      accountId: "111122223333",
      partition: "aws",
      region: "eu-west-1",
      stackPrefix: valid.STACK_PREFIX,
      registryTable: valid.REGISTRY_TABLE,
      trustSourceConditions: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("leaves the undocumented trust conditions off unless asked for", () => {
    expect(readConfig(valid).trustSourceConditions).toBe(false);
  });

  it.each(Object.keys(valid))("fails naming %s when it is missing", (name) => {
    // Prepare
    const env: Record<string, string | undefined> = { ...valid, [name]: undefined };

    // Act
    const act = () => readConfig(env);

    // Assess
    expect(act).toThrowError(ConfigurationError);
    expect(act).toThrowError(`Environment variable ${name} is not set`);
  });

  it.each([
    ["ACCOUNT_ID", "12345"],
    ["PARTITION", "azure"],
    ["AWS_REGION", "europe"],
    ["STACK_PREFIX", "pod identity/dev"],
    ["REGISTRY_TABLE", "a"],
    ["TRUST_SOURCE_CONDITIONS", "yes"],
  ])("fails naming %s and the value when it is malformed", (name, value) => {
    // Act
    const act = () => readConfig({ ...valid, [name]: value });

    // Assess
    expect(act).toThrowError(new RegExp(`${name} must be .*'${value}'`));
  });
});
