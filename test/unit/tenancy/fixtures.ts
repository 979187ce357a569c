import type { Tenancy } from "#src/tenancy/tenancy.ts";

/** A small tenancy for the pure tests: two teams with disjoint namespaces and resources. */
export const TENANCY: Tenancy = {
  tenants: [
    {
      name: "team-a",
      principals: [
        "arn:aws:iam::111122223333:role/team-a",
        "arn:aws:sts::111122223333:assumed-role/team-a/*",
      ],
      ticketSources: [
        { source: "tickets.team-a", integration: "arn:aws:iam::111122223333:role/ticket-bridge" },
      ],
      clusters: ["demo", "other"],
      namespaces: ["team-a", "team-a-*"],
      templates: {
        "s3-read": { bucket: ["team-a-*"] },
        "dynamodb-crud": { table: ["team-a-*"] },
        "sqs-consume": { queue: ["team-a-*"] },
      },
      targetRoles: ["arn:aws:iam::444455556666:role/team-a-*"],
      maxGrants: 3,
      maxPermissionsPerGrant: 2,
    },
    {
      name: "team-b",
      principals: ["arn:aws:iam::111122223333:role/team-b"],
      clusters: ["demo"],
      namespaces: ["team-b"],
      templates: { "s3-read": { bucket: ["team-b-*"] } },
    },
  ],
};
