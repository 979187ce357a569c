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
      "description": "Role chaining: EKS assumes this role (for example in another account) with the grant's role. Its own trust policy is the owner's business. An IAM role ARN in one of AWS's partitions; the provisioner also requires the partition it is deployed in, since a role cannot be assumed across partitions.",
      "type": "string",
      "maxLength": 2048,
      "pattern": "^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$",
      "errorMessage": "must be an IAM role ARN, arn:<partition>:iam::<12-digit account>:role/<name>, in an AWS partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc)"
    },
    "disableSessionTags": {
      "description": "Tell EKS not to add session tags. The trust policy can then not be pinned to this cluster/namespace/service account: the record says so.",
      "type": "boolean"
    },
    "sessionPolicy": {
      "description": "An IAM policy that further restricts the session (EKS's association `policy`). AWS accepts it only with disableSessionTags = true, and at most 2,048 characters of it. A session policy has no Principal: it applies to the session itself.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "Version",
        "Statement"
      ],
      "properties": {
        "Version": {
          "const": "2012-10-17",
          "errorMessage": "must be \"2012-10-17\", the current version of the IAM policy language"
        },
        "Id": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_.:/=+@-]{1,128}$",
          "errorMessage": "must be 1-128 characters: letters, digits and _ . : / = + @ -"
        },
        "Statement": {
          "type": "array",
          "minItems": 1,
          "maxItems": 20,
          "items": {
            "$ref": "#/definitions/policyStatement"
          }
        }
      }
    },
    "tags": {
      "description": "Extra tags for the role and the association (keys 1-128, values 0-256 characters, IAM's character set). Reserved, case-insensitively: keys starting with 'aws:' (AWS's), 'eks-' and 'kubernetes-' (the session tags EKS Pod Identity adds, which a role tag could impersonate when session tags are disabled) and 'pod-identity-provisioner:' (the provisioner's own), the keys the provisioner sets ('managed-by', 'ticket') and '__proto__'. IAM tag keys are unique regardless of case.",
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
      "description": "Key prefix the grant is limited to. It names a folder: '2026' and '2026/' both grant the keys under '2026/' (a missing trailing '/' is added), never '2026-secret/…' or '20261231-payroll.csv'. No wildcards or policy variables, no leading '/', no control characters, no '.' or '..' segments.",
      "type": "string",
      "minLength": 1,
      "maxLength": 900,
      "allOf": [
        {
          "pattern": "^[^*?$]*$",
          "errorMessage": "must not contain '*', '?' or '$' (wildcards and policy variables would widen the grant)"
        },
        {
          "not": {
            "type": "string",
            "pattern": "^/"
          },
          "errorMessage": "must not start with '/': S3 keys do not start with '/' in practice, so such a prefix (or '/' alone) would grant keys nobody uses rather than the whole bucket; omit the prefix to grant the whole bucket"
        },
        {
          "pattern": "^[^\\u0000-\\u001f\\u007f]*$",
          "errorMessage": "must not contain control characters (U+0000-U+001F, U+007F): S3 asks to avoid them in keys, and they hide what the grant names"
        },
        {
          "not": {
            "type": "string",
            "pattern": "(^|/)\\.\\.?(/|$)"
          },
          "errorMessage": "must not contain '.' or '..' segments: S3 keys are not paths, but the AWS CLI and path-normalising clients treat them as such, so the grant would name other keys than they reach"
        }
      ],
      "errorMessage": {
        "type": "must be a string: a key prefix such as '2026/'",
        "minLength": "must be a key prefix of 1-900 characters; omit it to grant the whole bucket",
        "maxLength": "must be a key prefix of 1-900 characters"
      }
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
    },
    "policyAction": {
      "type": "string",
      "pattern": "^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$",
      "errorMessage": "must be an IAM action such as 's3:GetObject' (service prefix, ':', action name; wildcards '*' and '?' allowed) or '*'"
    },
    "policyResource": {
      "type": "string",
      "minLength": 1,
      "maxLength": 2048,
      "pattern": "^[^\\u0000-\\u001f\\u007f]*$",
      "errorMessage": "must be a resource ARN or '*': 1-2048 characters without control characters"
    },
    "policyStatement": {
      "description": "One statement of a session policy: Effect, exactly one of Action/NotAction, exactly one of Resource/NotResource, optionally Sid and Condition. No Principal: a session policy applies to the session.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "Effect"
      ],
      "properties": {
        "Sid": {
          "type": "string",
          "pattern": "^[A-Za-z0-9]*$",
          "errorMessage": "must be letters and digits only (IAM's Sid)"
        },
        "Effect": {
          "enum": [
            "Allow",
            "Deny"
          ],
          "errorMessage": "must be \"Allow\" or \"Deny\""
        },
        "Action": {
          "$ref": "#/definitions/policyActions"
        },
        "NotAction": {
          "$ref": "#/definitions/policyActions"
        },
        "Resource": {
          "$ref": "#/definitions/policyResources"
        },
        "NotResource": {
          "$ref": "#/definitions/policyResources"
        },
        "Condition": {
          "$ref": "#/definitions/policyCondition"
        },
        "Principal": {
          "not": {},
          "errorMessage": "is not allowed: a session policy has no Principal (it applies to the session that assumes the role)"
        },
        "NotPrincipal": {
          "not": {},
          "errorMessage": "is not allowed: a session policy has no NotPrincipal (it applies to the session that assumes the role)"
        }
      },
      "allOf": [
        {
          "anyOf": [
            {
              "properties": {
                "Action": true
              },
              "required": [
                "Action"
              ]
            },
            {
              "properties": {
                "NotAction": true
              },
              "required": [
                "NotAction"
              ]
            }
          ],
          "not": {
            "type": "object",
            "properties": {
              "Action": true,
              "NotAction": true
            },
            "required": [
              "Action",
              "NotAction"
            ]
          },
          "errorMessage": "must have exactly one of Action or NotAction"
        },
        {
          "anyOf": [
            {
              "properties": {
                "Resource": true
              },
              "required": [
                "Resource"
              ]
            },
            {
              "properties": {
                "NotResource": true
              },
              "required": [
                "NotResource"
              ]
            }
          ],
          "not": {
            "type": "object",
            "properties": {
              "Resource": true,
              "NotResource": true
            },
            "required": [
              "Resource",
              "NotResource"
            ]
          },
          "errorMessage": "must have exactly one of Resource or NotResource"
        }
      ]
    },
    "policyActions": {
      "description": "One action (a string) or a non-empty array of them.",
      "type": [
        "string",
        "array"
      ],
      "pattern": "^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$",
      "minItems": 1,
      "items": {
        "$ref": "#/definitions/policyAction"
      },
      "errorMessage": {
        "type": "must be an IAM action (a string) or a non-empty array of them",
        "pattern": "must be an IAM action such as 's3:GetObject' (service prefix, ':', action name; wildcards '*' and '?' allowed) or '*'",
        "minItems": "must be an IAM action (a string) or a non-empty array of them"
      }
    },
    "policyResources": {
      "description": "One resource (a string) or a non-empty array of them.",
      "type": [
        "string",
        "array"
      ],
      "minLength": 1,
      "maxLength": 2048,
      "pattern": "^[^\\u0000-\\u001f\\u007f]*$",
      "minItems": 1,
      "items": {
        "$ref": "#/definitions/policyResource"
      },
      "errorMessage": {
        "type": "must be a resource ARN or '*' (a string) or a non-empty array of them",
        "minLength": "must be a resource ARN or '*': 1-2048 characters without control characters",
        "maxLength": "must be a resource ARN or '*': 1-2048 characters without control characters",
        "pattern": "must be a resource ARN or '*': 1-2048 characters without control characters",
        "minItems": "must be a resource ARN or '*' (a string) or a non-empty array of them"
      }
    },
    "policyCondition": {
      "description": "Condition block: operator (e.g. StringEquals, ForAnyValue:StringLike) → condition key (e.g. aws:PrincipalTag/team) → value or values.",
      "type": "object",
      "propertyNames": {
        "pattern": "^((ForAllValues|ForAnyValue):)?[A-Za-z]{1,64}$",
        "errorMessage": "must be a condition operator such as StringEquals or ForAnyValue:StringLike"
      },
      "additionalProperties": {
        "type": "object",
        "propertyNames": {
          "pattern": "^[A-Za-z0-9-]+:[^\\u0000-\\u001f\\u007f]{1,256}$",
          "errorMessage": "must be a condition key such as aws:PrincipalTag/team (service prefix, ':', key)"
        },
        "additionalProperties": {
          "type": [
            "string",
            "number",
            "boolean",
            "array"
          ],
          "items": {
            "type": [
              "string",
              "number",
              "boolean"
            ],
            "errorMessage": "must be a string, number or boolean"
          },
          "errorMessage": {
            "type": "must be a string, number or boolean, or an array of them"
          }
        },
        "errorMessage": {
          "type": "must be an object of condition keys to values"
        }
      },
      "errorMessage": {
        "type": "must be an object of condition operators to condition keys"
      }
    }
  }
} as const;
