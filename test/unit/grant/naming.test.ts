import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GrantKey, grantId, parseGrantId, roleName } from "#grant/naming.ts";

/** IAM's role name character set and length (IAM API Reference, CreateRole RoleName). */
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const KEY: GrantKey = { cluster: "demo", namespace: "payments", serviceAccount: "api" };

const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
const grantKey = fc.record({
  cluster: fc.stringMatching(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/),
  namespace: label,
  serviceAccount: fc.array(label, { minLength: 1, maxLength: 4 }).map(
    (labels) =>
      labels
        .join(".")
        .slice(0, 253)
        .replace(/[.-]+$/, "") || "a",
  ),
});

describe("roleName", () => {
  it("is pip-, the readable key and a hash", () => {
    // Act
    const name = roleName(KEY);

    // Assess
    expect(name).toMatch(/^pip-demo-payments-api-[0-9a-f]{12}$/);
  });

  it("is the same for the same key", () => {
    // Act
    const first = roleName({ ...KEY });
    const second = roleName({ ...KEY });

    // Assess
    expect(second).toBe(first);
  });

  it("fits IAM for the longest names EKS and Kubernetes allow", () => {
    // Prepare
    const key = { cluster: "C".repeat(100), namespace: "n".repeat(63), serviceAccount: "s".repeat(253) };

    // Act
    const name = roleName(key);

    // Assess
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(IAM_ROLE_NAME);
    expect(name.startsWith("pip-")).toBe(true);
  });

  it("leaves no dash dangling before the hash when the cut falls on a separator", () => {
    // Prepare: 46 characters of cluster, then the '-' before the namespace at the cut (47 characters of room).
    const key = { cluster: "c".repeat(46), namespace: "payments", serviceAccount: "api" };

    // Act
    const name = roleName(key);

    // Assess
    expect(name).toMatch(new RegExp(`^pip-${"c".repeat(46)}-[0-9a-f]{12}$`));
  });

  it("tells apart keys whose readable parts are the same", () => {
    // Prepare
    const pairs: Array<[GrantKey, GrantKey]> = [
      [
        { cluster: "a-b", namespace: "c", serviceAccount: "d" },
        { cluster: "a", namespace: "b-c", serviceAccount: "d" },
      ],
      [
        { cluster: "Prod", namespace: "payments", serviceAccount: "api" },
        { cluster: "prod", namespace: "payments", serviceAccount: "api" },
      ],
      [
        { cluster: "prod_eu", namespace: "payments", serviceAccount: "api" },
        { cluster: "prod-eu", namespace: "payments", serviceAccount: "api" },
      ],
      [
        { cluster: "demo", namespace: "payments", serviceAccount: "api.v1" },
        { cluster: "demo", namespace: "payments", serviceAccount: "api-v1" },
      ],
      [
        { cluster: "c".repeat(49), namespace: "payments", serviceAccount: "api" },
        { cluster: "c".repeat(49), namespace: "billing", serviceAccount: "worker" },
      ],
      [
        { cluster: "demo", namespace: "n".repeat(63), serviceAccount: "reader" },
        { cluster: "demo", namespace: "n".repeat(63), serviceAccount: "writer" },
      ],
    ];

    for (const [a, b] of pairs) {
      // Act
      const nameA = roleName(a);
      const nameB = roleName(b);

      // Assess
      expect(nameA.slice(0, -13), "the readable parts are the same").toBe(nameB.slice(0, -13));
      expect(nameA, `${grantId(a)} vs ${grantId(b)}`).not.toBe(nameB);
    }
  });

  it("for every valid key: at most 64 characters of IAM's set, starting pip-, and deterministic", () => {
    fc.assert(
      fc.property(grantKey, (key) => {
        // Act
        const name = roleName(key);

        // Assess
        expect(name.length).toBeLessThanOrEqual(64);
        expect(name).toMatch(IAM_ROLE_NAME);
        expect(name).toMatch(/^pip-[a-z0-9]/);
        expect(name).not.toMatch(/--[0-9a-f]{12}$/);
        expect(roleName({ ...key })).toBe(name);
      }),
      { numRuns: 500 },
    );
  });

  it("gives distinct keys distinct names", () => {
    fc.assert(
      fc.property(fc.uniqueArray(grantKey, { minLength: 2, maxLength: 50, selector: grantId }), (keys) => {
        // Act
        const names = keys.map(roleName);

        // Assess: IAM role names are case-insensitive, so compare them lower-cased.
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(keys.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("grantId and parseGrantId", () => {
  it("joins the key with '/'", () => {
    // Act
    const id = grantId(KEY);

    // Assess
    expect(id).toBe("demo/payments/api");
  });

  it("round-trip for every valid key", () => {
    fc.assert(
      fc.property(grantKey, (key) => {
        // Act
        const parsed = parseGrantId(grantId(key));

        // Assess
        expect(parsed).toEqual(key);
      }),
    );
  });

  it.each([
    ["too few parts", "demo/payments"],
    ["too many parts", "demo/payments/api/extra"],
    ["an empty part", "demo//api"],
    ["an empty string", ""],
  ])("parseGrantId rejects %s", (_name, id) => {
    // Act
    const parsed = parseGrantId(id);

    // Assess
    expect(parsed).toBeUndefined();
  });
});
