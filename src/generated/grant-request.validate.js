// Generated from schemas/grant-request.schema.json by scripts/generate.ts. Do not edit: edit the schema and run `npm run generate`.
// ajv/dist/runtime/ucs2length, inlined (scripts/generate.ts says why).
const ucs2lengthHelper = function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
};
export const validateGrantRequest = validate14;
const schema16 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://pod-identity-provisioner/schemas/grant-request.schema.json","title":"GrantRequest","description":"A request that service account `serviceAccount` in namespace `namespace` on EKS cluster `cluster` may use the AWS resources named in `permissions`. The key (cluster, namespace, serviceAccount) identifies the grant: a request for an existing key updates it.","type":"object","additionalProperties":false,"required":["cluster","namespace","serviceAccount","permissions"],"properties":{"cluster":{"description":"EKS cluster name, as EKS validates it: 1-100 characters, a letter or digit first, then letters, digits, '-' and '_'.","type":"string","pattern":"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$","errorMessage":"must be an EKS cluster name: 1-100 characters, starting with a letter or digit, then letters, digits, '-' or '_'"},"namespace":{"description":"Kubernetes namespace: a DNS-1123 label (lower-case alphanumerics and '-', alphanumeric at both ends, at most 63 characters).","type":"string","pattern":"^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$","errorMessage":"must be a Kubernetes namespace name (DNS-1123 label): lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"},"serviceAccount":{"description":"Kubernetes service account name: a DNS-1123 subdomain (dot-separated DNS-1123 labels, at most 253 characters).","type":"string","pattern":"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","errorMessage":"must be a Kubernetes service account name (DNS-1123 subdomain): lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"},"permissions":{"description":"What the service account may do, as entries of the permission catalog (GET /catalog).","type":"array","minItems":1,"maxItems":50,"items":{"$ref":"#/definitions/permission"}},"ticket":{"description":"Change ticket this grant was requested under (also the idempotency key of ticket-driven requests).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}$","errorMessage":"must be 1-128 characters: letters, digits and . _ : / + = @ -, starting with a letter or digit"},"requestedBy":{"description":"Who asked (a team or a person), for the record.","type":"string","minLength":1,"maxLength":128,"pattern":"^[\\p{L}\\p{N} _.:/=+@-]+$","errorMessage":"must be 1-128 characters: letters, digits, spaces and _ . : / = + @ -"},"targetRoleArn":{"description":"Role chaining: EKS assumes this role (for example in another account) with the grant's role. Its own trust policy is the owner's business. An IAM role ARN in one of AWS's partitions; the provisioner also requires the partition it is deployed in, since a role cannot be assumed across partitions.","type":"string","maxLength":2048,"pattern":"^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$","errorMessage":"must be an IAM role ARN, arn:<partition>:iam::<12-digit account>:role/<name>, in an AWS partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc)"},"disableSessionTags":{"description":"Tell EKS not to add session tags. The trust policy can then not be pinned to this cluster/namespace/service account: the record says so.","type":"boolean"},"sessionPolicy":{"description":"An IAM policy that further restricts the session (EKS's association `policy`). AWS accepts it only with disableSessionTags = true, and at most 2,048 characters of it. A session policy has no Principal: it applies to the session itself.","type":"object","additionalProperties":false,"required":["Version","Statement"],"properties":{"Version":{"const":"2012-10-17","errorMessage":"must be \"2012-10-17\", the current version of the IAM policy language"},"Id":{"type":"string","pattern":"^[A-Za-z0-9_.:/=+@-]{1,128}$","errorMessage":"must be 1-128 characters: letters, digits and _ . : / = + @ -"},"Statement":{"type":"array","minItems":1,"maxItems":20,"items":{"$ref":"#/definitions/policyStatement"}}}},"tags":{"description":"Extra tags for the role and the association (keys 1-128, values 0-256 characters, IAM's character set). Reserved, case-insensitively: keys starting with 'aws:' (AWS's), 'eks-' and 'kubernetes-' (the session tags EKS Pod Identity adds, which a role tag could impersonate when session tags are disabled) and 'pod-identity-provisioner:' (the provisioner's own), the keys the provisioner sets ('managed-by', 'ticket') and '__proto__'. IAM tag keys are unique regardless of case.","type":"object","maxProperties":40,"propertyNames":{"pattern":"^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$","errorMessage":"tag keys must be 1-128 characters of letters, digits, spaces and _ . : / = + @ -"},"additionalProperties":{"type":"string","pattern":"^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}$","errorMessage":"tag values must be 0-256 characters of letters, digits, spaces and _ . : / = + @ -"}}},"definitions":{"permission":{"type":"object","required":["template"],"properties":{"template":{"type":"string"}},"discriminator":{"propertyName":"template"},"oneOf":[{"$ref":"#/definitions/s3Read"},{"$ref":"#/definitions/s3Write"},{"$ref":"#/definitions/s3ReadWrite"},{"$ref":"#/definitions/dynamodbRead"},{"$ref":"#/definitions/dynamodbCrud"},{"$ref":"#/definitions/sqsConsume"},{"$ref":"#/definitions/sqsSend"},{"$ref":"#/definitions/snsPublish"},{"$ref":"#/definitions/secretsmanagerRead"},{"$ref":"#/definitions/ssmParametersRead"},{"$ref":"#/definitions/kmsDecrypt"}]},"bucket":{"description":"S3 bucket name (3-63 characters: lower-case letters, digits, '.', '-'; a letter or digit at both ends).","type":"string","pattern":"^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$","errorMessage":"must be an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-', a letter or digit at both ends, no '..', not an IP address"},"prefix":{"description":"Key prefix the grant is limited to. It names a folder: '2026' and '2026/' both grant the keys under '2026/' (a missing trailing '/' is added), never '2026-secret/…' or '20261231-payroll.csv'. No wildcards or policy variables, no leading '/', no control characters, no '.' or '..' segments.","type":"string","minLength":1,"maxLength":900,"allOf":[{"pattern":"^[^*?$]*$","errorMessage":"must not contain '*', '?' or '$' (wildcards and policy variables would widen the grant)"},{"not":{"type":"string","pattern":"^/"},"errorMessage":"must not start with '/': S3 keys do not start with '/' in practice, so such a prefix (or '/' alone) would grant keys nobody uses rather than the whole bucket; omit the prefix to grant the whole bucket"},{"pattern":"^[^\\u0000-\\u001f\\u007f]*$","errorMessage":"must not contain control characters (U+0000-U+001F, U+007F): S3 asks to avoid them in keys, and they hide what the grant names"},{"not":{"type":"string","pattern":"(^|/)\\.\\.?(/|$)"},"errorMessage":"must not contain '.' or '..' segments: S3 keys are not paths, but the AWS CLI and path-normalising clients treat them as such, so the grant would name other keys than they reach"}],"errorMessage":{"type":"must be a string: a key prefix such as '2026/'","minLength":"must be a key prefix of 1-900 characters; omit it to grant the whole bucket","maxLength":"must be a key prefix of 1-900 characters"}},"table":{"type":"string","pattern":"^[A-Za-z0-9_.-]{3,255}$","errorMessage":"must be a DynamoDB table name: 3-255 characters of letters, digits, '_', '-' and '.'"},"queue":{"type":"string","pattern":"^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$","errorMessage":"must be an SQS queue name: 1-80 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"},"topic":{"type":"string","pattern":"^(?=.{1,256}$)[A-Za-z0-9_-]+(\\.fifo)?$","errorMessage":"must be an SNS topic name: 1-256 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"},"secret":{"type":"string","pattern":"^[A-Za-z0-9/_+=.@-]{1,512}$","errorMessage":"must be a Secrets Manager secret name: 1-512 characters of letters, digits and / _ + = . @ -"},"parameterPath":{"type":"string","pattern":"^(?=.{2,1011}$)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$","errorMessage":"must be an SSM parameter path such as /payments/prod: '/'-separated segments of letters, digits, '_', '.' and '-'"},"keyId":{"type":"string","pattern":"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$","errorMessage":"must be a KMS key id (a UUID, or mrk-<32 hex> for a multi-Region key); aliases cannot scope an IAM policy"},"viaService":{"type":"string","enum":["s3","secretsmanager","ssm","sqs","sns","dynamodb"],"errorMessage":"must be the service that decrypts on the caller's behalf: s3, secretsmanager, ssm, sqs, sns or dynamodb"},"s3Read":{"type":"object","additionalProperties":false,"required":["template","bucket"],"properties":{"template":{"const":"s3-read"},"bucket":{"$ref":"#/definitions/bucket"},"prefix":{"$ref":"#/definitions/prefix"}}},"s3Write":{"type":"object","additionalProperties":false,"required":["template","bucket"],"properties":{"template":{"const":"s3-write"},"bucket":{"$ref":"#/definitions/bucket"},"prefix":{"$ref":"#/definitions/prefix"}}},"s3ReadWrite":{"type":"object","additionalProperties":false,"required":["template","bucket"],"properties":{"template":{"const":"s3-readwrite"},"bucket":{"$ref":"#/definitions/bucket"},"prefix":{"$ref":"#/definitions/prefix"}}},"dynamodbRead":{"type":"object","additionalProperties":false,"required":["template","table"],"properties":{"template":{"const":"dynamodb-read"},"table":{"$ref":"#/definitions/table"}}},"dynamodbCrud":{"type":"object","additionalProperties":false,"required":["template","table"],"properties":{"template":{"const":"dynamodb-crud"},"table":{"$ref":"#/definitions/table"}}},"sqsConsume":{"type":"object","additionalProperties":false,"required":["template","queue"],"properties":{"template":{"const":"sqs-consume"},"queue":{"$ref":"#/definitions/queue"}}},"sqsSend":{"type":"object","additionalProperties":false,"required":["template","queue"],"properties":{"template":{"const":"sqs-send"},"queue":{"$ref":"#/definitions/queue"}}},"snsPublish":{"type":"object","additionalProperties":false,"required":["template","topic"],"properties":{"template":{"const":"sns-publish"},"topic":{"$ref":"#/definitions/topic"}}},"secretsmanagerRead":{"type":"object","additionalProperties":false,"required":["template","secret"],"properties":{"template":{"const":"secretsmanager-read"},"secret":{"$ref":"#/definitions/secret"}}},"ssmParametersRead":{"type":"object","additionalProperties":false,"required":["template","path"],"properties":{"template":{"const":"ssm-parameters-read"},"path":{"$ref":"#/definitions/parameterPath"}}},"kmsDecrypt":{"type":"object","additionalProperties":false,"required":["template","keyId","viaService"],"properties":{"template":{"const":"kms-decrypt"},"keyId":{"$ref":"#/definitions/keyId"},"viaService":{"$ref":"#/definitions/viaService"}}},"policyAction":{"type":"string","pattern":"^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$","errorMessage":"must be an IAM action such as 's3:GetObject' (service prefix, ':', action name; wildcards '*' and '?' allowed) or '*'"},"policyResource":{"type":"string","minLength":1,"maxLength":2048,"pattern":"^[^\\u0000-\\u001f\\u007f]*$","errorMessage":"must be a resource ARN or '*': 1-2048 characters without control characters"},"policyStatement":{"description":"One statement of a session policy: Effect, exactly one of Action/NotAction, exactly one of Resource/NotResource, optionally Sid and Condition. No Principal: a session policy applies to the session.","type":"object","additionalProperties":false,"required":["Effect"],"properties":{"Sid":{"type":"string","pattern":"^[A-Za-z0-9]*$","errorMessage":"must be letters and digits only (IAM's Sid)"},"Effect":{"enum":["Allow","Deny"],"errorMessage":"must be \"Allow\" or \"Deny\""},"Action":{"$ref":"#/definitions/policyActions"},"NotAction":{"$ref":"#/definitions/policyActions"},"Resource":{"$ref":"#/definitions/policyResources"},"NotResource":{"$ref":"#/definitions/policyResources"},"Condition":{"$ref":"#/definitions/policyCondition"},"Principal":{"not":{},"errorMessage":"is not allowed: a session policy has no Principal (it applies to the session that assumes the role)"},"NotPrincipal":{"not":{},"errorMessage":"is not allowed: a session policy has no NotPrincipal (it applies to the session that assumes the role)"}},"allOf":[{"anyOf":[{"properties":{"Action":true},"required":["Action"]},{"properties":{"NotAction":true},"required":["NotAction"]}],"not":{"type":"object","properties":{"Action":true,"NotAction":true},"required":["Action","NotAction"]},"errorMessage":"must have exactly one of Action or NotAction"},{"anyOf":[{"properties":{"Resource":true},"required":["Resource"]},{"properties":{"NotResource":true},"required":["NotResource"]}],"not":{"type":"object","properties":{"Resource":true,"NotResource":true},"required":["Resource","NotResource"]},"errorMessage":"must have exactly one of Resource or NotResource"}]},"policyActions":{"description":"One action (a string) or a non-empty array of them.","type":["string","array"],"pattern":"^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$","minItems":1,"items":{"$ref":"#/definitions/policyAction"},"errorMessage":{"type":"must be an IAM action (a string) or a non-empty array of them","pattern":"must be an IAM action such as 's3:GetObject' (service prefix, ':', action name; wildcards '*' and '?' allowed) or '*'","minItems":"must be an IAM action (a string) or a non-empty array of them"}},"policyResources":{"description":"One resource (a string) or a non-empty array of them.","type":["string","array"],"minLength":1,"maxLength":2048,"pattern":"^[^\\u0000-\\u001f\\u007f]*$","minItems":1,"items":{"$ref":"#/definitions/policyResource"},"errorMessage":{"type":"must be a resource ARN or '*' (a string) or a non-empty array of them","minLength":"must be a resource ARN or '*': 1-2048 characters without control characters","maxLength":"must be a resource ARN or '*': 1-2048 characters without control characters","pattern":"must be a resource ARN or '*': 1-2048 characters without control characters","minItems":"must be a resource ARN or '*' (a string) or a non-empty array of them"}},"policyCondition":{"description":"Condition block: operator (e.g. StringEquals, ForAnyValue:StringLike) → condition key (e.g. aws:PrincipalTag/team) → value or values.","type":"object","propertyNames":{"pattern":"^((ForAllValues|ForAnyValue):)?[A-Za-z]{1,64}$","errorMessage":"must be a condition operator such as StringEquals or ForAnyValue:StringLike"},"additionalProperties":{"type":"object","propertyNames":{"pattern":"^[A-Za-z0-9-]+:[^\\u0000-\\u001f\\u007f]{1,256}$","errorMessage":"must be a condition key such as aws:PrincipalTag/team (service prefix, ':', key)"},"additionalProperties":{"type":["string","number","boolean","array"],"items":{"type":["string","number","boolean"],"errorMessage":"must be a string, number or boolean"},"errorMessage":{"type":"must be a string, number or boolean, or an array of them"}},"errorMessage":{"type":"must be an object of condition keys to values"}},"errorMessage":{"type":"must be an object of condition operators to condition keys"}}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = ucs2lengthHelper;
const pattern0 = new RegExp("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", "u");
const pattern1 = new RegExp("^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "u");
const pattern2 = new RegExp("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", "u");
const pattern26 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}$", "u");
const pattern27 = new RegExp("^[\\p{L}\\p{N} _.:/=+@-]+$", "u");
const pattern28 = new RegExp("^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$", "u");
const pattern29 = new RegExp("^[A-Za-z0-9_.:/=+@-]{1,128}$", "u");
const pattern37 = new RegExp("^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$", "u");
const pattern38 = new RegExp("^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}$", "u");
const schema17 = {"type":"object","required":["template"],"properties":{"template":{"type":"string"}},"discriminator":{"propertyName":"template"},"oneOf":[{"$ref":"#/definitions/s3Read"},{"$ref":"#/definitions/s3Write"},{"$ref":"#/definitions/s3ReadWrite"},{"$ref":"#/definitions/dynamodbRead"},{"$ref":"#/definitions/dynamodbCrud"},{"$ref":"#/definitions/sqsConsume"},{"$ref":"#/definitions/sqsSend"},{"$ref":"#/definitions/snsPublish"},{"$ref":"#/definitions/secretsmanagerRead"},{"$ref":"#/definitions/ssmParametersRead"},{"$ref":"#/definitions/kmsDecrypt"}]};
const schema18 = {"type":"object","additionalProperties":false,"required":["template","bucket"],"properties":{"template":{"const":"s3-read"},"bucket":{"$ref":"#/definitions/bucket"},"prefix":{"$ref":"#/definitions/prefix"}}};
const schema19 = {"description":"S3 bucket name (3-63 characters: lower-case letters, digits, '.', '-'; a letter or digit at both ends).","type":"string","pattern":"^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$","errorMessage":"must be an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-', a letter or digit at both ends, no '..', not an IP address"};
const schema20 = {"description":"Key prefix the grant is limited to. It names a folder: '2026' and '2026/' both grant the keys under '2026/' (a missing trailing '/' is added), never '2026-secret/…' or '20261231-payroll.csv'. No wildcards or policy variables, no leading '/', no control characters, no '.' or '..' segments.","type":"string","minLength":1,"maxLength":900,"allOf":[{"pattern":"^[^*?$]*$","errorMessage":"must not contain '*', '?' or '$' (wildcards and policy variables would widen the grant)"},{"not":{"type":"string","pattern":"^/"},"errorMessage":"must not start with '/': S3 keys do not start with '/' in practice, so such a prefix (or '/' alone) would grant keys nobody uses rather than the whole bucket; omit the prefix to grant the whole bucket"},{"pattern":"^[^\\u0000-\\u001f\\u007f]*$","errorMessage":"must not contain control characters (U+0000-U+001F, U+007F): S3 asks to avoid them in keys, and they hide what the grant names"},{"not":{"type":"string","pattern":"(^|/)\\.\\.?(/|$)"},"errorMessage":"must not contain '.' or '..' segments: S3 keys are not paths, but the AWS CLI and path-normalising clients treat them as such, so the grant would name other keys than they reach"}],"errorMessage":{"type":"must be a string: a key prefix such as '2026/'","minLength":"must be a key prefix of 1-900 characters; omit it to grant the whole bucket","maxLength":"must be a key prefix of 1-900 characters"}};
const pattern3 = new RegExp("^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "u");
const pattern4 = new RegExp("^[^*?$]*$", "u");
const pattern5 = new RegExp("^/", "u");
const pattern6 = new RegExp("^[^\\u0000-\\u001f\\u007f]*$", "u");
const pattern7 = new RegExp("(^|/)\\.\\.?(/|$)", "u");

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.bucket === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "bucket"},message:"must have required property '"+"bucket"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "template") || (key0 === "bucket")) || (key0 === "prefix"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("s3-read" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "s3-read"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.bucket !== undefined){
let data1 = data.bucket;
if(typeof data1 === "string"){
if(!pattern3.test(data1)){
const err4 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/pattern",keyword:"pattern",params:{pattern: "^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"},message:"must match pattern \""+"^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/bucket") || ((err6.instancePath.indexOf(instancePath+"/bucket") === 0) && (err6.instancePath[instancePath+"/bucket".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/bucket") === 0)) && (err6.schemaPath["#/definitions/bucket".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-', a letter or digit at both ends, no '..', not an IP address"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.prefix !== undefined){
let data2 = data.prefix;
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err9 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/0/pattern",keyword:"pattern",params:{pattern: "^[^*?$]*$"},message:"must match pattern \""+"^[^*?$]*$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(errors > 0){
const emErrs2 = [];
for(const err10 of vErrors){
if(((((err10.keyword !== "errorMessage") && (!err10.emUsed)) && ((err10.instancePath === instancePath+"/prefix") || ((err10.instancePath.indexOf(instancePath+"/prefix") === 0) && (err10.instancePath[instancePath+"/prefix".length] === "/")))) && (err10.schemaPath.indexOf("#/definitions/prefix/allOf/0") === 0)) && (err10.schemaPath["#/definitions/prefix/allOf/0".length] === "/")){
emErrs2.push(err10);
err10.emUsed = true;
}
}
if(emErrs2.length){
const err11 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/0/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must not contain '*', '?' or '$' (wildcards and policy variables would widen the grant)"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const emErrs3 = [];
for(const err12 of vErrors){
if(!err12.emUsed){
emErrs3.push(err12);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data2 === "string"){
if(!pattern5.test(data2)){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var valid4 = _errs12 === errors;
if(valid4){
const err15 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/1/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs4 = [];
for(const err16 of vErrors){
if(((((err16.keyword !== "errorMessage") && (!err16.emUsed)) && ((err16.instancePath === instancePath+"/prefix") || ((err16.instancePath.indexOf(instancePath+"/prefix") === 0) && (err16.instancePath[instancePath+"/prefix".length] === "/")))) && (err16.schemaPath.indexOf("#/definitions/prefix/allOf/1") === 0)) && (err16.schemaPath["#/definitions/prefix/allOf/1".length] === "/")){
emErrs4.push(err16);
err16.emUsed = true;
}
}
if(emErrs4.length){
const err17 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/1/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must not start with '/': S3 keys do not start with '/' in practice, so such a prefix (or '/' alone) would grant keys nobody uses rather than the whole bucket; omit the prefix to grant the whole bucket"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const emErrs5 = [];
for(const err18 of vErrors){
if(!err18.emUsed){
emErrs5.push(err18);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err19 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/2/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f]*$"+"\""};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(errors > 0){
const emErrs6 = [];
for(const err20 of vErrors){
if(((((err20.keyword !== "errorMessage") && (!err20.emUsed)) && ((err20.instancePath === instancePath+"/prefix") || ((err20.instancePath.indexOf(instancePath+"/prefix") === 0) && (err20.instancePath[instancePath+"/prefix".length] === "/")))) && (err20.schemaPath.indexOf("#/definitions/prefix/allOf/2") === 0)) && (err20.schemaPath["#/definitions/prefix/allOf/2".length] === "/")){
emErrs6.push(err20);
err20.emUsed = true;
}
}
if(emErrs6.length){
const err21 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/2/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"must not contain control characters (U+0000-U+001F, U+007F): S3 asks to avoid them in keys, and they hide what the grant names"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const emErrs7 = [];
for(const err22 of vErrors){
if(!err22.emUsed){
emErrs7.push(err22);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
const _errs16 = errors;
const _errs17 = errors;
if(errors === _errs17){
if(typeof data2 === "string"){
if(!pattern7.test(data2)){
const err23 = {};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
var valid5 = _errs17 === errors;
if(valid5){
const err25 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/3/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
else {
errors = _errs16;
if(vErrors !== null){
if(_errs16){
vErrors.length = _errs16;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs8 = [];
for(const err26 of vErrors){
if(((((err26.keyword !== "errorMessage") && (!err26.emUsed)) && ((err26.instancePath === instancePath+"/prefix") || ((err26.instancePath.indexOf(instancePath+"/prefix") === 0) && (err26.instancePath[instancePath+"/prefix".length] === "/")))) && (err26.schemaPath.indexOf("#/definitions/prefix/allOf/3") === 0)) && (err26.schemaPath["#/definitions/prefix/allOf/3".length] === "/")){
emErrs8.push(err26);
err26.emUsed = true;
}
}
if(emErrs8.length){
const err27 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/3/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must not contain '.' or '..' segments: S3 keys are not paths, but the AWS CLI and path-normalising clients treat them as such, so the grant would name other keys than they reach"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const emErrs9 = [];
for(const err28 of vErrors){
if(!err28.emUsed){
emErrs9.push(err28);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
if(typeof data2 === "string"){
if(func3(data2) > 900){
const err29 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/maxLength",keyword:"maxLength",params:{limit: 900},message:"must NOT have more than 900 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(func3(data2) < 1){
const err30 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(errors > 0){
const emErrors0 = {"type":[],"minLength":[],"maxLength":[]};
const templates0 = {};
for(const err32 of vErrors){
if((((((err32.keyword !== "errorMessage") && (!err32.emUsed)) && (err32.instancePath === instancePath+"/prefix")) && (err32.keyword in emErrors0)) && (err32.schemaPath.indexOf("#/definitions/prefix") === 0)) && (/^\/[^\/]*$/.test(err32.schemaPath.slice(20)))){
emErrors0[err32.keyword].push(err32);
err32.emUsed = true;
}
}
for(const key1 in emErrors0){
if(emErrors0[key1].length){
const err33 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key1]},message:key1 in templates0 ? templates0[key1]() : schema20.errorMessage[key1]};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
const emErrs10 = [];
for(const err34 of vErrors){
if(!err34.emUsed){
emErrs10.push(err34);
}
}
vErrors = emErrs10;
errors = emErrs10.length;
}
}
}
else {
const err35 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}

const schema21 = {"type":"object","additionalProperties":false,"required":["template","bucket"],"properties":{"template":{"const":"s3-write"},"bucket":{"$ref":"#/definitions/bucket"},"prefix":{"$ref":"#/definitions/prefix"}}};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.bucket === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "bucket"},message:"must have required property '"+"bucket"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "template") || (key0 === "bucket")) || (key0 === "prefix"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("s3-write" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "s3-write"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.bucket !== undefined){
let data1 = data.bucket;
if(typeof data1 === "string"){
if(!pattern3.test(data1)){
const err4 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/pattern",keyword:"pattern",params:{pattern: "^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"},message:"must match pattern \""+"^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/bucket") || ((err6.instancePath.indexOf(instancePath+"/bucket") === 0) && (err6.instancePath[instancePath+"/bucket".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/bucket") === 0)) && (err6.schemaPath["#/definitions/bucket".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-', a letter or digit at both ends, no '..', not an IP address"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.prefix !== undefined){
let data2 = data.prefix;
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err9 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/0/pattern",keyword:"pattern",params:{pattern: "^[^*?$]*$"},message:"must match pattern \""+"^[^*?$]*$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(errors > 0){
const emErrs2 = [];
for(const err10 of vErrors){
if(((((err10.keyword !== "errorMessage") && (!err10.emUsed)) && ((err10.instancePath === instancePath+"/prefix") || ((err10.instancePath.indexOf(instancePath+"/prefix") === 0) && (err10.instancePath[instancePath+"/prefix".length] === "/")))) && (err10.schemaPath.indexOf("#/definitions/prefix/allOf/0") === 0)) && (err10.schemaPath["#/definitions/prefix/allOf/0".length] === "/")){
emErrs2.push(err10);
err10.emUsed = true;
}
}
if(emErrs2.length){
const err11 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/0/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must not contain '*', '?' or '$' (wildcards and policy variables would widen the grant)"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const emErrs3 = [];
for(const err12 of vErrors){
if(!err12.emUsed){
emErrs3.push(err12);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data2 === "string"){
if(!pattern5.test(data2)){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var valid4 = _errs12 === errors;
if(valid4){
const err15 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/1/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs4 = [];
for(const err16 of vErrors){
if(((((err16.keyword !== "errorMessage") && (!err16.emUsed)) && ((err16.instancePath === instancePath+"/prefix") || ((err16.instancePath.indexOf(instancePath+"/prefix") === 0) && (err16.instancePath[instancePath+"/prefix".length] === "/")))) && (err16.schemaPath.indexOf("#/definitions/prefix/allOf/1") === 0)) && (err16.schemaPath["#/definitions/prefix/allOf/1".length] === "/")){
emErrs4.push(err16);
err16.emUsed = true;
}
}
if(emErrs4.length){
const err17 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/1/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must not start with '/': S3 keys do not start with '/' in practice, so such a prefix (or '/' alone) would grant keys nobody uses rather than the whole bucket; omit the prefix to grant the whole bucket"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const emErrs5 = [];
for(const err18 of vErrors){
if(!err18.emUsed){
emErrs5.push(err18);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err19 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/2/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f]*$"+"\""};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(errors > 0){
const emErrs6 = [];
for(const err20 of vErrors){
if(((((err20.keyword !== "errorMessage") && (!err20.emUsed)) && ((err20.instancePath === instancePath+"/prefix") || ((err20.instancePath.indexOf(instancePath+"/prefix") === 0) && (err20.instancePath[instancePath+"/prefix".length] === "/")))) && (err20.schemaPath.indexOf("#/definitions/prefix/allOf/2") === 0)) && (err20.schemaPath["#/definitions/prefix/allOf/2".length] === "/")){
emErrs6.push(err20);
err20.emUsed = true;
}
}
if(emErrs6.length){
const err21 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/2/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"must not contain control characters (U+0000-U+001F, U+007F): S3 asks to avoid them in keys, and they hide what the grant names"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const emErrs7 = [];
for(const err22 of vErrors){
if(!err22.emUsed){
emErrs7.push(err22);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
const _errs16 = errors;
const _errs17 = errors;
if(errors === _errs17){
if(typeof data2 === "string"){
if(!pattern7.test(data2)){
const err23 = {};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
var valid5 = _errs17 === errors;
if(valid5){
const err25 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/3/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
else {
errors = _errs16;
if(vErrors !== null){
if(_errs16){
vErrors.length = _errs16;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs8 = [];
for(const err26 of vErrors){
if(((((err26.keyword !== "errorMessage") && (!err26.emUsed)) && ((err26.instancePath === instancePath+"/prefix") || ((err26.instancePath.indexOf(instancePath+"/prefix") === 0) && (err26.instancePath[instancePath+"/prefix".length] === "/")))) && (err26.schemaPath.indexOf("#/definitions/prefix/allOf/3") === 0)) && (err26.schemaPath["#/definitions/prefix/allOf/3".length] === "/")){
emErrs8.push(err26);
err26.emUsed = true;
}
}
if(emErrs8.length){
const err27 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/3/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must not contain '.' or '..' segments: S3 keys are not paths, but the AWS CLI and path-normalising clients treat them as such, so the grant would name other keys than they reach"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const emErrs9 = [];
for(const err28 of vErrors){
if(!err28.emUsed){
emErrs9.push(err28);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
if(typeof data2 === "string"){
if(func3(data2) > 900){
const err29 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/maxLength",keyword:"maxLength",params:{limit: 900},message:"must NOT have more than 900 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(func3(data2) < 1){
const err30 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(errors > 0){
const emErrors0 = {"type":[],"minLength":[],"maxLength":[]};
const templates0 = {};
for(const err32 of vErrors){
if((((((err32.keyword !== "errorMessage") && (!err32.emUsed)) && (err32.instancePath === instancePath+"/prefix")) && (err32.keyword in emErrors0)) && (err32.schemaPath.indexOf("#/definitions/prefix") === 0)) && (/^\/[^\/]*$/.test(err32.schemaPath.slice(20)))){
emErrors0[err32.keyword].push(err32);
err32.emUsed = true;
}
}
for(const key1 in emErrors0){
if(emErrors0[key1].length){
const err33 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key1]},message:key1 in templates0 ? templates0[key1]() : schema20.errorMessage[key1]};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
const emErrs10 = [];
for(const err34 of vErrors){
if(!err34.emUsed){
emErrs10.push(err34);
}
}
vErrors = emErrs10;
errors = emErrs10.length;
}
}
}
else {
const err35 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}

const schema24 = {"type":"object","additionalProperties":false,"required":["template","bucket"],"properties":{"template":{"const":"s3-readwrite"},"bucket":{"$ref":"#/definitions/bucket"},"prefix":{"$ref":"#/definitions/prefix"}}};

function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.bucket === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "bucket"},message:"must have required property '"+"bucket"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "template") || (key0 === "bucket")) || (key0 === "prefix"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("s3-readwrite" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "s3-readwrite"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.bucket !== undefined){
let data1 = data.bucket;
if(typeof data1 === "string"){
if(!pattern3.test(data1)){
const err4 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/pattern",keyword:"pattern",params:{pattern: "^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"},message:"must match pattern \""+"^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/bucket") || ((err6.instancePath.indexOf(instancePath+"/bucket") === 0) && (err6.instancePath[instancePath+"/bucket".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/bucket") === 0)) && (err6.schemaPath["#/definitions/bucket".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/bucket",schemaPath:"#/definitions/bucket/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an S3 bucket name: 3-63 characters of lower-case letters, digits, '.' and '-', a letter or digit at both ends, no '..', not an IP address"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.prefix !== undefined){
let data2 = data.prefix;
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err9 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/0/pattern",keyword:"pattern",params:{pattern: "^[^*?$]*$"},message:"must match pattern \""+"^[^*?$]*$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(errors > 0){
const emErrs2 = [];
for(const err10 of vErrors){
if(((((err10.keyword !== "errorMessage") && (!err10.emUsed)) && ((err10.instancePath === instancePath+"/prefix") || ((err10.instancePath.indexOf(instancePath+"/prefix") === 0) && (err10.instancePath[instancePath+"/prefix".length] === "/")))) && (err10.schemaPath.indexOf("#/definitions/prefix/allOf/0") === 0)) && (err10.schemaPath["#/definitions/prefix/allOf/0".length] === "/")){
emErrs2.push(err10);
err10.emUsed = true;
}
}
if(emErrs2.length){
const err11 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/0/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must not contain '*', '?' or '$' (wildcards and policy variables would widen the grant)"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const emErrs3 = [];
for(const err12 of vErrors){
if(!err12.emUsed){
emErrs3.push(err12);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data2 === "string"){
if(!pattern5.test(data2)){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var valid4 = _errs12 === errors;
if(valid4){
const err15 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/1/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs4 = [];
for(const err16 of vErrors){
if(((((err16.keyword !== "errorMessage") && (!err16.emUsed)) && ((err16.instancePath === instancePath+"/prefix") || ((err16.instancePath.indexOf(instancePath+"/prefix") === 0) && (err16.instancePath[instancePath+"/prefix".length] === "/")))) && (err16.schemaPath.indexOf("#/definitions/prefix/allOf/1") === 0)) && (err16.schemaPath["#/definitions/prefix/allOf/1".length] === "/")){
emErrs4.push(err16);
err16.emUsed = true;
}
}
if(emErrs4.length){
const err17 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/1/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must not start with '/': S3 keys do not start with '/' in practice, so such a prefix (or '/' alone) would grant keys nobody uses rather than the whole bucket; omit the prefix to grant the whole bucket"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const emErrs5 = [];
for(const err18 of vErrors){
if(!err18.emUsed){
emErrs5.push(err18);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err19 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/2/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f]*$"+"\""};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(errors > 0){
const emErrs6 = [];
for(const err20 of vErrors){
if(((((err20.keyword !== "errorMessage") && (!err20.emUsed)) && ((err20.instancePath === instancePath+"/prefix") || ((err20.instancePath.indexOf(instancePath+"/prefix") === 0) && (err20.instancePath[instancePath+"/prefix".length] === "/")))) && (err20.schemaPath.indexOf("#/definitions/prefix/allOf/2") === 0)) && (err20.schemaPath["#/definitions/prefix/allOf/2".length] === "/")){
emErrs6.push(err20);
err20.emUsed = true;
}
}
if(emErrs6.length){
const err21 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/2/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"must not contain control characters (U+0000-U+001F, U+007F): S3 asks to avoid them in keys, and they hide what the grant names"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const emErrs7 = [];
for(const err22 of vErrors){
if(!err22.emUsed){
emErrs7.push(err22);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
const _errs16 = errors;
const _errs17 = errors;
if(errors === _errs17){
if(typeof data2 === "string"){
if(!pattern7.test(data2)){
const err23 = {};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
var valid5 = _errs17 === errors;
if(valid5){
const err25 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/3/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
else {
errors = _errs16;
if(vErrors !== null){
if(_errs16){
vErrors.length = _errs16;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs8 = [];
for(const err26 of vErrors){
if(((((err26.keyword !== "errorMessage") && (!err26.emUsed)) && ((err26.instancePath === instancePath+"/prefix") || ((err26.instancePath.indexOf(instancePath+"/prefix") === 0) && (err26.instancePath[instancePath+"/prefix".length] === "/")))) && (err26.schemaPath.indexOf("#/definitions/prefix/allOf/3") === 0)) && (err26.schemaPath["#/definitions/prefix/allOf/3".length] === "/")){
emErrs8.push(err26);
err26.emUsed = true;
}
}
if(emErrs8.length){
const err27 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/allOf/3/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must not contain '.' or '..' segments: S3 keys are not paths, but the AWS CLI and path-normalising clients treat them as such, so the grant would name other keys than they reach"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const emErrs9 = [];
for(const err28 of vErrors){
if(!err28.emUsed){
emErrs9.push(err28);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
if(typeof data2 === "string"){
if(func3(data2) > 900){
const err29 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/maxLength",keyword:"maxLength",params:{limit: 900},message:"must NOT have more than 900 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(func3(data2) < 1){
const err30 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(errors > 0){
const emErrors0 = {"type":[],"minLength":[],"maxLength":[]};
const templates0 = {};
for(const err32 of vErrors){
if((((((err32.keyword !== "errorMessage") && (!err32.emUsed)) && (err32.instancePath === instancePath+"/prefix")) && (err32.keyword in emErrors0)) && (err32.schemaPath.indexOf("#/definitions/prefix") === 0)) && (/^\/[^\/]*$/.test(err32.schemaPath.slice(20)))){
emErrors0[err32.keyword].push(err32);
err32.emUsed = true;
}
}
for(const key1 in emErrors0){
if(emErrors0[key1].length){
const err33 = {instancePath:instancePath+"/prefix",schemaPath:"#/definitions/prefix/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key1]},message:key1 in templates0 ? templates0[key1]() : schema20.errorMessage[key1]};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
const emErrs10 = [];
for(const err34 of vErrors){
if(!err34.emUsed){
emErrs10.push(err34);
}
}
vErrors = emErrs10;
errors = emErrs10.length;
}
}
}
else {
const err35 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
validate18.errors = vErrors;
return errors === 0;
}

const schema27 = {"type":"object","additionalProperties":false,"required":["template","table"],"properties":{"template":{"const":"dynamodb-read"},"table":{"$ref":"#/definitions/table"}}};
const schema28 = {"type":"string","pattern":"^[A-Za-z0-9_.-]{3,255}$","errorMessage":"must be a DynamoDB table name: 3-255 characters of letters, digits, '_', '-' and '.'"};
const pattern18 = new RegExp("^[A-Za-z0-9_.-]{3,255}$", "u");

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.table === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "table"},message:"must have required property '"+"table"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "template") || (key0 === "table"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("dynamodb-read" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "dynamodb-read"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.table !== undefined){
let data1 = data.table;
if(typeof data1 === "string"){
if(!pattern18.test(data1)){
const err4 = {instancePath:instancePath+"/table",schemaPath:"#/definitions/table/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]{3,255}$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]{3,255}$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/table",schemaPath:"#/definitions/table/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/table") || ((err6.instancePath.indexOf(instancePath+"/table") === 0) && (err6.instancePath[instancePath+"/table".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/table") === 0)) && (err6.schemaPath["#/definitions/table".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/table",schemaPath:"#/definitions/table/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be a DynamoDB table name: 3-255 characters of letters, digits, '_', '-' and '.'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}

const schema29 = {"type":"object","additionalProperties":false,"required":["template","table"],"properties":{"template":{"const":"dynamodb-crud"},"table":{"$ref":"#/definitions/table"}}};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.table === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "table"},message:"must have required property '"+"table"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "template") || (key0 === "table"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("dynamodb-crud" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "dynamodb-crud"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.table !== undefined){
let data1 = data.table;
if(typeof data1 === "string"){
if(!pattern18.test(data1)){
const err4 = {instancePath:instancePath+"/table",schemaPath:"#/definitions/table/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]{3,255}$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]{3,255}$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/table",schemaPath:"#/definitions/table/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/table") || ((err6.instancePath.indexOf(instancePath+"/table") === 0) && (err6.instancePath[instancePath+"/table".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/table") === 0)) && (err6.schemaPath["#/definitions/table".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/table",schemaPath:"#/definitions/table/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be a DynamoDB table name: 3-255 characters of letters, digits, '_', '-' and '.'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}

const schema31 = {"type":"object","additionalProperties":false,"required":["template","queue"],"properties":{"template":{"const":"sqs-consume"},"queue":{"$ref":"#/definitions/queue"}}};
const schema32 = {"type":"string","pattern":"^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$","errorMessage":"must be an SQS queue name: 1-80 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"};
const pattern20 = new RegExp("^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.queue === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "queue"},message:"must have required property '"+"queue"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "template") || (key0 === "queue"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("sqs-consume" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "sqs-consume"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.queue !== undefined){
let data1 = data.queue;
if(typeof data1 === "string"){
if(!pattern20.test(data1)){
const err4 = {instancePath:instancePath+"/queue",schemaPath:"#/definitions/queue/pattern",keyword:"pattern",params:{pattern: "^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$"},message:"must match pattern \""+"^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/queue",schemaPath:"#/definitions/queue/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/queue") || ((err6.instancePath.indexOf(instancePath+"/queue") === 0) && (err6.instancePath[instancePath+"/queue".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/queue") === 0)) && (err6.schemaPath["#/definitions/queue".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/queue",schemaPath:"#/definitions/queue/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an SQS queue name: 1-80 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}

const schema33 = {"type":"object","additionalProperties":false,"required":["template","queue"],"properties":{"template":{"const":"sqs-send"},"queue":{"$ref":"#/definitions/queue"}}};

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.queue === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "queue"},message:"must have required property '"+"queue"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "template") || (key0 === "queue"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("sqs-send" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "sqs-send"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.queue !== undefined){
let data1 = data.queue;
if(typeof data1 === "string"){
if(!pattern20.test(data1)){
const err4 = {instancePath:instancePath+"/queue",schemaPath:"#/definitions/queue/pattern",keyword:"pattern",params:{pattern: "^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$"},message:"must match pattern \""+"^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/queue",schemaPath:"#/definitions/queue/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/queue") || ((err6.instancePath.indexOf(instancePath+"/queue") === 0) && (err6.instancePath[instancePath+"/queue".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/queue") === 0)) && (err6.schemaPath["#/definitions/queue".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/queue",schemaPath:"#/definitions/queue/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an SQS queue name: 1-80 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema35 = {"type":"object","additionalProperties":false,"required":["template","topic"],"properties":{"template":{"const":"sns-publish"},"topic":{"$ref":"#/definitions/topic"}}};
const schema36 = {"type":"string","pattern":"^(?=.{1,256}$)[A-Za-z0-9_-]+(\\.fifo)?$","errorMessage":"must be an SNS topic name: 1-256 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"};
const pattern22 = new RegExp("^(?=.{1,256}$)[A-Za-z0-9_-]+(\\.fifo)?$", "u");

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.topic === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "topic"},message:"must have required property '"+"topic"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "template") || (key0 === "topic"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("sns-publish" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "sns-publish"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.topic !== undefined){
let data1 = data.topic;
if(typeof data1 === "string"){
if(!pattern22.test(data1)){
const err4 = {instancePath:instancePath+"/topic",schemaPath:"#/definitions/topic/pattern",keyword:"pattern",params:{pattern: "^(?=.{1,256}$)[A-Za-z0-9_-]+(\\.fifo)?$"},message:"must match pattern \""+"^(?=.{1,256}$)[A-Za-z0-9_-]+(\\.fifo)?$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/topic",schemaPath:"#/definitions/topic/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/topic") || ((err6.instancePath.indexOf(instancePath+"/topic") === 0) && (err6.instancePath[instancePath+"/topic".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/topic") === 0)) && (err6.schemaPath["#/definitions/topic".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/topic",schemaPath:"#/definitions/topic/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an SNS topic name: 1-256 characters of letters, digits, '-' and '_' (optionally ending in .fifo)"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}

const schema37 = {"type":"object","additionalProperties":false,"required":["template","secret"],"properties":{"template":{"const":"secretsmanager-read"},"secret":{"$ref":"#/definitions/secret"}}};
const schema38 = {"type":"string","pattern":"^[A-Za-z0-9/_+=.@-]{1,512}$","errorMessage":"must be a Secrets Manager secret name: 1-512 characters of letters, digits and / _ + = . @ -"};
const pattern23 = new RegExp("^[A-Za-z0-9/_+=.@-]{1,512}$", "u");

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.secret === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "secret"},message:"must have required property '"+"secret"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "template") || (key0 === "secret"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("secretsmanager-read" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "secretsmanager-read"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.secret !== undefined){
let data1 = data.secret;
if(typeof data1 === "string"){
if(!pattern23.test(data1)){
const err4 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/secret/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9/_+=.@-]{1,512}$"},message:"must match pattern \""+"^[A-Za-z0-9/_+=.@-]{1,512}$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/secret/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/secret") || ((err6.instancePath.indexOf(instancePath+"/secret") === 0) && (err6.instancePath[instancePath+"/secret".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/secret") === 0)) && (err6.schemaPath["#/definitions/secret".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/secret/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be a Secrets Manager secret name: 1-512 characters of letters, digits and / _ + = . @ -"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}

const schema39 = {"type":"object","additionalProperties":false,"required":["template","path"],"properties":{"template":{"const":"ssm-parameters-read"},"path":{"$ref":"#/definitions/parameterPath"}}};
const schema40 = {"type":"string","pattern":"^(?=.{2,1011}$)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$","errorMessage":"must be an SSM parameter path such as /payments/prod: '/'-separated segments of letters, digits, '_', '.' and '-'"};
const pattern24 = new RegExp("^(?=.{2,1011}$)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", "u");

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.path === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "template") || (key0 === "path"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.template !== undefined){
if("ssm-parameters-read" !== data.template){
const err3 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "ssm-parameters-read"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.path !== undefined){
let data1 = data.path;
if(typeof data1 === "string"){
if(!pattern24.test(data1)){
const err4 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/parameterPath/pattern",keyword:"pattern",params:{pattern: "^(?=.{2,1011}$)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$"},message:"must match pattern \""+"^(?=.{2,1011}$)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/parameterPath/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/path") || ((err6.instancePath.indexOf(instancePath+"/path") === 0) && (err6.instancePath[instancePath+"/path".length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/parameterPath") === 0)) && (err6.schemaPath["#/definitions/parameterPath".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/parameterPath/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an SSM parameter path such as /payments/prod: '/'-separated segments of letters, digits, '_', '.' and '-'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}

const schema41 = {"type":"object","additionalProperties":false,"required":["template","keyId","viaService"],"properties":{"template":{"const":"kms-decrypt"},"keyId":{"$ref":"#/definitions/keyId"},"viaService":{"$ref":"#/definitions/viaService"}}};
const schema42 = {"type":"string","pattern":"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$","errorMessage":"must be a KMS key id (a UUID, or mrk-<32 hex> for a multi-Region key); aliases cannot scope an IAM policy"};
const schema43 = {"type":"string","enum":["s3","secretsmanager","ssm","sqs","sns","dynamodb"],"errorMessage":"must be the service that decrypts on the caller's behalf: s3, secretsmanager, ssm, sqs, sns or dynamodb"};
const pattern25 = new RegExp("^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", "u");

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.keyId === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "keyId"},message:"must have required property '"+"keyId"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.viaService === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "viaService"},message:"must have required property '"+"viaService"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "template") || (key0 === "keyId")) || (key0 === "viaService"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.template !== undefined){
if("kms-decrypt" !== data.template){
const err4 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/const",keyword:"const",params:{allowedValue: "kms-decrypt"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.keyId !== undefined){
let data1 = data.keyId;
if(typeof data1 === "string"){
if(!pattern25.test(data1)){
const err5 = {instancePath:instancePath+"/keyId",schemaPath:"#/definitions/keyId/pattern",keyword:"pattern",params:{pattern: "^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$"},message:"must match pattern \""+"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/keyId",schemaPath:"#/definitions/keyId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err7 of vErrors){
if(((((err7.keyword !== "errorMessage") && (!err7.emUsed)) && ((err7.instancePath === instancePath+"/keyId") || ((err7.instancePath.indexOf(instancePath+"/keyId") === 0) && (err7.instancePath[instancePath+"/keyId".length] === "/")))) && (err7.schemaPath.indexOf("#/definitions/keyId") === 0)) && (err7.schemaPath["#/definitions/keyId".length] === "/")){
emErrs0.push(err7);
err7.emUsed = true;
}
}
if(emErrs0.length){
const err8 = {instancePath:instancePath+"/keyId",schemaPath:"#/definitions/keyId/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be a KMS key id (a UUID, or mrk-<32 hex> for a multi-Region key); aliases cannot scope an IAM policy"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const emErrs1 = [];
for(const err9 of vErrors){
if(!err9.emUsed){
emErrs1.push(err9);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.viaService !== undefined){
let data2 = data.viaService;
if(typeof data2 !== "string"){
const err10 = {instancePath:instancePath+"/viaService",schemaPath:"#/definitions/viaService/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!((((((data2 === "s3") || (data2 === "secretsmanager")) || (data2 === "ssm")) || (data2 === "sqs")) || (data2 === "sns")) || (data2 === "dynamodb"))){
const err11 = {instancePath:instancePath+"/viaService",schemaPath:"#/definitions/viaService/enum",keyword:"enum",params:{allowedValues: schema43.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(errors > 0){
const emErrs2 = [];
for(const err12 of vErrors){
if(((((err12.keyword !== "errorMessage") && (!err12.emUsed)) && ((err12.instancePath === instancePath+"/viaService") || ((err12.instancePath.indexOf(instancePath+"/viaService") === 0) && (err12.instancePath[instancePath+"/viaService".length] === "/")))) && (err12.schemaPath.indexOf("#/definitions/viaService") === 0)) && (err12.schemaPath["#/definitions/viaService".length] === "/")){
emErrs2.push(err12);
err12.emUsed = true;
}
}
if(emErrs2.length){
const err13 = {instancePath:instancePath+"/viaService",schemaPath:"#/definitions/viaService/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must be the service that decrypts on the caller's behalf: s3, secretsmanager, ssm, sqs, sns or dynamodb"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
const emErrs3 = [];
for(const err14 of vErrors){
if(!err14.emUsed){
emErrs3.push(err14);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}


function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.template === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.template !== undefined){
if(typeof data.template !== "string"){
const err1 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
const tag0 = data.template;
if(typeof tag0 == "string"){
if(tag0 === "s3-read"){
if(!(validate16(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
else if(tag0 === "s3-write"){
if(!(validate17(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
else if(tag0 === "s3-readwrite"){
if(!(validate18(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);
errors = vErrors.length;
}
}
else if(tag0 === "dynamodb-read"){
if(!(validate19(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
else if(tag0 === "dynamodb-crud"){
if(!(validate20(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
else if(tag0 === "sqs-consume"){
if(!(validate21(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
else if(tag0 === "sqs-send"){
if(!(validate22(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
else if(tag0 === "sns-publish"){
if(!(validate23(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
else if(tag0 === "secretsmanager-read"){
if(!(validate24(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
else if(tag0 === "ssm-parameters-read"){
if(!(validate25(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
else if(tag0 === "kms-decrypt"){
if(!(validate26(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
else {
const err2 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "template", tagValue: tag0},message:"value of tag \"template\" must be in oneOf"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "tag", tag: "template", tagValue: tag0},message:"tag \"template\" must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}

const schema44 = {"description":"One statement of a session policy: Effect, exactly one of Action/NotAction, exactly one of Resource/NotResource, optionally Sid and Condition. No Principal: a session policy applies to the session.","type":"object","additionalProperties":false,"required":["Effect"],"properties":{"Sid":{"type":"string","pattern":"^[A-Za-z0-9]*$","errorMessage":"must be letters and digits only (IAM's Sid)"},"Effect":{"enum":["Allow","Deny"],"errorMessage":"must be \"Allow\" or \"Deny\""},"Action":{"$ref":"#/definitions/policyActions"},"NotAction":{"$ref":"#/definitions/policyActions"},"Resource":{"$ref":"#/definitions/policyResources"},"NotResource":{"$ref":"#/definitions/policyResources"},"Condition":{"$ref":"#/definitions/policyCondition"},"Principal":{"not":{},"errorMessage":"is not allowed: a session policy has no Principal (it applies to the session that assumes the role)"},"NotPrincipal":{"not":{},"errorMessage":"is not allowed: a session policy has no NotPrincipal (it applies to the session that assumes the role)"}},"allOf":[{"anyOf":[{"properties":{"Action":true},"required":["Action"]},{"properties":{"NotAction":true},"required":["NotAction"]}],"not":{"type":"object","properties":{"Action":true,"NotAction":true},"required":["Action","NotAction"]},"errorMessage":"must have exactly one of Action or NotAction"},{"anyOf":[{"properties":{"Resource":true},"required":["Resource"]},{"properties":{"NotResource":true},"required":["NotResource"]}],"not":{"type":"object","properties":{"Resource":true,"NotResource":true},"required":["Resource","NotResource"]},"errorMessage":"must have exactly one of Resource or NotResource"}]};
const schema49 = {"description":"Condition block: operator (e.g. StringEquals, ForAnyValue:StringLike) → condition key (e.g. aws:PrincipalTag/team) → value or values.","type":"object","propertyNames":{"pattern":"^((ForAllValues|ForAnyValue):)?[A-Za-z]{1,64}$","errorMessage":"must be a condition operator such as StringEquals or ForAnyValue:StringLike"},"additionalProperties":{"type":"object","propertyNames":{"pattern":"^[A-Za-z0-9-]+:[^\\u0000-\\u001f\\u007f]{1,256}$","errorMessage":"must be a condition key such as aws:PrincipalTag/team (service prefix, ':', key)"},"additionalProperties":{"type":["string","number","boolean","array"],"items":{"type":["string","number","boolean"],"errorMessage":"must be a string, number or boolean"},"errorMessage":{"type":"must be a string, number or boolean, or an array of them"}},"errorMessage":{"type":"must be an object of condition keys to values"}},"errorMessage":{"type":"must be an object of condition operators to condition keys"}};
const pattern30 = new RegExp("^[A-Za-z0-9]*$", "u");
const pattern35 = new RegExp("^((ForAllValues|ForAnyValue):)?[A-Za-z]{1,64}$", "u");
const pattern36 = new RegExp("^[A-Za-z0-9-]+:[^\\u0000-\\u001f\\u007f]{1,256}$", "u");
const schema45 = {"description":"One action (a string) or a non-empty array of them.","type":["string","array"],"pattern":"^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$","minItems":1,"items":{"$ref":"#/definitions/policyAction"},"errorMessage":{"type":"must be an IAM action (a string) or a non-empty array of them","pattern":"must be an IAM action such as 's3:GetObject' (service prefix, ':', action name; wildcards '*' and '?' allowed) or '*'","minItems":"must be an IAM action (a string) or a non-empty array of them"}};
const schema46 = {"type":"string","pattern":"^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$","errorMessage":"must be an IAM action such as 's3:GetObject' (service prefix, ':', action name; wildcards '*' and '?' allowed) or '*'"};
const pattern31 = new RegExp("^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$", "u");

function validate40(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((typeof data !== "string") && (!(Array.isArray(data)))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema45.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(typeof data === "string"){
if(!pattern31.test(data)){
const err1 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$"},message:"must match pattern \""+"^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$"+"\""};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(Array.isArray(data)){
if(data.length < 1){
const err2 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(!pattern31.test(data0)){
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyAction/pattern",keyword:"pattern",params:{pattern: "^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$"},message:"must match pattern \""+"^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyAction/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err5 of vErrors){
if(((((err5.keyword !== "errorMessage") && (!err5.emUsed)) && ((err5.instancePath === instancePath+"/" + i0) || ((err5.instancePath.indexOf(instancePath+"/" + i0) === 0) && (err5.instancePath[instancePath+"/" + i0.length] === "/")))) && (err5.schemaPath.indexOf("#/definitions/policyAction") === 0)) && (err5.schemaPath["#/definitions/policyAction".length] === "/")){
emErrs0.push(err5);
err5.emUsed = true;
}
}
if(emErrs0.length){
const err6 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyAction/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an IAM action such as 's3:GetObject' (service prefix, ':', action name; wildcards '*' and '?' allowed) or '*'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const emErrs1 = [];
for(const err7 of vErrors){
if(!err7.emUsed){
emErrs1.push(err7);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
if(errors > 0){
const emErrors0 = {"type":[],"pattern":[],"minItems":[]};
const templates0 = {};
for(const err8 of vErrors){
if((((((err8.keyword !== "errorMessage") && (!err8.emUsed)) && (err8.instancePath === instancePath)) && (err8.keyword in emErrors0)) && (err8.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err8.schemaPath.slice(1)))){
emErrors0[err8.keyword].push(err8);
err8.emUsed = true;
}
}
for(const key0 in emErrors0){
if(emErrors0[key0].length){
const err9 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key0]},message:key0 in templates0 ? templates0[key0]() : schema45.errorMessage[key0]};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
const emErrs2 = [];
for(const err10 of vErrors){
if(!err10.emUsed){
emErrs2.push(err10);
}
}
vErrors = emErrs2;
errors = emErrs2.length;
}
validate40.errors = vErrors;
return errors === 0;
}

const schema47 = {"description":"One resource (a string) or a non-empty array of them.","type":["string","array"],"minLength":1,"maxLength":2048,"pattern":"^[^\\u0000-\\u001f\\u007f]*$","minItems":1,"items":{"$ref":"#/definitions/policyResource"},"errorMessage":{"type":"must be a resource ARN or '*' (a string) or a non-empty array of them","minLength":"must be a resource ARN or '*': 1-2048 characters without control characters","maxLength":"must be a resource ARN or '*': 1-2048 characters without control characters","pattern":"must be a resource ARN or '*': 1-2048 characters without control characters","minItems":"must be a resource ARN or '*' (a string) or a non-empty array of them"}};
const schema48 = {"type":"string","minLength":1,"maxLength":2048,"pattern":"^[^\\u0000-\\u001f\\u007f]*$","errorMessage":"must be a resource ARN or '*': 1-2048 characters without control characters"};

function validate43(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((typeof data !== "string") && (!(Array.isArray(data)))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema47.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(typeof data === "string"){
if(func3(data) > 2048){
const err1 = {instancePath,schemaPath:"#/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(func3(data) < 1){
const err2 = {instancePath,schemaPath:"#/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern6.test(data)){
const err3 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f]*$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(Array.isArray(data)){
if(data.length < 1){
const err4 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func3(data0) > 2048){
const err5 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyResource/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(func3(data0) < 1){
const err6 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyResource/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern6.test(data0)){
const err7 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyResource/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f]*$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyResource/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err9 of vErrors){
if(((((err9.keyword !== "errorMessage") && (!err9.emUsed)) && ((err9.instancePath === instancePath+"/" + i0) || ((err9.instancePath.indexOf(instancePath+"/" + i0) === 0) && (err9.instancePath[instancePath+"/" + i0.length] === "/")))) && (err9.schemaPath.indexOf("#/definitions/policyResource") === 0)) && (err9.schemaPath["#/definitions/policyResource".length] === "/")){
emErrs0.push(err9);
err9.emUsed = true;
}
}
if(emErrs0.length){
const err10 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/policyResource/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be a resource ARN or '*': 1-2048 characters without control characters"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const emErrs1 = [];
for(const err11 of vErrors){
if(!err11.emUsed){
emErrs1.push(err11);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
if(errors > 0){
const emErrors0 = {"type":[],"minLength":[],"maxLength":[],"pattern":[],"minItems":[]};
const templates0 = {};
for(const err12 of vErrors){
if((((((err12.keyword !== "errorMessage") && (!err12.emUsed)) && (err12.instancePath === instancePath)) && (err12.keyword in emErrors0)) && (err12.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err12.schemaPath.slice(1)))){
emErrors0[err12.keyword].push(err12);
err12.emUsed = true;
}
}
for(const key0 in emErrors0){
if(emErrors0[key0].length){
const err13 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key0]},message:key0 in templates0 ? templates0[key0]() : schema47.errorMessage[key0]};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
const emErrs2 = [];
for(const err14 of vErrors){
if(!err14.emUsed){
emErrs2.push(err14);
}
}
vErrors = emErrs2;
errors = emErrs2.length;
}
validate43.errors = vErrors;
return errors === 0;
}


function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.Action === undefined) && (missing0 = "Action")) || ((data.NotAction === undefined) && (missing0 = "NotAction"))){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var valid1 = _errs3 === errors;
if(valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
else {
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
}
const _errs5 = errors;
let valid2 = false;
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.Action === undefined){
const err3 = {instancePath,schemaPath:"#/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "Action"},message:"must have required property '"+"Action"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs7 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.NotAction === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/0/anyOf/1/required",keyword:"required",params:{missingProperty: "NotAction"},message:"must have required property '"+"NotAction"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
}
if(!valid2){
const err5 = {instancePath,schemaPath:"#/allOf/0/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs0 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath) || ((err6.instancePath.indexOf(instancePath) === 0) && (err6.instancePath[instancePath.length] === "/")))) && (err6.schemaPath.indexOf("#/allOf/0") === 0)) && (err6.schemaPath["#/allOf/0".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath,schemaPath:"#/allOf/0/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must have exactly one of Action or NotAction"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs1 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs1.push(err8);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
const _errs9 = errors;
const _errs10 = errors;
if(errors === _errs10){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if(((data.Resource === undefined) && (missing1 = "Resource")) || ((data.NotResource === undefined) && (missing1 = "NotResource"))){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
var valid3 = _errs10 === errors;
if(valid3){
const err11 = {instancePath,schemaPath:"#/allOf/1/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
}
const _errs12 = errors;
let valid4 = false;
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.Resource === undefined){
const err12 = {instancePath,schemaPath:"#/allOf/1/anyOf/0/required",keyword:"required",params:{missingProperty: "Resource"},message:"must have required property '"+"Resource"+"'"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
var _valid1 = _errs13 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const _errs14 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.NotResource === undefined){
const err13 = {instancePath,schemaPath:"#/allOf/1/anyOf/1/required",keyword:"required",params:{missingProperty: "NotResource"},message:"must have required property '"+"NotResource"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
var _valid1 = _errs14 === errors;
valid4 = valid4 || _valid1;
}
if(!valid4){
const err14 = {instancePath,schemaPath:"#/allOf/1/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
else {
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs2 = [];
for(const err15 of vErrors){
if(((((err15.keyword !== "errorMessage") && (!err15.emUsed)) && ((err15.instancePath === instancePath) || ((err15.instancePath.indexOf(instancePath) === 0) && (err15.instancePath[instancePath.length] === "/")))) && (err15.schemaPath.indexOf("#/allOf/1") === 0)) && (err15.schemaPath["#/allOf/1".length] === "/")){
emErrs2.push(err15);
err15.emUsed = true;
}
}
if(emErrs2.length){
const err16 = {instancePath,schemaPath:"#/allOf/1/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must have exactly one of Resource or NotResource"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const emErrs3 = [];
for(const err17 of vErrors){
if(!err17.emUsed){
emErrs3.push(err17);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.Effect === undefined){
const err18 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "Effect"},message:"must have required property '"+"Effect"+"'"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema44.properties, key0))){
const err19 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.Sid !== undefined){
let data0 = data.Sid;
if(typeof data0 === "string"){
if(!pattern30.test(data0)){
const err20 = {instancePath:instancePath+"/Sid",schemaPath:"#/properties/Sid/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]*$"},message:"must match pattern \""+"^[A-Za-z0-9]*$"+"\""};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/Sid",schemaPath:"#/properties/Sid/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(errors > 0){
const emErrs4 = [];
for(const err22 of vErrors){
if(((((err22.keyword !== "errorMessage") && (!err22.emUsed)) && ((err22.instancePath === instancePath+"/Sid") || ((err22.instancePath.indexOf(instancePath+"/Sid") === 0) && (err22.instancePath[instancePath+"/Sid".length] === "/")))) && (err22.schemaPath.indexOf("#/properties/Sid") === 0)) && (err22.schemaPath["#/properties/Sid".length] === "/")){
emErrs4.push(err22);
err22.emUsed = true;
}
}
if(emErrs4.length){
const err23 = {instancePath:instancePath+"/Sid",schemaPath:"#/properties/Sid/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must be letters and digits only (IAM's Sid)"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
const emErrs5 = [];
for(const err24 of vErrors){
if(!err24.emUsed){
emErrs5.push(err24);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
}
if(data.Effect !== undefined){
let data1 = data.Effect;
if(!((data1 === "Allow") || (data1 === "Deny"))){
const err25 = {instancePath:instancePath+"/Effect",schemaPath:"#/properties/Effect/enum",keyword:"enum",params:{allowedValues: schema44.properties.Effect.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(errors > 0){
const emErrs6 = [];
for(const err26 of vErrors){
if(((((err26.keyword !== "errorMessage") && (!err26.emUsed)) && ((err26.instancePath === instancePath+"/Effect") || ((err26.instancePath.indexOf(instancePath+"/Effect") === 0) && (err26.instancePath[instancePath+"/Effect".length] === "/")))) && (err26.schemaPath.indexOf("#/properties/Effect") === 0)) && (err26.schemaPath["#/properties/Effect".length] === "/")){
emErrs6.push(err26);
err26.emUsed = true;
}
}
if(emErrs6.length){
const err27 = {instancePath:instancePath+"/Effect",schemaPath:"#/properties/Effect/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"must be \"Allow\" or \"Deny\""};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const emErrs7 = [];
for(const err28 of vErrors){
if(!err28.emUsed){
emErrs7.push(err28);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
}
if(data.Action !== undefined){
if(!(validate40(data.Action, {instancePath:instancePath+"/Action",parentData:data,parentDataProperty:"Action",rootData}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
}
if(data.NotAction !== undefined){
if(!(validate40(data.NotAction, {instancePath:instancePath+"/NotAction",parentData:data,parentDataProperty:"NotAction",rootData}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
}
if(data.Resource !== undefined){
if(!(validate43(data.Resource, {instancePath:instancePath+"/Resource",parentData:data,parentDataProperty:"Resource",rootData}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.NotResource !== undefined){
if(!(validate43(data.NotResource, {instancePath:instancePath+"/NotResource",parentData:data,parentDataProperty:"NotResource",rootData}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.Condition !== undefined){
let data6 = data.Condition;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
const _errs26 = errors;
if(typeof key1 === "string"){
if(!pattern35.test(key1)){
const err29 = {instancePath:instancePath+"/Condition",schemaPath:"#/definitions/policyCondition/propertyNames/pattern",keyword:"pattern",params:{pattern: "^((ForAllValues|ForAnyValue):)?[A-Za-z]{1,64}$"},message:"must match pattern \""+"^((ForAllValues|ForAnyValue):)?[A-Za-z]{1,64}$"+"\"",propertyName:key1};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(errors > 0){
const emErrs8 = [];
for(const err30 of vErrors){
if(((((err30.keyword !== "errorMessage") && (!err30.emUsed)) && ((err30.instancePath === instancePath+"/Condition") || ((err30.instancePath.indexOf(instancePath+"/Condition") === 0) && (err30.instancePath[instancePath+"/Condition".length] === "/")))) && (err30.schemaPath.indexOf("#/definitions/policyCondition/propertyNames") === 0)) && (err30.schemaPath["#/definitions/policyCondition/propertyNames".length] === "/")){
emErrs8.push(err30);
err30.emUsed = true;
}
}
if(emErrs8.length){
const err31 = {instancePath:instancePath+"/Condition",schemaPath:"#/definitions/policyCondition/propertyNames/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must be a condition operator such as StringEquals or ForAnyValue:StringLike",propertyName:key1};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
const emErrs9 = [];
for(const err32 of vErrors){
if(!err32.emUsed){
emErrs9.push(err32);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
var valid7 = _errs26 === errors;
if(!valid7){
const err33 = {instancePath:instancePath+"/Condition",schemaPath:"#/definitions/policyCondition/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
for(const key2 in data6){
let data7 = data6[key2];
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key3 in data7){
const _errs30 = errors;
if(typeof key3 === "string"){
if(!pattern36.test(key3)){
const err34 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/policyCondition/additionalProperties/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9-]+:[^\\u0000-\\u001f\\u007f]{1,256}$"},message:"must match pattern \""+"^[A-Za-z0-9-]+:[^\\u0000-\\u001f\\u007f]{1,256}$"+"\"",propertyName:key3};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(errors > 0){
const emErrs10 = [];
for(const err35 of vErrors){
if(((((err35.keyword !== "errorMessage") && (!err35.emUsed)) && ((err35.instancePath === instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")) || ((err35.instancePath.indexOf(instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")) === 0) && (err35.instancePath[instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1").length] === "/")))) && (err35.schemaPath.indexOf("#/definitions/policyCondition/additionalProperties/propertyNames") === 0)) && (err35.schemaPath["#/definitions/policyCondition/additionalProperties/propertyNames".length] === "/")){
emErrs10.push(err35);
err35.emUsed = true;
}
}
if(emErrs10.length){
const err36 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/policyCondition/additionalProperties/propertyNames/errorMessage",keyword:"errorMessage",params:{errors: emErrs10},message:"must be a condition key such as aws:PrincipalTag/team (service prefix, ':', key)",propertyName:key3};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
const emErrs11 = [];
for(const err37 of vErrors){
if(!err37.emUsed){
emErrs11.push(err37);
}
}
vErrors = emErrs11;
errors = emErrs11.length;
}
var valid9 = _errs30 === errors;
if(!valid9){
const err38 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/policyCondition/additionalProperties/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
for(const key4 in data7){
let data8 = data7[key4];
if((((typeof data8 !== "string") && (!((typeof data8 == "number") && (isFinite(data8))))) && (typeof data8 !== "boolean")) && (!(Array.isArray(data8)))){
const err39 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/policyCondition/additionalProperties/additionalProperties/type",keyword:"type",params:{type: schema49.additionalProperties.additionalProperties.type},message:"must be string,number,boolean,array"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(Array.isArray(data8)){
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(((typeof data9 !== "string") && (!((typeof data9 == "number") && (isFinite(data9))))) && (typeof data9 !== "boolean")){
const err40 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,schemaPath:"#/definitions/policyCondition/additionalProperties/additionalProperties/items/type",keyword:"type",params:{type: schema49.additionalProperties.additionalProperties.items.type},message:"must be string,number,boolean"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(errors > 0){
const emErrs12 = [];
for(const err41 of vErrors){
if(((((err41.keyword !== "errorMessage") && (!err41.emUsed)) && ((err41.instancePath === instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0) || ((err41.instancePath.indexOf(instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0) === 0) && (err41.instancePath[instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0.length] === "/")))) && (err41.schemaPath.indexOf("#/definitions/policyCondition/additionalProperties/additionalProperties/items") === 0)) && (err41.schemaPath["#/definitions/policyCondition/additionalProperties/additionalProperties/items".length] === "/")){
emErrs12.push(err41);
err41.emUsed = true;
}
}
if(emErrs12.length){
const err42 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,schemaPath:"#/definitions/policyCondition/additionalProperties/additionalProperties/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs12},message:"must be a string, number or boolean"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
const emErrs13 = [];
for(const err43 of vErrors){
if(!err43.emUsed){
emErrs13.push(err43);
}
}
vErrors = emErrs13;
errors = emErrs13.length;
}
}
}
if(errors > 0){
const emErrors0 = {"type":[]};
const templates0 = {};
for(const err44 of vErrors){
if((((((err44.keyword !== "errorMessage") && (!err44.emUsed)) && (err44.instancePath === instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"))) && (err44.keyword in emErrors0)) && (err44.schemaPath.indexOf("#/definitions/policyCondition/additionalProperties/additionalProperties") === 0)) && (/^\/[^\/]*$/.test(err44.schemaPath.slice(71)))){
emErrors0[err44.keyword].push(err44);
err44.emUsed = true;
}
}
for(const key5 in emErrors0){
if(emErrors0[key5].length){
const err45 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/policyCondition/additionalProperties/additionalProperties/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key5]},message:key5 in templates0 ? templates0[key5]() : schema49.additionalProperties.additionalProperties.errorMessage[key5]};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
const emErrs14 = [];
for(const err46 of vErrors){
if(!err46.emUsed){
emErrs14.push(err46);
}
}
vErrors = emErrs14;
errors = emErrs14.length;
}
}
}
else {
const err47 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/policyCondition/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(errors > 0){
const emErrors1 = {"type":[]};
const templates1 = {};
for(const err48 of vErrors){
if((((((err48.keyword !== "errorMessage") && (!err48.emUsed)) && (err48.instancePath === instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"))) && (err48.keyword in emErrors1)) && (err48.schemaPath.indexOf("#/definitions/policyCondition/additionalProperties") === 0)) && (/^\/[^\/]*$/.test(err48.schemaPath.slice(50)))){
emErrors1[err48.keyword].push(err48);
err48.emUsed = true;
}
}
for(const key6 in emErrors1){
if(emErrors1[key6].length){
const err49 = {instancePath:instancePath+"/Condition/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/policyCondition/additionalProperties/errorMessage",keyword:"errorMessage",params:{errors: emErrors1[key6]},message:key6 in templates1 ? templates1[key6]() : schema49.additionalProperties.errorMessage[key6]};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
const emErrs15 = [];
for(const err50 of vErrors){
if(!err50.emUsed){
emErrs15.push(err50);
}
}
vErrors = emErrs15;
errors = emErrs15.length;
}
}
}
else {
const err51 = {instancePath:instancePath+"/Condition",schemaPath:"#/definitions/policyCondition/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(errors > 0){
const emErrors2 = {"type":[]};
const templates2 = {};
for(const err52 of vErrors){
if((((((err52.keyword !== "errorMessage") && (!err52.emUsed)) && (err52.instancePath === instancePath+"/Condition")) && (err52.keyword in emErrors2)) && (err52.schemaPath.indexOf("#/definitions/policyCondition") === 0)) && (/^\/[^\/]*$/.test(err52.schemaPath.slice(29)))){
emErrors2[err52.keyword].push(err52);
err52.emUsed = true;
}
}
for(const key7 in emErrors2){
if(emErrors2[key7].length){
const err53 = {instancePath:instancePath+"/Condition",schemaPath:"#/definitions/policyCondition/errorMessage",keyword:"errorMessage",params:{errors: emErrors2[key7]},message:key7 in templates2 ? templates2[key7]() : schema49.errorMessage[key7]};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
const emErrs16 = [];
for(const err54 of vErrors){
if(!err54.emUsed){
emErrs16.push(err54);
}
}
vErrors = emErrs16;
errors = emErrs16.length;
}
}
if(data.Principal !== undefined){
const err55 = {instancePath:instancePath+"/Principal",schemaPath:"#/properties/Principal/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
if(errors > 0){
const emErrs17 = [];
for(const err56 of vErrors){
if(((((err56.keyword !== "errorMessage") && (!err56.emUsed)) && ((err56.instancePath === instancePath+"/Principal") || ((err56.instancePath.indexOf(instancePath+"/Principal") === 0) && (err56.instancePath[instancePath+"/Principal".length] === "/")))) && (err56.schemaPath.indexOf("#/properties/Principal") === 0)) && (err56.schemaPath["#/properties/Principal".length] === "/")){
emErrs17.push(err56);
err56.emUsed = true;
}
}
if(emErrs17.length){
const err57 = {instancePath:instancePath+"/Principal",schemaPath:"#/properties/Principal/errorMessage",keyword:"errorMessage",params:{errors: emErrs17},message:"is not allowed: a session policy has no Principal (it applies to the session that assumes the role)"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
const emErrs18 = [];
for(const err58 of vErrors){
if(!err58.emUsed){
emErrs18.push(err58);
}
}
vErrors = emErrs18;
errors = emErrs18.length;
}
}
if(data.NotPrincipal !== undefined){
const err59 = {instancePath:instancePath+"/NotPrincipal",schemaPath:"#/properties/NotPrincipal/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
if(errors > 0){
const emErrs19 = [];
for(const err60 of vErrors){
if(((((err60.keyword !== "errorMessage") && (!err60.emUsed)) && ((err60.instancePath === instancePath+"/NotPrincipal") || ((err60.instancePath.indexOf(instancePath+"/NotPrincipal") === 0) && (err60.instancePath[instancePath+"/NotPrincipal".length] === "/")))) && (err60.schemaPath.indexOf("#/properties/NotPrincipal") === 0)) && (err60.schemaPath["#/properties/NotPrincipal".length] === "/")){
emErrs19.push(err60);
err60.emUsed = true;
}
}
if(emErrs19.length){
const err61 = {instancePath:instancePath+"/NotPrincipal",schemaPath:"#/properties/NotPrincipal/errorMessage",keyword:"errorMessage",params:{errors: emErrs19},message:"is not allowed: a session policy has no NotPrincipal (it applies to the session that assumes the role)"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
const emErrs20 = [];
for(const err62 of vErrors){
if(!err62.emUsed){
emErrs20.push(err62);
}
}
vErrors = emErrs20;
errors = emErrs20.length;
}
}
}
else {
const err63 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
validate39.errors = vErrors;
return errors === 0;
}


function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://pod-identity-provisioner/schemas/grant-request.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.cluster === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.namespace === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "namespace"},message:"must have required property '"+"namespace"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.serviceAccount === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "serviceAccount"},message:"must have required property '"+"serviceAccount"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.permissions === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "permissions"},message:"must have required property '"+"permissions"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema16.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.cluster !== undefined){
let data0 = data.cluster;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"},message:"must match pattern \""+"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err7 of vErrors){
if(((((err7.keyword !== "errorMessage") && (!err7.emUsed)) && ((err7.instancePath === instancePath+"/cluster") || ((err7.instancePath.indexOf(instancePath+"/cluster") === 0) && (err7.instancePath[instancePath+"/cluster".length] === "/")))) && (err7.schemaPath.indexOf("#/properties/cluster") === 0)) && (err7.schemaPath["#/properties/cluster".length] === "/")){
emErrs0.push(err7);
err7.emUsed = true;
}
}
if(emErrs0.length){
const err8 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an EKS cluster name: 1-100 characters, starting with a letter or digit, then letters, digits, '-' or '_'"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const emErrs1 = [];
for(const err9 of vErrors){
if(!err9.emUsed){
emErrs1.push(err9);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.namespace !== undefined){
let data1 = data.namespace;
if(typeof data1 === "string"){
if(!pattern1.test(data1)){
const err10 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(errors > 0){
const emErrs2 = [];
for(const err12 of vErrors){
if(((((err12.keyword !== "errorMessage") && (!err12.emUsed)) && ((err12.instancePath === instancePath+"/namespace") || ((err12.instancePath.indexOf(instancePath+"/namespace") === 0) && (err12.instancePath[instancePath+"/namespace".length] === "/")))) && (err12.schemaPath.indexOf("#/properties/namespace") === 0)) && (err12.schemaPath["#/properties/namespace".length] === "/")){
emErrs2.push(err12);
err12.emUsed = true;
}
}
if(emErrs2.length){
const err13 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must be a Kubernetes namespace name (DNS-1123 label): lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
const emErrs3 = [];
for(const err14 of vErrors){
if(!err14.emUsed){
emErrs3.push(err14);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
}
if(data.serviceAccount !== undefined){
let data2 = data.serviceAccount;
if(typeof data2 === "string"){
if(!pattern2.test(data2)){
const err15 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/properties/serviceAccount/pattern",keyword:"pattern",params:{pattern: "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/properties/serviceAccount/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(errors > 0){
const emErrs4 = [];
for(const err17 of vErrors){
if(((((err17.keyword !== "errorMessage") && (!err17.emUsed)) && ((err17.instancePath === instancePath+"/serviceAccount") || ((err17.instancePath.indexOf(instancePath+"/serviceAccount") === 0) && (err17.instancePath[instancePath+"/serviceAccount".length] === "/")))) && (err17.schemaPath.indexOf("#/properties/serviceAccount") === 0)) && (err17.schemaPath["#/properties/serviceAccount".length] === "/")){
emErrs4.push(err17);
err17.emUsed = true;
}
}
if(emErrs4.length){
const err18 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/properties/serviceAccount/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must be a Kubernetes service account name (DNS-1123 subdomain): lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
const emErrs5 = [];
for(const err19 of vErrors){
if(!err19.emUsed){
emErrs5.push(err19);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
}
if(data.permissions !== undefined){
let data3 = data.permissions;
if(Array.isArray(data3)){
if(data3.length > 50){
const err20 = {instancePath:instancePath+"/permissions",schemaPath:"#/properties/permissions/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data3.length < 1){
const err21 = {instancePath:instancePath+"/permissions",schemaPath:"#/properties/permissions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(!(validate15(data3[i0], {instancePath:instancePath+"/permissions/" + i0,parentData:data3,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
}
else {
const err22 = {instancePath:instancePath+"/permissions",schemaPath:"#/properties/permissions/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.ticket !== undefined){
let data5 = data.ticket;
if(typeof data5 === "string"){
if(!pattern26.test(data5)){
const err23 = {instancePath:instancePath+"/ticket",schemaPath:"#/properties/ticket/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/ticket",schemaPath:"#/properties/ticket/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(errors > 0){
const emErrs6 = [];
for(const err25 of vErrors){
if(((((err25.keyword !== "errorMessage") && (!err25.emUsed)) && ((err25.instancePath === instancePath+"/ticket") || ((err25.instancePath.indexOf(instancePath+"/ticket") === 0) && (err25.instancePath[instancePath+"/ticket".length] === "/")))) && (err25.schemaPath.indexOf("#/properties/ticket") === 0)) && (err25.schemaPath["#/properties/ticket".length] === "/")){
emErrs6.push(err25);
err25.emUsed = true;
}
}
if(emErrs6.length){
const err26 = {instancePath:instancePath+"/ticket",schemaPath:"#/properties/ticket/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"must be 1-128 characters: letters, digits and . _ : / + = @ -, starting with a letter or digit"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const emErrs7 = [];
for(const err27 of vErrors){
if(!err27.emUsed){
emErrs7.push(err27);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
}
if(data.requestedBy !== undefined){
let data6 = data.requestedBy;
if(typeof data6 === "string"){
if(func3(data6) > 128){
const err28 = {instancePath:instancePath+"/requestedBy",schemaPath:"#/properties/requestedBy/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(func3(data6) < 1){
const err29 = {instancePath:instancePath+"/requestedBy",schemaPath:"#/properties/requestedBy/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(!pattern27.test(data6)){
const err30 = {instancePath:instancePath+"/requestedBy",schemaPath:"#/properties/requestedBy/pattern",keyword:"pattern",params:{pattern: "^[\\p{L}\\p{N} _.:/=+@-]+$"},message:"must match pattern \""+"^[\\p{L}\\p{N} _.:/=+@-]+$"+"\""};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/requestedBy",schemaPath:"#/properties/requestedBy/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(errors > 0){
const emErrs8 = [];
for(const err32 of vErrors){
if(((((err32.keyword !== "errorMessage") && (!err32.emUsed)) && ((err32.instancePath === instancePath+"/requestedBy") || ((err32.instancePath.indexOf(instancePath+"/requestedBy") === 0) && (err32.instancePath[instancePath+"/requestedBy".length] === "/")))) && (err32.schemaPath.indexOf("#/properties/requestedBy") === 0)) && (err32.schemaPath["#/properties/requestedBy".length] === "/")){
emErrs8.push(err32);
err32.emUsed = true;
}
}
if(emErrs8.length){
const err33 = {instancePath:instancePath+"/requestedBy",schemaPath:"#/properties/requestedBy/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must be 1-128 characters: letters, digits, spaces and _ . : / = + @ -"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
const emErrs9 = [];
for(const err34 of vErrors){
if(!err34.emUsed){
emErrs9.push(err34);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
}
if(data.targetRoleArn !== undefined){
let data7 = data.targetRoleArn;
if(typeof data7 === "string"){
if(func3(data7) > 2048){
const err35 = {instancePath:instancePath+"/targetRoleArn",schemaPath:"#/properties/targetRoleArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(!pattern28.test(data7)){
const err36 = {instancePath:instancePath+"/targetRoleArn",schemaPath:"#/properties/targetRoleArn/pattern",keyword:"pattern",params:{pattern: "^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$"},message:"must match pattern \""+"^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$"+"\""};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/targetRoleArn",schemaPath:"#/properties/targetRoleArn/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(errors > 0){
const emErrs10 = [];
for(const err38 of vErrors){
if(((((err38.keyword !== "errorMessage") && (!err38.emUsed)) && ((err38.instancePath === instancePath+"/targetRoleArn") || ((err38.instancePath.indexOf(instancePath+"/targetRoleArn") === 0) && (err38.instancePath[instancePath+"/targetRoleArn".length] === "/")))) && (err38.schemaPath.indexOf("#/properties/targetRoleArn") === 0)) && (err38.schemaPath["#/properties/targetRoleArn".length] === "/")){
emErrs10.push(err38);
err38.emUsed = true;
}
}
if(emErrs10.length){
const err39 = {instancePath:instancePath+"/targetRoleArn",schemaPath:"#/properties/targetRoleArn/errorMessage",keyword:"errorMessage",params:{errors: emErrs10},message:"must be an IAM role ARN, arn:<partition>:iam::<12-digit account>:role/<name>, in an AWS partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc)"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
const emErrs11 = [];
for(const err40 of vErrors){
if(!err40.emUsed){
emErrs11.push(err40);
}
}
vErrors = emErrs11;
errors = emErrs11.length;
}
}
if(data.disableSessionTags !== undefined){
if(typeof data.disableSessionTags !== "boolean"){
const err41 = {instancePath:instancePath+"/disableSessionTags",schemaPath:"#/properties/disableSessionTags/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.sessionPolicy !== undefined){
let data9 = data.sessionPolicy;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.Version === undefined){
const err42 = {instancePath:instancePath+"/sessionPolicy",schemaPath:"#/properties/sessionPolicy/required",keyword:"required",params:{missingProperty: "Version"},message:"must have required property '"+"Version"+"'"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data9.Statement === undefined){
const err43 = {instancePath:instancePath+"/sessionPolicy",schemaPath:"#/properties/sessionPolicy/required",keyword:"required",params:{missingProperty: "Statement"},message:"must have required property '"+"Statement"+"'"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
for(const key1 in data9){
if(!(((key1 === "Version") || (key1 === "Id")) || (key1 === "Statement"))){
const err44 = {instancePath:instancePath+"/sessionPolicy",schemaPath:"#/properties/sessionPolicy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data9.Version !== undefined){
if("2012-10-17" !== data9.Version){
const err45 = {instancePath:instancePath+"/sessionPolicy/Version",schemaPath:"#/properties/sessionPolicy/properties/Version/const",keyword:"const",params:{allowedValue: "2012-10-17"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(errors > 0){
const emErrs12 = [];
for(const err46 of vErrors){
if(((((err46.keyword !== "errorMessage") && (!err46.emUsed)) && ((err46.instancePath === instancePath+"/sessionPolicy/Version") || ((err46.instancePath.indexOf(instancePath+"/sessionPolicy/Version") === 0) && (err46.instancePath[instancePath+"/sessionPolicy/Version".length] === "/")))) && (err46.schemaPath.indexOf("#/properties/sessionPolicy/properties/Version") === 0)) && (err46.schemaPath["#/properties/sessionPolicy/properties/Version".length] === "/")){
emErrs12.push(err46);
err46.emUsed = true;
}
}
if(emErrs12.length){
const err47 = {instancePath:instancePath+"/sessionPolicy/Version",schemaPath:"#/properties/sessionPolicy/properties/Version/errorMessage",keyword:"errorMessage",params:{errors: emErrs12},message:"must be \"2012-10-17\", the current version of the IAM policy language"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
const emErrs13 = [];
for(const err48 of vErrors){
if(!err48.emUsed){
emErrs13.push(err48);
}
}
vErrors = emErrs13;
errors = emErrs13.length;
}
}
if(data9.Id !== undefined){
let data11 = data9.Id;
if(typeof data11 === "string"){
if(!pattern29.test(data11)){
const err49 = {instancePath:instancePath+"/sessionPolicy/Id",schemaPath:"#/properties/sessionPolicy/properties/Id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.:/=+@-]{1,128}$"},message:"must match pattern \""+"^[A-Za-z0-9_.:/=+@-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/sessionPolicy/Id",schemaPath:"#/properties/sessionPolicy/properties/Id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(errors > 0){
const emErrs14 = [];
for(const err51 of vErrors){
if(((((err51.keyword !== "errorMessage") && (!err51.emUsed)) && ((err51.instancePath === instancePath+"/sessionPolicy/Id") || ((err51.instancePath.indexOf(instancePath+"/sessionPolicy/Id") === 0) && (err51.instancePath[instancePath+"/sessionPolicy/Id".length] === "/")))) && (err51.schemaPath.indexOf("#/properties/sessionPolicy/properties/Id") === 0)) && (err51.schemaPath["#/properties/sessionPolicy/properties/Id".length] === "/")){
emErrs14.push(err51);
err51.emUsed = true;
}
}
if(emErrs14.length){
const err52 = {instancePath:instancePath+"/sessionPolicy/Id",schemaPath:"#/properties/sessionPolicy/properties/Id/errorMessage",keyword:"errorMessage",params:{errors: emErrs14},message:"must be 1-128 characters: letters, digits and _ . : / = + @ -"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
const emErrs15 = [];
for(const err53 of vErrors){
if(!err53.emUsed){
emErrs15.push(err53);
}
}
vErrors = emErrs15;
errors = emErrs15.length;
}
}
if(data9.Statement !== undefined){
let data12 = data9.Statement;
if(Array.isArray(data12)){
if(data12.length > 20){
const err54 = {instancePath:instancePath+"/sessionPolicy/Statement",schemaPath:"#/properties/sessionPolicy/properties/Statement/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(data12.length < 1){
const err55 = {instancePath:instancePath+"/sessionPolicy/Statement",schemaPath:"#/properties/sessionPolicy/properties/Statement/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
if(!(validate39(data12[i1], {instancePath:instancePath+"/sessionPolicy/Statement/" + i1,parentData:data12,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
}
}
else {
const err56 = {instancePath:instancePath+"/sessionPolicy/Statement",schemaPath:"#/properties/sessionPolicy/properties/Statement/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
else {
const err57 = {instancePath:instancePath+"/sessionPolicy",schemaPath:"#/properties/sessionPolicy/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data.tags !== undefined){
let data14 = data.tags;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(Object.keys(data14).length > 40){
const err58 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/maxProperties",keyword:"maxProperties",params:{limit: 40},message:"must NOT have more than 40 properties"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key2 in data14){
const _errs30 = errors;
if(typeof key2 === "string"){
if(!pattern37.test(key2)){
const err59 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$"},message:"must match pattern \""+"^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$"+"\"",propertyName:key2};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(errors > 0){
const emErrs16 = [];
for(const err60 of vErrors){
if(((((err60.keyword !== "errorMessage") && (!err60.emUsed)) && ((err60.instancePath === instancePath+"/tags") || ((err60.instancePath.indexOf(instancePath+"/tags") === 0) && (err60.instancePath[instancePath+"/tags".length] === "/")))) && (err60.schemaPath.indexOf("#/properties/tags/propertyNames") === 0)) && (err60.schemaPath["#/properties/tags/propertyNames".length] === "/")){
emErrs16.push(err60);
err60.emUsed = true;
}
}
if(emErrs16.length){
const err61 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames/errorMessage",keyword:"errorMessage",params:{errors: emErrs16},message:"tag keys must be 1-128 characters of letters, digits, spaces and _ . : / = + @ -",propertyName:key2};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
const emErrs17 = [];
for(const err62 of vErrors){
if(!err62.emUsed){
emErrs17.push(err62);
}
}
vErrors = emErrs17;
errors = emErrs17.length;
}
var valid6 = _errs30 === errors;
if(!valid6){
const err63 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
for(const key3 in data14){
let data15 = data14[key3];
if(typeof data15 === "string"){
if(!pattern38.test(data15)){
const err64 = {instancePath:instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}$"},message:"must match pattern \""+"^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}$"+"\""};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
if(errors > 0){
const emErrs18 = [];
for(const err66 of vErrors){
if(((((err66.keyword !== "errorMessage") && (!err66.emUsed)) && ((err66.instancePath === instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")) || ((err66.instancePath.indexOf(instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")) === 0) && (err66.instancePath[instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1").length] === "/")))) && (err66.schemaPath.indexOf("#/properties/tags/additionalProperties") === 0)) && (err66.schemaPath["#/properties/tags/additionalProperties".length] === "/")){
emErrs18.push(err66);
err66.emUsed = true;
}
}
if(emErrs18.length){
const err67 = {instancePath:instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/errorMessage",keyword:"errorMessage",params:{errors: emErrs18},message:"tag values must be 0-256 characters of letters, digits, spaces and _ . : / = + @ -"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
const emErrs19 = [];
for(const err68 of vErrors){
if(!err68.emUsed){
emErrs19.push(err68);
}
}
vErrors = emErrs19;
errors = emErrs19.length;
}
}
}
else {
const err69 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

export const validateGrantKey = validate47;
const schema50 = {"type":"object","required":["cluster","namespace","serviceAccount"],"properties":{"cluster":{"description":"EKS cluster name, as EKS validates it: 1-100 characters, a letter or digit first, then letters, digits, '-' and '_'.","type":"string","pattern":"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$","errorMessage":"must be an EKS cluster name: 1-100 characters, starting with a letter or digit, then letters, digits, '-' or '_'"},"namespace":{"description":"Kubernetes namespace: a DNS-1123 label (lower-case alphanumerics and '-', alphanumeric at both ends, at most 63 characters).","type":"string","pattern":"^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$","errorMessage":"must be a Kubernetes namespace name (DNS-1123 label): lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"},"serviceAccount":{"description":"Kubernetes service account name: a DNS-1123 subdomain (dot-separated DNS-1123 labels, at most 253 characters).","type":"string","pattern":"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","errorMessage":"must be a Kubernetes service account name (DNS-1123 subdomain): lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"}}};

function validate47(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.cluster === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.namespace === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "namespace"},message:"must have required property '"+"namespace"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.serviceAccount === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "serviceAccount"},message:"must have required property '"+"serviceAccount"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.cluster !== undefined){
let data0 = data.cluster;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err3 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"},message:"must match pattern \""+"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err5 of vErrors){
if(((((err5.keyword !== "errorMessage") && (!err5.emUsed)) && ((err5.instancePath === instancePath+"/cluster") || ((err5.instancePath.indexOf(instancePath+"/cluster") === 0) && (err5.instancePath[instancePath+"/cluster".length] === "/")))) && (err5.schemaPath.indexOf("#/properties/cluster") === 0)) && (err5.schemaPath["#/properties/cluster".length] === "/")){
emErrs0.push(err5);
err5.emUsed = true;
}
}
if(emErrs0.length){
const err6 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be an EKS cluster name: 1-100 characters, starting with a letter or digit, then letters, digits, '-' or '_'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const emErrs1 = [];
for(const err7 of vErrors){
if(!err7.emUsed){
emErrs1.push(err7);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.namespace !== undefined){
let data1 = data.namespace;
if(typeof data1 === "string"){
if(!pattern1.test(data1)){
const err8 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(errors > 0){
const emErrs2 = [];
for(const err10 of vErrors){
if(((((err10.keyword !== "errorMessage") && (!err10.emUsed)) && ((err10.instancePath === instancePath+"/namespace") || ((err10.instancePath.indexOf(instancePath+"/namespace") === 0) && (err10.instancePath[instancePath+"/namespace".length] === "/")))) && (err10.schemaPath.indexOf("#/properties/namespace") === 0)) && (err10.schemaPath["#/properties/namespace".length] === "/")){
emErrs2.push(err10);
err10.emUsed = true;
}
}
if(emErrs2.length){
const err11 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must be a Kubernetes namespace name (DNS-1123 label): lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const emErrs3 = [];
for(const err12 of vErrors){
if(!err12.emUsed){
emErrs3.push(err12);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
}
if(data.serviceAccount !== undefined){
let data2 = data.serviceAccount;
if(typeof data2 === "string"){
if(!pattern2.test(data2)){
const err13 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/properties/serviceAccount/pattern",keyword:"pattern",params:{pattern: "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/properties/serviceAccount/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(errors > 0){
const emErrs4 = [];
for(const err15 of vErrors){
if(((((err15.keyword !== "errorMessage") && (!err15.emUsed)) && ((err15.instancePath === instancePath+"/serviceAccount") || ((err15.instancePath.indexOf(instancePath+"/serviceAccount") === 0) && (err15.instancePath[instancePath+"/serviceAccount".length] === "/")))) && (err15.schemaPath.indexOf("#/properties/serviceAccount") === 0)) && (err15.schemaPath["#/properties/serviceAccount".length] === "/")){
emErrs4.push(err15);
err15.emUsed = true;
}
}
if(emErrs4.length){
const err16 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/properties/serviceAccount/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must be a Kubernetes service account name (DNS-1123 subdomain): lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const emErrs5 = [];
for(const err17 of vErrors){
if(!err17.emUsed){
emErrs5.push(err17);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate47.errors = vErrors;
return errors === 0;
}

