// Generated from schemas/grant-request.schema.json by scripts/generate.ts. Do not edit: edit the schema and run `npm run generate`.
export const grantRequestSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://pod-identity-provisioner/schemas/grant-request.schema.json",
  "title": "GrantRequest",
  "description": "A request that service account `serviceAccount` in namespace `namespace` on EKS cluster `cluster` may use the AWS resources named in `permissions`. The key (cluster, namespace, serviceAccount) identifies the grant: a request for an existing key updates it.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "cluster",
    "namespace",
    "serviceAccount",
    "permissions"
  ],
  "properties": {
    "cluster": {
      "description": "EKS cluster name, as EKS validates it: 1-100 characters, a letter or digit first, then letters, digits, '-' and '_'.",
      "type": "string",
      "pattern": "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$",
      "errorMessage": "must be an EKS cluster name: 1-100 characters, starting with a letter or digit, then letters, digits, '-' or '_'"
    },
    "namespace": {
      "description": "Kubernetes namespace: a DNS-1123 label (lower-case alphanumerics and '-', alphanumeric at both ends, at most 63 characters).",
      "type": "string",
      "pattern": "^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
      "errorMessage": "must be a Kubernetes namespace name (DNS-1123 label): lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"
    },
    "serviceAccount": {
      "description": "Kubernetes service account name: a DNS-1123 subdomain (dot-separated DNS-1123 labels, at most 253 characters).",
      "type": "string",
      "pattern": "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
      "errorMessage": "must be a Kubernetes service account name (DNS-1123 subdomain): lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"
    },
    "permissions": {
      "description": "What the service account may do, as entries of the permission catalog (GET /catalog).",
      "type": "array",
      "minItems": 1,
      "maxItems": 50,
      "items": {
        "$ref": "#/definitions/permission"
      }
    },
    "ticket": {
      "description": "Change ticket this grant was requested under (also the idempotency key of ticket-driven requests).",
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}$",
      "errorMessage": "must be 1-128 characters: letters, digits and . _ : / + = @ -, starting with a letter or digit"
    },
    "requestedBy": {
      "description": "Who asked (a team or a person), for the record.",
      "type": "string",
      "minLength": 1,
      "maxLength": 128,
      "pattern": "^[\\p{L}\\p{N} _.:/=+@-]+$",
      "errorMessage": "must be 1-128 characters: letters, digits, spaces and _ . : / = + @ -"
    },
    "targetRoleArn": {
      "description": "Role chaining: EKS assumes this role (for example in another account) with the grant's role. Its own trust policy is the owner's business.",
      "type": "string",
      "pattern": "^arn:aws[a-z-]*:iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$",
      "errorMessage": "must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)"
    },
    "disableSessionTags": {
      "description": "Tell EKS not to add session tags. The trust policy can then not be pinned to this cluster/namespace/service account: the record says so.",
      "type": "boolean"
    },
    "sessionPolicy": {
      "description": "An IAM policy that further restricts the session (EKS's association `policy`). AWS accepts it only with disableSessionTags = true.",
      "type": "object",
      "required": [
        "Version",
        "Statement"
      ],
      "properties": {
        "Version": {
          "const": "2012-10-17"
        },
        "Statement": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "object"
          }
        }
      }
    },
    "tags": {
      "description": "Extra tags for the role and the association (keys 1-128, values 0-256 characters, IAM's character set; keys starting with 'aws:' or used by the provisioner are reserved).",
      "type": "object",
      "maxProperties": 40,
      "propertyNames": {
        "pattern": "^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$",
        "errorMessage": "tag keys must be 1-128 characters of letters, digits, spaces and _ . : / = + @ -"
      },
      "additionalProperties": {
        "type": "string",
        "pattern": "^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}$",
        "errorMessage": "tag values must be 0-256 characters of letters, digits, spaces and _ . : / = + @ -"
      }
    }
  },
  "definitions": {
    "permission": {
      "type": "object",
      "required": [
        "template"
      ],
      "properties": {
        "template": {
          "type": "string"
        }
      },
      "discriminator": {
        "propertyName": "template"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/s3Read"
        },
        {
          "$ref": "#/definitions/s3Write"
        },
        {
          "$ref": "#/definitions/s3ReadWrite"
        },
        {
          "$ref": "#/definitions/dynamodbRead"
        },
        {
          "$ref": "#/definitions/dynamodbCrud"
        },
        {
          "$ref": "#/definitions/sqsConsume"
        },
        {
          "$ref": "#/definitions/sqsSend"
        },
        {
          "$ref": "#/definitions/snsPublish"
        },
        {
          "$ref": "#/definitions/secretsmanagerRead"
        },
        {
          "$ref": "#/definitions/ssmParametersRead"
        },
        {
          "$ref": "#/definitions/kmsDecrypt"
        }
      ]
    },
    "bucket": {
      "description": "S3 bucket name (3-63 characters: lower-case letters, digits, '.', '-'; a letter or digit at both ends).",
      "type": "string",
      "pattern": "^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
      "errorMessage": "must be an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-', a letter or digit at both ends, no '..', not an IP address"
    },
    "prefix": {
      "description": "Key prefix the grant is limited to (e.g. '2026/'). No wildcards.",
      "type": "string",
      "minLength": 1,
      "maxLength": 900,
      "pattern": "^[^*?$]+$",
      "errorMessage": "must be a key prefix of 1-900 characters without '*', '?' or '$' (wildcards and policy variables would widen the grant)"
    },
    "table": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_.-]{3,255}$",
      "errorMessage": "must be a DynamoDB table name: 3-255 characters of letters, digits, '_', '-' and '.'"
    },
    "queue": {
      "type": "string",
      "pattern": "^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$",
      "errorMessage": "must be an SQS queue name: 1-80 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"
    },
    "topic": {
      "type": "string",
      "pattern": "^(?=.{1,256}$)[A-Za-z0-9_-]+(\\.fifo)?$",
      "errorMessage": "must be an SNS topic name: 1-256 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"
    },
    "secret": {
      "type": "string",
      "pattern": "^[A-Za-z0-9/_+=.@-]{1,512}$",
      "errorMessage": "must be a Secrets Manager secret name: 1-512 characters of letters, digits and / _ + = . @ -"
    },
    "parameterPath": {
      "type": "string",
      "pattern": "^(?=.{2,1011}$)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$",
      "errorMessage": "must be an SSM parameter path such as /payments/prod: '/'-separated segments of letters, digits, '_', '.' and '-'"
    },
    "keyId": {
      "type": "string",
      "pattern": "^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
      "errorMessage": "must be a KMS key id (a UUID, or mrk-<32 hex> for a multi-Region key); aliases cannot scope an IAM policy"
    },
    "viaService": {
      "type": "string",
      "enum": [
        "s3",
        "secretsmanager",
        "ssm",
        "sqs",
        "sns",
        "dynamodb"
      ],
      "errorMessage": "must be the service that decrypts on the caller's behalf: s3, secretsmanager, ssm, sqs, sns or dynamodb"
    },
    "s3Read": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "bucket"
      ],
      "properties": {
        "template": {
          "const": "s3-read"
        },
        "bucket": {
          "$ref": "#/definitions/bucket"
        },
        "prefix": {
          "$ref": "#/definitions/prefix"
        }
      }
    },
    "s3Write": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "bucket"
      ],
      "properties": {
        "template": {
          "const": "s3-write"
        },
        "bucket": {
          "$ref": "#/definitions/bucket"
        },
        "prefix": {
          "$ref": "#/definitions/prefix"
        }
      }
    },
    "s3ReadWrite": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "bucket"
      ],
      "properties": {
        "template": {
          "const": "s3-readwrite"
        },
        "bucket": {
          "$ref": "#/definitions/bucket"
        },
        "prefix": {
          "$ref": "#/definitions/prefix"
        }
      }
    },
    "dynamodbRead": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "table"
      ],
      "properties": {
        "template": {
          "const": "dynamodb-read"
        },
        "table": {
          "$ref": "#/definitions/table"
        }
      }
    },
    "dynamodbCrud": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "table"
      ],
      "properties": {
        "template": {
          "const": "dynamodb-crud"
        },
        "table": {
          "$ref": "#/definitions/table"
        }
      }
    },
    "sqsConsume": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "queue"
      ],
      "properties": {
        "template": {
          "const": "sqs-consume"
        },
        "queue": {
          "$ref": "#/definitions/queue"
        }
      }
    },
    "sqsSend": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "queue"
      ],
      "properties": {
        "template": {
          "const": "sqs-send"
        },
        "queue": {
          "$ref": "#/definitions/queue"
        }
      }
    },
    "snsPublish": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "topic"
      ],
      "properties": {
        "template": {
          "const": "sns-publish"
        },
        "topic": {
          "$ref": "#/definitions/topic"
        }
      }
    },
    "secretsmanagerRead": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "secret"
      ],
      "properties": {
        "template": {
          "const": "secretsmanager-read"
        },
        "secret": {
          "$ref": "#/definitions/secret"
        }
      }
    },
    "ssmParametersRead": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "path"
      ],
      "properties": {
        "template": {
          "const": "ssm-parameters-read"
        },
        "path": {
          "$ref": "#/definitions/parameterPath"
        }
      }
    },
    "kmsDecrypt": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "template",
        "keyId",
        "viaService"
      ],
      "properties": {
        "template": {
          "const": "kms-decrypt"
        },
        "keyId": {
          "$ref": "#/definitions/keyId"
        },
        "viaService": {
          "$ref": "#/definitions/viaService"
        }
      }
    }
  }
} as const;
