import { CATALOG } from "./catalog.ts";
import type { Scope } from "./render.ts";

/**
 * The permissions boundary every created role carries: the closure of the catalog. It allows
 * exactly the actions some catalog template can grant, on resources of the grant's account and
 * region (S3: buckets of the account), so even a role whose inline policy was edited by hand —
 * or written by a compromised provisioner — can never do more than the catalog can express.
 *
 * Resources are returned with `${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}`
 * placeholders (CloudFormation `Fn::Sub` syntax), for `serverless.yml` and for tests that
 * substitute them.
 */
export interface BoundaryStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string>>;
}

const SERVICE_RESOURCES: Record<string, string[]> = {
  // S3 ARNs carry no account: the boundary pins the bucket owner instead.
  s3: ["arn:${AWS::Partition}:s3:::*"],
  dynamodb: ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"],
  sqs: ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*"],
  sns: ["arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*"],
  secretsmanager: ["arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:*"],
  ssm: ["arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/*"],
  kms: ["arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*"],
};

export function boundaryStatements(): BoundaryStatement[] {
  const actionsByService = new Map<string, Set<string>>();
  for (const template of Object.values(CATALOG)) {
    for (const statement of template.statements) {
      for (const action of statement.actions) {
        const service = action.split(":")[0] ?? "";
        if (!actionsByService.has(service)) actionsByService.set(service, new Set());
        actionsByService.get(service)?.add(action);
      }
    }
  }
  return [...actionsByService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, actions]) => {
      const resources = SERVICE_RESOURCES[service];
      if (!resources)
        throw new Error(`The catalog uses service '${service}', which the boundary does not scope`);
      return {
        Sid: `Catalog${service.charAt(0).toUpperCase()}${service.slice(1)}`,
        Effect: "Allow" as const,
        Action: [...actions].sort(),
        Resource: resources,
        ...(service === "s3"
          ? { Condition: { StringEquals: { "s3:ResourceAccount": "${AWS::AccountId}" } } }
          : {}),
      };
    });
}

/** The boundary as deployed in one partition, region and account (the sandbox creates it so). */
export function boundaryDocument(scope: Scope): { Version: "2012-10-17"; Statement: BoundaryStatement[] } {
  const text = JSON.stringify(boundaryStatements())
    .replaceAll("${AWS::Partition}", scope.partition)
    .replaceAll("${AWS::Region}", scope.region)
    .replaceAll("${AWS::AccountId}", scope.account);
  return { Version: "2012-10-17", Statement: JSON.parse(text) as BoundaryStatement[] };
}
