import type { TemplateName } from "../grant/request.ts";
import type { ConditionBlock } from "./types.ts";

/**
 * The permission catalog: a small, reviewed vocabulary, as data. One renderer (`render.ts`) turns
 * an entry plus the grant's parameters into statements. Rules every entry follows:
 * - actions are listed one by one, never with a wildcard;
 * - every resource names the grant's partition, account and region (S3 ARNs carry neither, so S3
 *   statements add `s3:ResourceAccount`), and the one named resource;
 * - `${name}` placeholders are the permission's parameters and the grant's `partition`, `account`,
 *   `region`; a statement or condition marked `when` is rendered only if that parameter is given,
 *   `unless` only if it is not.
 */
export interface StatementTemplate {
  sid: string;
  actions: string[];
  resources: string[];
  conditions?: Array<{ when?: string; unless?: string; condition: ConditionBlock }>;
  when?: string;
  unless?: string;
}

export interface TemplateDefinition {
  description: string;
  parameters: Record<string, { description: string; required: boolean }>;
  statements: StatementTemplate[];
}

const S3_ACCOUNT: ConditionBlock = { StringEquals: { "s3:ResourceAccount": "${account}" } };
const BUCKET = "arn:${partition}:s3:::${bucket}";
const OBJECTS = "arn:${partition}:s3:::${bucket}/${prefix}*";
const S3_PARAMETERS = {
  bucket: { description: "Bucket name, in the grant's account", required: true },
  prefix: { description: "Key prefix the grant is limited to, e.g. '2026/'", required: false },
};
const S3_LIST: StatementTemplate = {
  sid: "ListBucket",
  actions: ["s3:ListBucket"],
  resources: [BUCKET],
  conditions: [
    { condition: S3_ACCOUNT },
    { when: "prefix", condition: { StringLike: { "s3:prefix": ["${prefix}*"] } } },
  ],
};
const S3_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging"];
const S3_WRITE_ACTIONS = [
  "s3:PutObject",
  "s3:PutObjectTagging",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
];

const TABLE = "arn:${partition}:dynamodb:${region}:${account}:table/${table}";
const TABLE_INDEXES = "arn:${partition}:dynamodb:${region}:${account}:table/${table}/index/*";
const DYNAMODB_READ_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DescribeTable",
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
];
const TABLE_PARAMETERS = { table: { description: "Table name (its indexes are included)", required: true } };
const QUEUE = "arn:${partition}:sqs:${region}:${account}:${queue}";
const QUEUE_PARAMETERS = { queue: { description: "Queue name", required: true } };

export const CATALOG: Record<TemplateName, TemplateDefinition> = {
  "s3-read": {
    description: "Read objects (under an optional prefix) of one bucket and list them",
    parameters: S3_PARAMETERS,
    statements: [
      S3_LIST,
      {
        sid: "ReadObjects",
        actions: S3_READ_ACTIONS,
        resources: [OBJECTS],
        conditions: [{ condition: S3_ACCOUNT }],
      },
    ],
  },
  "s3-write": {
    description: "Write objects (under an optional prefix) of one bucket; no read, no delete",
    parameters: S3_PARAMETERS,
    statements: [
      {
        sid: "WriteObjects",
        actions: S3_WRITE_ACTIONS,
        resources: [OBJECTS],
        conditions: [{ condition: S3_ACCOUNT }],
      },
    ],
  },
  "s3-readwrite": {
    description: "Read, write and delete objects (under an optional prefix) of one bucket and list them",
    parameters: S3_PARAMETERS,
    statements: [
      S3_LIST,
      {
        sid: "ReadWriteObjects",
        actions: [...S3_READ_ACTIONS, ...S3_WRITE_ACTIONS, "s3:DeleteObject"],
        resources: [OBJECTS],
        conditions: [{ condition: S3_ACCOUNT }],
      },
    ],
  },
  "dynamodb-read": {
    description: "Read items of one table and its indexes",
    parameters: TABLE_PARAMETERS,
    statements: [{ sid: "ReadTable", actions: DYNAMODB_READ_ACTIONS, resources: [TABLE, TABLE_INDEXES] }],
  },
  "dynamodb-crud": {
    description: "Create, read, update and delete items of one table (and read its indexes)",
    parameters: TABLE_PARAMETERS,
    statements: [
      { sid: "ReadTable", actions: DYNAMODB_READ_ACTIONS, resources: [TABLE, TABLE_INDEXES] },
      {
        sid: "WriteTable",
        actions: [
          "dynamodb:BatchWriteItem",
          "dynamodb:DeleteItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
        ],
        resources: [TABLE],
      },
    ],
  },
  "sqs-consume": {
    description: "Receive, delete and extend the visibility of messages of one queue",
    parameters: QUEUE_PARAMETERS,
    statements: [
      {
        sid: "ConsumeQueue",
        actions: [
          "sqs:ChangeMessageVisibility",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl",
          "sqs:ReceiveMessage",
        ],
        resources: [QUEUE],
      },
    ],
  },
  "sqs-send": {
    description: "Send messages to one queue",
    parameters: QUEUE_PARAMETERS,
    statements: [
      {
        sid: "SendQueue",
        actions: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"],
        resources: [QUEUE],
      },
    ],
  },
  "sns-publish": {
    description: "Publish to one topic",
    parameters: { topic: { description: "Topic name", required: true } },
    statements: [
      {
        sid: "PublishTopic",
        actions: ["sns:Publish"],
        resources: ["arn:${partition}:sns:${region}:${account}:${topic}"],
      },
    ],
  },
  "secretsmanager-read": {
    description: "Read the value of one secret",
    parameters: {
      secret: { description: "Secret name (without the 6-character ARN suffix)", required: true },
    },
    statements: [
      {
        sid: "ReadSecret",
        actions: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
        // Secrets Manager appends '-' and 6 random characters to a secret's ARN; '??????' matches exactly those.
        resources: ["arn:${partition}:secretsmanager:${region}:${account}:secret:${secret}-??????"],
      },
    ],
  },
  "ssm-parameters-read": {
    description: "Read the parameters at and under one path",
    parameters: { path: { description: "Parameter path, e.g. /payments/prod", required: true } },
    statements: [
      {
        sid: "ReadParameters",
        actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
        // `${path}` starts with '/', which the parameter ARN already has after 'parameter'.
        resources: [
          "arn:${partition}:ssm:${region}:${account}:parameter${path}",
          "arn:${partition}:ssm:${region}:${account}:parameter${path}/*",
        ],
      },
    ],
  },
  "kms-decrypt": {
    description: "Decrypt with one key, only through the named service (kms:ViaService)",
    parameters: {
      keyId: { description: "Key id (UUID or mrk- multi-Region key id)", required: true },
      viaService: {
        description: "The service that decrypts for the caller: s3, secretsmanager, ssm, sqs, sns, dynamodb",
        required: true,
      },
    },
    statements: [
      {
        sid: "DecryptVia",
        actions: ["kms:Decrypt"],
        resources: ["arn:${partition}:kms:${region}:${account}:key/${keyId}"],
        conditions: [
          { condition: { StringEquals: { "kms:ViaService": "${viaService}.${region}.amazonaws.com" } } },
        ],
      },
    ],
  },
};
