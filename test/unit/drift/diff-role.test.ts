import { describe, expect, it } from "vitest";
import { diffRole } from "#drift/diff-role.ts";
import { MANAGED } from "#src/constants.ts";
import { desired, observedInSync } from "./support.ts";

describe("diffRole", () => {
  it("finds nothing to write on the grant's role as it was created", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff).toEqual({
      owned: true,
      trustPolicy: false,
      boundary: false,
      description: false,
      tagsToSet: {},
      tagsToRemove: [],
    });
  });

  it("sees a trust policy that differs only in Sid, single values and list order as the same", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    const [statement] = state.role.trustPolicy.Statement;
    role.trustPolicy = {
      Version: "2012-10-17",
      Statement: [
        {
          ...statement,
          Sid: "Renamed",
          Effect: "Allow",
          Principal: { Service: ["pods.eks.amazonaws.com"] },
          Action: [...((statement?.Action as string[]) ?? [])].reverse(),
        },
      ],
    };

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff.trustPolicy).toBe(false);
  });

  it("sees a trust policy no longer pinned to the service account as changed", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    for (const statement of role.trustPolicy.Statement) delete statement.Condition;

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff.trustPolicy).toBe(true);
  });

  it("sees a permissions boundary swapped for another policy", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    role.boundaryArn = "arn:aws:iam::aws:policy/AdministratorAccess";

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff.boundary).toBe(true);
  });

  it("sees a description removed", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    delete role.description;

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff.description).toBe(true);
  });

  it("sets the grant's tags that were changed or removed, in the grant's order", () => {
    // Prepare
    const state = desired({ tags: { "cost-center": "cc-42", team: "payments" } });
    const { role } = observedInSync(state);
    role.tags["cost-center"] = "cc-0";
    delete role.tags.team;

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(Object.entries(diff.tagsToSet)).toEqual([
      ["cost-center", "cc-42"],
      ["team", "payments"],
    ]);
    expect(diff.tagsToRemove).toEqual([]);
  });

  it("removes a tag the grant does not define, even one named like an object property", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    role.tags = { ...role.tags, "added-by-hand": "yes", constructor: "x" };

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff.tagsToRemove).toEqual(["added-by-hand", "constructor"]);
  });

  it("never removes AWS's own tags, whatever their case", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    role.tags["aws:cloudformation:stack-name"] = "other";
    role.tags["AWS:Created"] = "console";

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff.tagsToRemove).toEqual([]);
  });

  it("never removes an ownership tag, even when the desired state does not define it", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    delete state.role.tags[MANAGED.ownerTagKey];
    delete state.role.tags["kubernetes-service-account"];

    // Act
    const diff = diffRole(state, role);

    // Assess
    expect(diff.owned).toBe(true);
    expect(diff.tagsToRemove).toEqual([]);
  });

  it.each<[string, { path?: string; tags?: Record<string, string> }]>([
    ["at another path", { path: "/" }],
    ["tagged for another stage", { tags: { [MANAGED.ownerTagKey]: "pod-identity-provisioner-prod" } }],
    ["tagged for another service account", { tags: { "kubernetes-service-account": "worker" } }],
    ["without the managed-by tag", { tags: { [MANAGED.tagKey]: "someone-else" } }],
  ])("does not own a role of the grant's name %s", (_case, change) => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    const foreign = { ...role, ...change, tags: { ...role.tags, ...change.tags } };

    // Act
    const diff = diffRole(state, foreign);

    // Assess
    expect(diff.owned).toBe(false);
  });
});
