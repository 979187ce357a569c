/**
 * The tenancy, at package time: what `serverless.yml` deploys from the deployment's tenancy file
 * (param `tenancyFile`, `tenancy.json` unless given). `scripts/serverless-tenancy.cjs` hands these
 * values to Serverless as variables; everything here is pure but `loadTenancyFile`, so the package
 * tests call it with tenancies of their own.
 *
 * - one permissions-boundary managed policy per tenant (`src/policy/boundary.ts`);
 * - the `Grant Requested` rule's `source` list: every tenant's ticket sources;
 * - the event bus's resource policy: only a ticket source's integration role may put events with
 *   that source, and no `Grant Requested` event may come from any other source;
 * - the path the tenancy file has in the record function's zip (and in `TENANCY_FILE`).
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { MANAGED } from "../src/constants.ts";
import { ConfigurationError } from "../src/errors.ts";
import { tenantBoundaryStatements } from "../src/policy/boundary.ts";
import { readTenancyFile } from "../src/tenancy/read.ts";
import type { Tenancy } from "../src/tenancy/tenancy.ts";

/** The `detail-type` of ticket-driven grant requests (DESIGN.md, "Entry points"). */
export const GRANT_REQUESTED = "Grant Requested";

/**
 * The rule's `source` when the tenancy names no ticket source. EventBridge rejects an empty list in a
 * pattern, and reserves sources starting with `aws.` for AWS services (`PutEvents` refuses them to
 * callers), so no caller can put an event that matches; the rule is also disabled, and the bus
 * policy denies every `Grant Requested` event.
 */
export const NO_TICKET_SOURCE = "aws.pod-identity-provisioner.no-ticket-source";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type CfnResource = { Type: string; Properties: Record<string, Json> };

/** The tenancy file, read and validated, and its path relative to the project (as the zip holds it). */
export interface TenancyFile {
  tenancy: Tenancy;
  /** Relative to the project root, with '/' separators: `TENANCY_FILE` and the zip entry. */
  packagedPath: string;
}

/**
 * Reads and validates the tenancy file. Every problem is a `ConfigurationError` with a message a
 * deployer can act on; `serverless package` (and `deploy`) stop with it.
 */
export function loadTenancyFile(projectRoot: string, file: string): TenancyFile {
  const path = resolve(projectRoot, file);
  const tenancy = readTenancyFile(path, `tenancyFile ${file}`);
  const inside = relative(projectRoot, path);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw new ConfigurationError(
      `tenancyFile ${file} must be inside the project (${projectRoot}): the record function's package holds it at the same relative path`,
    );
  }
  return { tenancy, packagedPath: inside.split(sep).join("/") };
}

/** `team-a` → `BoundaryPolicyTeamA`. */
export function boundaryLogicalId(tenant: string): string {
  return `BoundaryPolicy${tenant
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("")}`;
}

/** CloudFormation `Fn::Sub` around every string that holds a pseudo-parameter placeholder. */
function withSub(value: unknown): Json {
  if (typeof value === "string") return value.includes("${") ? { "Fn::Sub": value } : value;
  if (Array.isArray(value)) return value.map(withSub);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSub(v)]));
  }
  return value as Json;
}

/**
 * One `AWS::IAM::ManagedPolicy` per tenant, named `<stack prefix>-boundary-<tenant>` under
 * `/pod-identity/` (the ARN `boundaryPolicyArn` in `src/grant/naming.ts` derives). Throws when a
 * boundary is too large (naming the tenant) or two tenants' logical ids would collide.
 */
export function boundaryResources(tenancy: Tenancy, stackPrefix: string): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  const owners = new Map<string, string>();
  for (const tenant of tenancy.tenants) {
    const id = boundaryLogicalId(tenant.name);
    const other = owners.get(id);
    if (other !== undefined) {
      throw new ConfigurationError(
        `Tenants ${other} and ${tenant.name} would both be CloudFormation resource ${id}: rename one`,
      );
    }
    owners.set(id, tenant.name);
    resources[id] = {
      Type: "AWS::IAM::ManagedPolicy",
      Properties: {
        ManagedPolicyName: `${stackPrefix}-boundary-${tenant.name}`,
        Path: MANAGED.boundaryPolicyPath,
        Description: `Permissions boundary of every role pod-identity-provisioner creates for tenant ${tenant.name}`,
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: withSub(tenantBoundaryStatements(tenant, stackPrefix)),
        },
      },
    };
  }
  return resources;
}

