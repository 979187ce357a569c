// Generated from schemas/tenancy.schema.json by scripts/generate.ts. Do not edit: edit the schema and run `npm run generate`.
export const tenancySchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://pod-identity-provisioner/schemas/tenancy.schema.json",
  "title": "Tenancy",
  "description": "Who may ask for what. Each tenant lists the callers that act for it (IAM principal ARN patterns, ticket sources) and what its grants may name: clusters, namespaces, catalog templates with the resources each may reach, role-chaining targets, and caps. Patterns use IAM's wildcards: '*' (any run of characters) and '?' (one character). Validated at package time and at every function's cold start.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "tenants"
  ],
  "properties": {
    "$schema": {
      "type": "string"
    },
    "tenants": {
      "type": "array",
      "minItems": 1,
      "maxItems": 200,
      "items": {
        "$ref": "#/definitions/tenant"
      }
    }
  },
  "definitions": {
    "pattern": {
      "type": "string",
      "minLength": 1,
      "maxLength": 512,
      "pattern": "^[A-Za-z0-9/_+=,.@:*?-]+$",
      "errorMessage": "must be 1-512 characters of letters, digits, / _ + = , . @ : - and the wildcards * and ?"
    },
    "patterns": {
      "type": "array",
      "minItems": 1,
      "maxItems": 50,
      "uniqueItems": true,
      "items": {
        "$ref": "#/definitions/pattern"
      }
    },
    "principalPattern": {
      "description": "An IAM or STS principal ARN as API Gateway reports the caller (`arn:aws:iam::<account>:user/…`, `arn:aws:iam::<account>:role/…`, `arn:aws:sts::<account>:assumed-role/<role>/<session>`), with wildcards allowed only after the account.",
      "type": "string",
      "maxLength": 512,
      "pattern": "^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:(user|role|assumed-role)/[A-Za-z0-9/_+=,.@*?-]+$",
      "errorMessage": "must be an IAM user, role or assumed-role ARN (arn:aws:sts::<12-digit account>:assumed-role/<role>/<session>); wildcards only after the account"
    },
    "ticketSource": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "source",
        "integration"
      ],
      "properties": {
        "source": {
          "description": "The EventBridge `source` of the ticket system's `Grant Requested` events.",
          "type": "string",
          "pattern": "^(?!aws\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,255}$",
          "errorMessage": "must be an EventBridge source: 1-256 letters, digits, '.', '_' and '-', not starting with 'aws.'"
        },
        "integration": {
          "description": "The only IAM role allowed to put events with this source on the provisioner's bus (the bus policy denies everyone else).",
          "type": "string",
          "pattern": "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@-]+$",
          "errorMessage": "must be an IAM role ARN without wildcards"
        }
      }
    },
    "tenant": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "clusters",
        "namespaces",
        "templates"
      ],
      "anyOf": [
        {
          "required": [
            "principals"
          ]
        },
        {
          "required": [
            "ticketSources"
          ]
        }
      ],
      "errorMessage": {
        "anyOf": "must list at least one caller: principals or ticketSources"
      },
      "properties": {
        "name": {
          "description": "Names the tenant's permissions boundary (`<service>-<stage>-boundary-<name>`) and its grants' tenant tag.",
          "type": "string",
          "pattern": "^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$",
          "errorMessage": "must be 1-32 lower-case letters, digits and '-', a letter or digit at both ends"
        },
        "description": {
          "type": "string",
          "maxLength": 256
        },
        "principals": {
          "type": "array",
          "minItems": 1,
          "maxItems": 50,
          "uniqueItems": true,
          "items": {
            "$ref": "#/definitions/principalPattern"
          }
        },
        "ticketSources": {
          "type": "array",
          "minItems": 1,
          "maxItems": 10,
          "items": {
            "$ref": "#/definitions/ticketSource"
          }
        },
        "clusters": {
          "description": "EKS cluster names (patterns) in the provisioner's account and region.",
          "$ref": "#/definitions/patterns"
        },
        "namespaces": {
          "description": "Kubernetes namespace patterns.",
          "$ref": "#/definitions/patterns"
        },
        "templates": {
          "description": "The catalog templates the tenant may use, each with the resource patterns it may name.",
          "type": "object",
          "minProperties": 1,
          "additionalProperties": false,
          "properties": {
            "s3-read": {
              "$ref": "#/definitions/bucketScope"
            },
            "s3-write": {
              "$ref": "#/definitions/bucketScope"
            },
            "s3-readwrite": {
              "$ref": "#/definitions/bucketScope"
            },
            "dynamodb-read": {
              "$ref": "#/definitions/tableScope"
            },
            "dynamodb-crud": {
              "$ref": "#/definitions/tableScope"
            },
            "sqs-consume": {
              "$ref": "#/definitions/queueScope"
            },
            "sqs-send": {
              "$ref": "#/definitions/queueScope"
            },
            "sns-publish": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "topic"
              ],
              "properties": {
                "topic": {
                  "$ref": "#/definitions/patterns"
                }
              }
            },
            "secretsmanager-read": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "secret"
              ],
              "properties": {
                "secret": {
                  "$ref": "#/definitions/patterns"
                }
              }
            },
            "ssm-parameters-read": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "path"
              ],
              "properties": {
                "path": {
                  "$ref": "#/definitions/patterns"
                }
              }
            },
            "kms-decrypt": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "keyId"
              ],
              "properties": {
                "keyId": {
                  "$ref": "#/definitions/patterns"
                }
              }
            }
          }
        },
        "targetRoles": {
          "description": "Role-chaining targets (`targetRoleArn`) the tenant may name: IAM role ARN patterns.",
          "type": "array",
          "minItems": 1,
          "maxItems": 50,
          "uniqueItems": true,
          "items": {
            "type": "string",
            "maxLength": 512,
            "pattern": "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@*?-]+$",
            "errorMessage": "must be an IAM role ARN pattern (arn:aws:iam::<12-digit account>:role/<name pattern>)"
          }
        },
        "maxGrants": {
          "description": "How many grants (not DELETED) the tenant may hold.",
          "type": "integer",
          "minimum": 1,
          "maximum": 5000
        },
        "maxPermissionsPerGrant": {
          "type": "integer",
          "minimum": 1,
          "maximum": 50
        }
      }
    },
    "bucketScope": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "bucket"
      ],
      "properties": {
        "bucket": {
          "$ref": "#/definitions/patterns"
        }
      }
    },
    "tableScope": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "table"
      ],
      "properties": {
        "table": {
          "$ref": "#/definitions/patterns"
        }
      }
    },
    "queueScope": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "queue"
      ],
      "properties": {
        "queue": {
          "$ref": "#/definitions/patterns"
        }
      }
    }
  }
} as const;
