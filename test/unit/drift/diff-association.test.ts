import { describe, expect, it } from "vitest";
import { diffAssociation } from "#drift/diff-association.ts";
import { MANAGED } from "#src/constants.ts";
import { CHAINED, desired, observedInSync } from "./support.ts";

describe("diffAssociation", () => {
  it("finds nothing to write on the grant's association as it was created", () => {
    // Prepare
    const state = desired(CHAINED);
    const { association } = observedInSync(state);

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff).toEqual({ owned: true, roleChanged: false, settings: [], tagsToSet: {} });
  });

  it("sees a target role added by hand to a grant without one", () => {
    // Prepare
    const state = desired();
    const { association } = observedInSync(state);
    association.targetRoleArn = "arn:aws:iam::999988887777:role/elsewhere";

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff.settings).toEqual(["target role"]);
  });

  it("sees the grant's target role removed", () => {
    // Prepare
    const state = desired(CHAINED);
    const { association } = observedInSync(state);
    delete association.targetRoleArn;

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff.settings).toEqual(["target role"]);
  });

  it("sees session tags disabled by hand", () => {
    // Prepare
    const state = desired();
    const { association } = observedInSync(state);
    association.disableSessionTags = true;

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff.settings).toEqual(["session tags"]);
  });

  it("sees a session policy that differs only in form (Sid, single values, key order) as the same", () => {
    // Prepare
    const state = desired(CHAINED);
    const { association } = observedInSync(state);
    association.sessionPolicy = JSON.stringify({
      Statement: [
        { Sid: "Read", Resource: ["arn:aws:s3:::invoices/*"], Action: ["s3:GetObject"], Effect: "Allow" },
      ],
      Version: "2012-10-17",
    });

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff.settings).toEqual([]);
  });

  it("sees a session policy removed, and one added to a grant without one", () => {
    // Prepare
    const chained = desired(CHAINED);
    const plain = desired();
    const removed = { ...observedInSync(chained).association, sessionPolicy: undefined };
    const added = { ...observedInSync(plain).association, sessionPolicy: chained.association.sessionPolicy };

    // Act
    const diffs = [diffAssociation(chained, removed), diffAssociation(plain, added)];

    // Assess
    expect(diffs.map((diff) => diff.settings)).toEqual([["session policy"], ["session policy"]]);
  });

  it("names every setting that differs in one fixed order", () => {
    // Prepare
    const state = desired(CHAINED);
    const { association } = observedInSync(state);
    association.sessionPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    association.disableSessionTags = false;
    association.targetRoleArn = "arn:aws:iam::999988887777:role/elsewhere";

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff.settings).toEqual(["target role", "session tags", "session policy"]);
  });

  it("sets the grant's tags the association lost, and leaves tags the grant does not define", () => {
    // Prepare
    const state = desired();
    const { association } = observedInSync(state);
    delete association.tags.ticket;
    association.tags["added-by-hand"] = "yes";

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff.tagsToSet).toEqual({ ticket: "OPS-1234" });
    expect(diff.owned).toBe(true);
  });

  it("does not own an association that points at another role", () => {
    // Prepare
    const state = desired();
    const { association } = observedInSync(state);
    association.roleArn = "arn:aws:iam::111122223333:role/hand-made";

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff).toMatchObject({ owned: false, roleChanged: true });
  });

  it("does not own an association of the grant's role that lost this stage's owner tag", () => {
    // Prepare
    const state = desired();
    const { association } = observedInSync(state);
    delete association.tags[MANAGED.ownerTagKey];

    // Act
    const diff = diffAssociation(state, association);

    // Assess
    expect(diff).toMatchObject({ owned: false, roleChanged: false });
    expect(diff.tagsToSet).toEqual({ [MANAGED.ownerTagKey]: state.identity.owner });
  });
});