/** Every tenant's ticket sources, with the integration role allowed to put each. */
export function ticketSources(tenancy: Tenancy): Array<{ source: string; integration: string }> {
  return tenancy.tenants.flatMap((tenant) => tenant.ticketSources ?? []).map((t) => ({ ...t }));
}

/** The `Grant Requested` rule's `source` pattern: the tenancy's ticket sources, or one nobody can put. */
export function grantRequestedSources(tenancy: Tenancy): string[] {
  const sources = ticketSources(tenancy).map((t) => t.source);
  return sources.length > 0 ? sources : [NO_TICKET_SOURCE];
}

export function grantRequestedRuleState(tenancy: Tenancy): "ENABLED" | "DISABLED" {
  return ticketSources(tenancy).length > 0 ? "ENABLED" : "DISABLED";
}

/**
 * The provisioner's bus policy: each ticket source's integration role may put that source's Grant
 * Requested events (also from another account), nobody else may put events with that source, and
 * no Grant Requested event may come from a source the tenancy does not name. The denies are
 * explicit, so they hold whatever identity policy a principal of the account has. `events:source`
 * and `events:detail-type` are EventBridge's condition keys for `PutEvents` (EventBridge User Guide,
 * "Using IAM policy conditions in Amazon EventBridge",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-conditions.html; the Service
 * Authorization Reference lists both for `events:PutEvents`). Both are multivalued (ArrayOfString:
 * one `PutEvents` call carries up to ten entries), hence the set operators: a batch is refused if any
 * entry is a Grant Requested and any source is not a ticket source, or if any entry has a ticket
 * source and the caller is not its integration; the integration is let in only when every entry is
 * its own source's Grant Requested.
 */
export function eventBusPolicy(tenancy: Tenancy, stackPrefix: string): Json {
  const bus = {
    "Fn::Sub": `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/${stackPrefix}`,
  };
  const sources = ticketSources(tenancy);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GrantRequestedOnlyFromTicketSources",
        Effect: "Deny",
        Principal: "*",
        Action: "events:PutEvents",
        Resource: bus,
        Condition: {
          "ForAnyValue:StringEquals": { "events:detail-type": GRANT_REQUESTED },
          ...(sources.length > 0
            ? { "ForAnyValue:StringNotEquals": { "events:source": sources.map((t) => t.source) } }
            : {}),
        },
      },
      // An integration in another account needs the bus to let it in; `Principal: "*"` with
      // aws:PrincipalArn, because a principal ARN in a policy must exist when the policy is written.
      ...sources.map(({ source, integration }, index) => ({
        Sid: `TicketSource${index}FromItsIntegration`,
        Effect: "Allow",
        Principal: "*",
        Action: "events:PutEvents",
        Resource: bus,
        Condition: {
          "ForAllValues:StringEquals": { "events:source": source, "events:detail-type": GRANT_REQUESTED },
          // ForAllValues holds for a missing key: require both.
          Null: { "events:source": "false", "events:detail-type": "false" },
          ArnEquals: { "aws:PrincipalArn": integration },
        },
      })),
      ...sources.map(({ source, integration }, index) => ({
        Sid: `TicketSource${index}OnlyFromItsIntegration`,
        Effect: "Deny",
        Principal: "*",
        Action: "events:PutEvents",
        Resource: bus,
        Condition: {
          "ForAnyValue:StringEquals": { "events:source": source },
          ArnNotEquals: { "aws:PrincipalArn": integration },
        },
      })),
    ],
  };
}

/** Everything `serverless.yml` takes from the tenancy file, for one stage. */
export interface PackagedTenancy {
  /** `TENANCY_FILE` and the record function's package pattern. */
  file: string;
  /** Merged into `resources` (CloudFormation `Resources`). */
  resources: { Resources: Record<string, CfnResource> };
  grantRequestedSources: string[];
  grantRequestedRuleState: "ENABLED" | "DISABLED";
  eventBusPolicy: Json;
}

export function packageTenancy(options: {
  projectRoot: string;
  tenancyFile: string;
  stackPrefix: string;
}): PackagedTenancy {
  const { tenancy, packagedPath } = loadTenancyFile(options.projectRoot, options.tenancyFile);
  return {
    file: packagedPath,
    resources: { Resources: boundaryResources(tenancy, options.stackPrefix) },
    grantRequestedSources: grantRequestedSources(tenancy),
    grantRequestedRuleState: grantRequestedRuleState(tenancy),
    eventBusPolicy: eventBusPolicy(tenancy, options.stackPrefix),
  };
}
