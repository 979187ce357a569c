// Generated from schemas/tenancy.schema.json by scripts/generate.ts. Do not edit: edit the schema and run `npm run generate`.
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
// ajv/dist/runtime/equal, inlined (scripts/generate.ts says why).
const equalHelper = function equal(a, b) {
  if (a === b) return true;

  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (a.constructor !== b.constructor) return false;

    var length, i, keys;
    if (Array.isArray(a)) {
      length = a.length;
      if (length != b.length) return false;
      for (i = length; i-- !== 0;)
        if (!equal(a[i], b[i])) return false;
      return true;
    }



    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();

    keys = Object.keys(a);
    length = keys.length;
    if (length !== Object.keys(b).length) return false;

    for (i = length; i-- !== 0;)
      if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;

    for (i = length; i-- !== 0;) {
      var key = keys[i];

      if (!equal(a[key], b[key])) return false;
    }

    return true;
  }

  // true if both NaN, false otherwise
  return a!==a && b!==b;
};
export const validateTenancy = validate14;
const schema16 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://pod-identity-provisioner/schemas/tenancy.schema.json","title":"Tenancy","description":"Who may ask for what. Each tenant lists the callers that act for it (IAM principal ARN patterns, ticket sources) and what its grants may name: clusters, namespaces, catalog templates with the resources each may reach, role-chaining targets, and caps. Patterns use IAM's wildcards: '*' (any run of characters) and '?' (one character). Validated at package time and at every function's cold start.","type":"object","additionalProperties":false,"required":["tenants"],"properties":{"$schema":{"type":"string"},"tenants":{"type":"array","minItems":1,"maxItems":200,"items":{"$ref":"#/definitions/tenant"}}},"definitions":{"pattern":{"type":"string","minLength":1,"maxLength":512,"pattern":"^[A-Za-z0-9/_+=,.@:*?-]+$","errorMessage":"must be 1-512 characters of letters, digits, / _ + = , . @ : - and the wildcards * and ?"},"patterns":{"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/definitions/pattern"}},"principalPattern":{"description":"An IAM or STS principal ARN as API Gateway reports the caller (`arn:aws:iam::<account>:user/…`, `arn:aws:iam::<account>:role/…`, `arn:aws:sts::<account>:assumed-role/<role>/<session>`), with wildcards allowed only after the account.","type":"string","maxLength":512,"pattern":"^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:(user|role|assumed-role)/[A-Za-z0-9/_+=,.@*?-]+$","errorMessage":"must be an IAM user, role or assumed-role ARN (arn:aws:sts::<12-digit account>:assumed-role/<role>/<session>); wildcards only after the account"},"ticketSource":{"type":"object","additionalProperties":false,"required":["source","integration"],"properties":{"source":{"description":"The EventBridge `source` of the ticket system's `Grant Requested` events.","type":"string","pattern":"^(?!aws\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,255}$","errorMessage":"must be an EventBridge source: 1-256 letters, digits, '.', '_' and '-', not starting with 'aws.'"},"integration":{"description":"The only IAM role allowed to put events with this source on the provisioner's bus (the bus policy denies everyone else).","type":"string","pattern":"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@-]+$","errorMessage":"must be an IAM role ARN without wildcards"}}},"tenant":{"type":"object","additionalProperties":false,"required":["name","clusters","namespaces","templates"],"anyOf":[{"required":["principals"]},{"required":["ticketSources"]}],"errorMessage":{"anyOf":"must list at least one caller: principals or ticketSources"},"properties":{"name":{"description":"Names the tenant's permissions boundary (`<service>-<stage>-boundary-<name>`) and its grants' tenant tag.","type":"string","pattern":"^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$","errorMessage":"must be 1-32 lower-case letters, digits and '-', a letter or digit at both ends"},"description":{"type":"string","maxLength":256},"principals":{"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/definitions/principalPattern"}},"ticketSources":{"type":"array","minItems":1,"maxItems":10,"items":{"$ref":"#/definitions/ticketSource"}},"clusters":{"description":"EKS cluster names (patterns) in the provisioner's account and region.","$ref":"#/definitions/patterns"},"namespaces":{"description":"Kubernetes namespace patterns.","$ref":"#/definitions/patterns"},"templates":{"description":"The catalog templates the tenant may use, each with the resource patterns it may name.","type":"object","minProperties":1,"additionalProperties":false,"properties":{"s3-read":{"$ref":"#/definitions/bucketScope"},"s3-write":{"$ref":"#/definitions/bucketScope"},"s3-readwrite":{"$ref":"#/definitions/bucketScope"},"dynamodb-read":{"$ref":"#/definitions/tableScope"},"dynamodb-crud":{"$ref":"#/definitions/tableScope"},"sqs-consume":{"$ref":"#/definitions/queueScope"},"sqs-send":{"$ref":"#/definitions/queueScope"},"sns-publish":{"type":"object","additionalProperties":false,"required":["topic"],"properties":{"topic":{"$ref":"#/definitions/patterns"}}},"secretsmanager-read":{"type":"object","additionalProperties":false,"required":["secret"],"properties":{"secret":{"$ref":"#/definitions/patterns"}}},"ssm-parameters-read":{"type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"$ref":"#/definitions/patterns"}}},"kms-decrypt":{"type":"object","additionalProperties":false,"required":["keyId"],"properties":{"keyId":{"$ref":"#/definitions/patterns"}}}}},"targetRoles":{"description":"Role-chaining targets (`targetRoleArn`) the tenant may name: IAM role ARN patterns.","type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"type":"string","maxLength":512,"pattern":"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@*?-]+$","errorMessage":"must be an IAM role ARN pattern (arn:aws:iam::<12-digit account>:role/<name pattern>)"}},"maxGrants":{"description":"How many grants (not DELETED) the tenant may hold.","type":"integer","minimum":1,"maximum":5000},"maxPermissionsPerGrant":{"type":"integer","minimum":1,"maximum":50}}},"bucketScope":{"type":"object","additionalProperties":false,"required":["bucket"],"properties":{"bucket":{"$ref":"#/definitions/patterns"}}},"tableScope":{"type":"object","additionalProperties":false,"required":["table"],"properties":{"table":{"$ref":"#/definitions/patterns"}}},"queueScope":{"type":"object","additionalProperties":false,"required":["queue"],"properties":{"queue":{"$ref":"#/definitions/patterns"}}}}};
const schema17 = {"type":"object","additionalProperties":false,"required":["name","clusters","namespaces","templates"],"anyOf":[{"required":["principals"]},{"required":["ticketSources"]}],"errorMessage":{"anyOf":"must list at least one caller: principals or ticketSources"},"properties":{"name":{"description":"Names the tenant's permissions boundary (`<service>-<stage>-boundary-<name>`) and its grants' tenant tag.","type":"string","pattern":"^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$","errorMessage":"must be 1-32 lower-case letters, digits and '-', a letter or digit at both ends"},"description":{"type":"string","maxLength":256},"principals":{"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/definitions/principalPattern"}},"ticketSources":{"type":"array","minItems":1,"maxItems":10,"items":{"$ref":"#/definitions/ticketSource"}},"clusters":{"description":"EKS cluster names (patterns) in the provisioner's account and region.","$ref":"#/definitions/patterns"},"namespaces":{"description":"Kubernetes namespace patterns.","$ref":"#/definitions/patterns"},"templates":{"description":"The catalog templates the tenant may use, each with the resource patterns it may name.","type":"object","minProperties":1,"additionalProperties":false,"properties":{"s3-read":{"$ref":"#/definitions/bucketScope"},"s3-write":{"$ref":"#/definitions/bucketScope"},"s3-readwrite":{"$ref":"#/definitions/bucketScope"},"dynamodb-read":{"$ref":"#/definitions/tableScope"},"dynamodb-crud":{"$ref":"#/definitions/tableScope"},"sqs-consume":{"$ref":"#/definitions/queueScope"},"sqs-send":{"$ref":"#/definitions/queueScope"},"sns-publish":{"type":"object","additionalProperties":false,"required":["topic"],"properties":{"topic":{"$ref":"#/definitions/patterns"}}},"secretsmanager-read":{"type":"object","additionalProperties":false,"required":["secret"],"properties":{"secret":{"$ref":"#/definitions/patterns"}}},"ssm-parameters-read":{"type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"$ref":"#/definitions/patterns"}}},"kms-decrypt":{"type":"object","additionalProperties":false,"required":["keyId"],"properties":{"keyId":{"$ref":"#/definitions/patterns"}}}}},"targetRoles":{"description":"Role-chaining targets (`targetRoleArn`) the tenant may name: IAM role ARN patterns.","type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"type":"string","maxLength":512,"pattern":"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@*?-]+$","errorMessage":"must be an IAM role ARN pattern (arn:aws:iam::<12-digit account>:role/<name pattern>)"}},"maxGrants":{"description":"How many grants (not DELETED) the tenant may hold.","type":"integer","minimum":1,"maximum":5000},"maxPermissionsPerGrant":{"type":"integer","minimum":1,"maximum":50}}};
const schema18 = {"description":"An IAM or STS principal ARN as API Gateway reports the caller (`arn:aws:iam::<account>:user/…`, `arn:aws:iam::<account>:role/…`, `arn:aws:sts::<account>:assumed-role/<role>/<session>`), with wildcards allowed only after the account.","type":"string","maxLength":512,"pattern":"^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:(user|role|assumed-role)/[A-Za-z0-9/_+=,.@*?-]+$","errorMessage":"must be an IAM user, role or assumed-role ARN (arn:aws:sts::<12-digit account>:assumed-role/<role>/<session>); wildcards only after the account"};
const schema19 = {"type":"object","additionalProperties":false,"required":["source","integration"],"properties":{"source":{"description":"The EventBridge `source` of the ticket system's `Grant Requested` events.","type":"string","pattern":"^(?!aws\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,255}$","errorMessage":"must be an EventBridge source: 1-256 letters, digits, '.', '_' and '-', not starting with 'aws.'"},"integration":{"description":"The only IAM role allowed to put events with this source on the provisioner's bus (the bus policy denies everyone else).","type":"string","pattern":"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@-]+$","errorMessage":"must be an IAM role ARN without wildcards"}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = ucs2lengthHelper;
const func0 = equalHelper;
const pattern0 = new RegExp("^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$", "u");
const pattern1 = new RegExp("^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:(user|role|assumed-role)/[A-Za-z0-9/_+=,.@*?-]+$", "u");
const pattern2 = new RegExp("^(?!aws\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,255}$", "u");
const pattern3 = new RegExp("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@-]+$", "u");
const pattern5 = new RegExp("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@*?-]+$", "u");
const schema20 = {"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/definitions/pattern"}};
const schema21 = {"type":"string","minLength":1,"maxLength":512,"pattern":"^[A-Za-z0-9/_+=,.@:*?-]+$","errorMessage":"must be 1-512 characters of letters, digits, / _ + = , . @ : - and the wildcards * and ?"};
const pattern4 = new RegExp("^[A-Za-z0-9/_+=,.@:*?-]+$", "u");

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
if(data.length > 50){
const err0 = {instancePath,schemaPath:"#/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.length < 1){
const err1 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func3(data0) > 512){
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/pattern/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func3(data0) < 1){
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern4.test(data0)){
const err4 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/pattern/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9/_+=,.@:*?-]+$"},message:"must match pattern \""+"^[A-Za-z0-9/_+=,.@:*?-]+$"+"\""};
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
const err5 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath+"/" + i0) || ((err6.instancePath.indexOf(instancePath+"/" + i0) === 0) && (err6.instancePath[instancePath+"/" + i0.length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/pattern") === 0)) && (err6.schemaPath["#/definitions/pattern".length] === "/")){
emErrs0.push(err6);
err6.emUsed = true;
}
}
if(emErrs0.length){
const err7 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/pattern/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be 1-512 characters of letters, digits, / _ + = , . @ : - and the wildcards * and ?"};
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
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err9 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}

const schema22 = {"type":"object","additionalProperties":false,"required":["bucket"],"properties":{"bucket":{"$ref":"#/definitions/patterns"}}};

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.bucket === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "bucket"},message:"must have required property '"+"bucket"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "bucket")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.bucket !== undefined){
if(!(validate16(data.bucket, {instancePath:instancePath+"/bucket",parentData:data,parentDataProperty:"bucket",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}

const schema23 = {"type":"object","additionalProperties":false,"required":["table"],"properties":{"table":{"$ref":"#/definitions/patterns"}}};

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.table === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "table"},message:"must have required property '"+"table"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "table")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.table !== undefined){
if(!(validate16(data.table, {instancePath:instancePath+"/table",parentData:data,parentDataProperty:"table",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}

const schema24 = {"type":"object","additionalProperties":false,"required":["queue"],"properties":{"queue":{"$ref":"#/definitions/patterns"}}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.queue === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "queue"},message:"must have required property '"+"queue"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "queue")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.queue !== undefined){
if(!(validate16(data.queue, {instancePath:instancePath+"/queue",parentData:data,parentDataProperty:"queue",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}


function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs1 = errors;
let valid0 = false;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.principals === undefined){
const err0 = {instancePath,schemaPath:"#/anyOf/0/required",keyword:"required",params:{missingProperty: "principals"},message:"must have required property '"+"principals"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
valid0 = valid0 || _valid0;
if(!valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.ticketSources === undefined){
const err1 = {instancePath,schemaPath:"#/anyOf/1/required",keyword:"required",params:{missingProperty: "ticketSources"},message:"must have required property '"+"ticketSources"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
valid0 = valid0 || _valid0;
}
if(!valid0){
const err2 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
else {
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.clusters === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "clusters"},message:"must have required property '"+"clusters"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.namespaces === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "namespaces"},message:"must have required property '"+"namespaces"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.templates === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "templates"},message:"must have required property '"+"templates"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema17.properties, key0))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err8 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$"+"\""};
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
const err9 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err10 of vErrors){
if(((((err10.keyword !== "errorMessage") && (!err10.emUsed)) && ((err10.instancePath === instancePath+"/name") || ((err10.instancePath.indexOf(instancePath+"/name") === 0) && (err10.instancePath[instancePath+"/name".length] === "/")))) && (err10.schemaPath.indexOf("#/properties/name") === 0)) && (err10.schemaPath["#/properties/name".length] === "/")){
emErrs0.push(err10);
err10.emUsed = true;
}
}
if(emErrs0.length){
const err11 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be 1-32 lower-case letters, digits and '-', a letter or digit at both ends"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const emErrs1 = [];
for(const err12 of vErrors){
if(!err12.emUsed){
emErrs1.push(err12);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.description !== undefined){
let data1 = data.description;
if(typeof data1 === "string"){
if(func3(data1) > 256){
const err13 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"};
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
const err14 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.principals !== undefined){
let data2 = data.principals;
if(Array.isArray(data2)){
if(data2.length > 50){
const err15 = {instancePath:instancePath+"/principals",schemaPath:"#/properties/principals/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data2.length < 1){
const err16 = {instancePath:instancePath+"/principals",schemaPath:"#/properties/principals/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func3(data3) > 512){
const err17 = {instancePath:instancePath+"/principals/" + i0,schemaPath:"#/definitions/principalPattern/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!pattern1.test(data3)){
const err18 = {instancePath:instancePath+"/principals/" + i0,schemaPath:"#/definitions/principalPattern/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:(user|role|assumed-role)/[A-Za-z0-9/_+=,.@*?-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:(user|role|assumed-role)/[A-Za-z0-9/_+=,.@*?-]+$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/principals/" + i0,schemaPath:"#/definitions/principalPattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(errors > 0){
const emErrs2 = [];
for(const err20 of vErrors){
if(((((err20.keyword !== "errorMessage") && (!err20.emUsed)) && ((err20.instancePath === instancePath+"/principals/" + i0) || ((err20.instancePath.indexOf(instancePath+"/principals/" + i0) === 0) && (err20.instancePath[instancePath+"/principals/" + i0.length] === "/")))) && (err20.schemaPath.indexOf("#/definitions/principalPattern") === 0)) && (err20.schemaPath["#/definitions/principalPattern".length] === "/")){
emErrs2.push(err20);
err20.emUsed = true;
}
}
if(emErrs2.length){
const err21 = {instancePath:instancePath+"/principals/" + i0,schemaPath:"#/definitions/principalPattern/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must be an IAM user, role or assumed-role ARN (arn:aws:sts::<12-digit account>:assumed-role/<role>/<session>); wildcards only after the account"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const emErrs3 = [];
for(const err22 of vErrors){
if(!err22.emUsed){
emErrs3.push(err22);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
}
let i1 = data2.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data2[i1], data2[j0])){
const err23 = {instancePath:instancePath+"/principals",schemaPath:"#/properties/principals/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err24 = {instancePath:instancePath+"/principals",schemaPath:"#/properties/principals/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.ticketSources !== undefined){
let data4 = data.ticketSources;
if(Array.isArray(data4)){
if(data4.length > 10){
const err25 = {instancePath:instancePath+"/ticketSources",schemaPath:"#/properties/ticketSources/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data4.length < 1){
const err26 = {instancePath:instancePath+"/ticketSources",schemaPath:"#/properties/ticketSources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const len1 = data4.length;
for(let i2=0; i2<len1; i2++){
let data5 = data4[i2];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.source === undefined){
const err27 = {instancePath:instancePath+"/ticketSources/" + i2,schemaPath:"#/definitions/ticketSource/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data5.integration === undefined){
const err28 = {instancePath:instancePath+"/ticketSources/" + i2,schemaPath:"#/definitions/ticketSource/required",keyword:"required",params:{missingProperty: "integration"},message:"must have required property '"+"integration"+"'"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
for(const key1 in data5){
if(!((key1 === "source") || (key1 === "integration"))){
const err29 = {instancePath:instancePath+"/ticketSources/" + i2,schemaPath:"#/definitions/ticketSource/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data5.source !== undefined){
let data6 = data5.source;
if(typeof data6 === "string"){
if(!pattern2.test(data6)){
const err30 = {instancePath:instancePath+"/ticketSources/" + i2+"/source",schemaPath:"#/definitions/ticketSource/properties/source/pattern",keyword:"pattern",params:{pattern: "^(?!aws\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,255}$"},message:"must match pattern \""+"^(?!aws\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,255}$"+"\""};
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
const err31 = {instancePath:instancePath+"/ticketSources/" + i2+"/source",schemaPath:"#/definitions/ticketSource/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(errors > 0){
const emErrs4 = [];
for(const err32 of vErrors){
if(((((err32.keyword !== "errorMessage") && (!err32.emUsed)) && ((err32.instancePath === instancePath+"/ticketSources/" + i2+"/source") || ((err32.instancePath.indexOf(instancePath+"/ticketSources/" + i2+"/source") === 0) && (err32.instancePath[instancePath+"/ticketSources/" + i2+"/source".length] === "/")))) && (err32.schemaPath.indexOf("#/definitions/ticketSource/properties/source") === 0)) && (err32.schemaPath["#/definitions/ticketSource/properties/source".length] === "/")){
emErrs4.push(err32);
err32.emUsed = true;
}
}
if(emErrs4.length){
const err33 = {instancePath:instancePath+"/ticketSources/" + i2+"/source",schemaPath:"#/definitions/ticketSource/properties/source/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must be an EventBridge source: 1-256 letters, digits, '.', '_' and '-', not starting with 'aws.'"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
const emErrs5 = [];
for(const err34 of vErrors){
if(!err34.emUsed){
emErrs5.push(err34);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
}
if(data5.integration !== undefined){
let data7 = data5.integration;
if(typeof data7 === "string"){
if(!pattern3.test(data7)){
const err35 = {instancePath:instancePath+"/ticketSources/" + i2+"/integration",schemaPath:"#/definitions/ticketSource/properties/integration/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@-]+$"+"\""};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/ticketSources/" + i2+"/integration",schemaPath:"#/definitions/ticketSource/properties/integration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(errors > 0){
const emErrs6 = [];
for(const err37 of vErrors){
if(((((err37.keyword !== "errorMessage") && (!err37.emUsed)) && ((err37.instancePath === instancePath+"/ticketSources/" + i2+"/integration") || ((err37.instancePath.indexOf(instancePath+"/ticketSources/" + i2+"/integration") === 0) && (err37.instancePath[instancePath+"/ticketSources/" + i2+"/integration".length] === "/")))) && (err37.schemaPath.indexOf("#/definitions/ticketSource/properties/integration") === 0)) && (err37.schemaPath["#/definitions/ticketSource/properties/integration".length] === "/")){
emErrs6.push(err37);
err37.emUsed = true;
}
}
if(emErrs6.length){
const err38 = {instancePath:instancePath+"/ticketSources/" + i2+"/integration",schemaPath:"#/definitions/ticketSource/properties/integration/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"must be an IAM role ARN without wildcards"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
const emErrs7 = [];
for(const err39 of vErrors){
if(!err39.emUsed){
emErrs7.push(err39);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
}
}
else {
const err40 = {instancePath:instancePath+"/ticketSources/" + i2,schemaPath:"#/definitions/ticketSource/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/ticketSources",schemaPath:"#/properties/ticketSources/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.clusters !== undefined){
if(!(validate16(data.clusters, {instancePath:instancePath+"/clusters",parentData:data,parentDataProperty:"clusters",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
if(data.namespaces !== undefined){
if(!(validate16(data.namespaces, {instancePath:instancePath+"/namespaces",parentData:data,parentDataProperty:"namespaces",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
if(data.templates !== undefined){
let data10 = data.templates;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(Object.keys(data10).length < 1){
const err42 = {instancePath:instancePath+"/templates",schemaPath:"#/properties/templates/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
for(const key2 in data10){
if(!(func2.call(schema17.properties.templates.properties, key2))){
const err43 = {instancePath:instancePath+"/templates",schemaPath:"#/properties/templates/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data10["s3-read"] !== undefined){
if(!(validate19(data10["s3-read"], {instancePath:instancePath+"/templates/s3-read",parentData:data10,parentDataProperty:"s3-read",rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
if(data10["s3-write"] !== undefined){
if(!(validate19(data10["s3-write"], {instancePath:instancePath+"/templates/s3-write",parentData:data10,parentDataProperty:"s3-write",rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
if(data10["s3-readwrite"] !== undefined){
if(!(validate19(data10["s3-readwrite"], {instancePath:instancePath+"/templates/s3-readwrite",parentData:data10,parentDataProperty:"s3-readwrite",rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
if(data10["dynamodb-read"] !== undefined){
if(!(validate24(data10["dynamodb-read"], {instancePath:instancePath+"/templates/dynamodb-read",parentData:data10,parentDataProperty:"dynamodb-read",rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
if(data10["dynamodb-crud"] !== undefined){
if(!(validate24(data10["dynamodb-crud"], {instancePath:instancePath+"/templates/dynamodb-crud",parentData:data10,parentDataProperty:"dynamodb-crud",rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
if(data10["sqs-consume"] !== undefined){
if(!(validate28(data10["sqs-consume"], {instancePath:instancePath+"/templates/sqs-consume",parentData:data10,parentDataProperty:"sqs-consume",rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data10["sqs-send"] !== undefined){
if(!(validate28(data10["sqs-send"], {instancePath:instancePath+"/templates/sqs-send",parentData:data10,parentDataProperty:"sqs-send",rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data10["sns-publish"] !== undefined){
let data18 = data10["sns-publish"];
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.topic === undefined){
const err44 = {instancePath:instancePath+"/templates/sns-publish",schemaPath:"#/properties/templates/properties/sns-publish/required",keyword:"required",params:{missingProperty: "topic"},message:"must have required property '"+"topic"+"'"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
for(const key3 in data18){
if(!(key3 === "topic")){
const err45 = {instancePath:instancePath+"/templates/sns-publish",schemaPath:"#/properties/templates/properties/sns-publish/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data18.topic !== undefined){
if(!(validate16(data18.topic, {instancePath:instancePath+"/templates/sns-publish/topic",parentData:data18,parentDataProperty:"topic",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err46 = {instancePath:instancePath+"/templates/sns-publish",schemaPath:"#/properties/templates/properties/sns-publish/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data10["secretsmanager-read"] !== undefined){
let data20 = data10["secretsmanager-read"];
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.secret === undefined){
const err47 = {instancePath:instancePath+"/templates/secretsmanager-read",schemaPath:"#/properties/templates/properties/secretsmanager-read/required",keyword:"required",params:{missingProperty: "secret"},message:"must have required property '"+"secret"+"'"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
for(const key4 in data20){
if(!(key4 === "secret")){
const err48 = {instancePath:instancePath+"/templates/secretsmanager-read",schemaPath:"#/properties/templates/properties/secretsmanager-read/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data20.secret !== undefined){
if(!(validate16(data20.secret, {instancePath:instancePath+"/templates/secretsmanager-read/secret",parentData:data20,parentDataProperty:"secret",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err49 = {instancePath:instancePath+"/templates/secretsmanager-read",schemaPath:"#/properties/templates/properties/secretsmanager-read/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data10["ssm-parameters-read"] !== undefined){
let data22 = data10["ssm-parameters-read"];
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.path === undefined){
const err50 = {instancePath:instancePath+"/templates/ssm-parameters-read",schemaPath:"#/properties/templates/properties/ssm-parameters-read/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
for(const key5 in data22){
if(!(key5 === "path")){
const err51 = {instancePath:instancePath+"/templates/ssm-parameters-read",schemaPath:"#/properties/templates/properties/ssm-parameters-read/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data22.path !== undefined){
if(!(validate16(data22.path, {instancePath:instancePath+"/templates/ssm-parameters-read/path",parentData:data22,parentDataProperty:"path",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err52 = {instancePath:instancePath+"/templates/ssm-parameters-read",schemaPath:"#/properties/templates/properties/ssm-parameters-read/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data10["kms-decrypt"] !== undefined){
let data24 = data10["kms-decrypt"];
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.keyId === undefined){
const err53 = {instancePath:instancePath+"/templates/kms-decrypt",schemaPath:"#/properties/templates/properties/kms-decrypt/required",keyword:"required",params:{missingProperty: "keyId"},message:"must have required property '"+"keyId"+"'"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
for(const key6 in data24){
if(!(key6 === "keyId")){
const err54 = {instancePath:instancePath+"/templates/kms-decrypt",schemaPath:"#/properties/templates/properties/kms-decrypt/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data24.keyId !== undefined){
if(!(validate16(data24.keyId, {instancePath:instancePath+"/templates/kms-decrypt/keyId",parentData:data24,parentDataProperty:"keyId",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err55 = {instancePath:instancePath+"/templates/kms-decrypt",schemaPath:"#/properties/templates/properties/kms-decrypt/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
else {
const err56 = {instancePath:instancePath+"/templates",schemaPath:"#/properties/templates/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.targetRoles !== undefined){
let data26 = data.targetRoles;
if(Array.isArray(data26)){
if(data26.length > 50){
const err57 = {instancePath:instancePath+"/targetRoles",schemaPath:"#/properties/targetRoles/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data26.length < 1){
const err58 = {instancePath:instancePath+"/targetRoles",schemaPath:"#/properties/targetRoles/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
const len2 = data26.length;
for(let i3=0; i3<len2; i3++){
let data27 = data26[i3];
if(typeof data27 === "string"){
if(func3(data27) > 512){
const err59 = {instancePath:instancePath+"/targetRoles/" + i3,schemaPath:"#/properties/targetRoles/items/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(!pattern5.test(data27)){
const err60 = {instancePath:instancePath+"/targetRoles/" + i3,schemaPath:"#/properties/targetRoles/items/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@*?-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@*?-]+$"+"\""};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/targetRoles/" + i3,schemaPath:"#/properties/targetRoles/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(errors > 0){
const emErrs8 = [];
for(const err62 of vErrors){
if(((((err62.keyword !== "errorMessage") && (!err62.emUsed)) && ((err62.instancePath === instancePath+"/targetRoles/" + i3) || ((err62.instancePath.indexOf(instancePath+"/targetRoles/" + i3) === 0) && (err62.instancePath[instancePath+"/targetRoles/" + i3.length] === "/")))) && (err62.schemaPath.indexOf("#/properties/targetRoles/items") === 0)) && (err62.schemaPath["#/properties/targetRoles/items".length] === "/")){
emErrs8.push(err62);
err62.emUsed = true;
}
}
if(emErrs8.length){
const err63 = {instancePath:instancePath+"/targetRoles/" + i3,schemaPath:"#/properties/targetRoles/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must be an IAM role ARN pattern (arn:aws:iam::<12-digit account>:role/<name pattern>)"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
const emErrs9 = [];
for(const err64 of vErrors){
if(!err64.emUsed){
emErrs9.push(err64);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
}
let i4 = data26.length;
let j1;
if(i4 > 1){
const indices0 = {};
for(;i4--;){
let item0 = data26[i4];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j1 = indices0[item0];
const err65 = {instancePath:instancePath+"/targetRoles",schemaPath:"#/properties/targetRoles/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
break;
}
indices0[item0] = i4;
}
}
}
else {
const err66 = {instancePath:instancePath+"/targetRoles",schemaPath:"#/properties/targetRoles/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data.maxGrants !== undefined){
let data28 = data.maxGrants;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err67 = {instancePath:instancePath+"/maxGrants",schemaPath:"#/properties/maxGrants/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 > 5000 || isNaN(data28)){
const err68 = {instancePath:instancePath+"/maxGrants",schemaPath:"#/properties/maxGrants/maximum",keyword:"maximum",params:{comparison: "<=", limit: 5000},message:"must be <= 5000"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(data28 < 1 || isNaN(data28)){
const err69 = {instancePath:instancePath+"/maxGrants",schemaPath:"#/properties/maxGrants/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.maxPermissionsPerGrant !== undefined){
let data29 = data.maxPermissionsPerGrant;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err70 = {instancePath:instancePath+"/maxPermissionsPerGrant",schemaPath:"#/properties/maxPermissionsPerGrant/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 50 || isNaN(data29)){
const err71 = {instancePath:instancePath+"/maxPermissionsPerGrant",schemaPath:"#/properties/maxPermissionsPerGrant/maximum",keyword:"maximum",params:{comparison: "<=", limit: 50},message:"must be <= 50"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if(data29 < 1 || isNaN(data29)){
const err72 = {instancePath:instancePath+"/maxPermissionsPerGrant",schemaPath:"#/properties/maxPermissionsPerGrant/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
}
else {
const err73 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if(errors > 0){
const emErrors0 = {"anyOf":[]};
const templates0 = {};
for(const err74 of vErrors){
if((((((err74.keyword !== "errorMessage") && (!err74.emUsed)) && (err74.instancePath === instancePath)) && (err74.keyword in emErrors0)) && (err74.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err74.schemaPath.slice(1)))){
emErrors0[err74.keyword].push(err74);
err74.emUsed = true;
}
}
for(const key7 in emErrors0){
if(emErrors0[key7].length){
const err75 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key7]},message:key7 in templates0 ? templates0[key7]() : schema17.errorMessage[key7]};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
const emErrs10 = [];
for(const err76 of vErrors){
if(!err76.emUsed){
emErrs10.push(err76);
}
}
vErrors = emErrs10;
errors = emErrs10.length;
}
validate15.errors = vErrors;
return errors === 0;
}


function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://pod-identity-provisioner/schemas/tenancy.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.tenants === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tenants"},message:"must have required property '"+"tenants"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "$schema") || (key0 === "tenants"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.$schema !== undefined){
if(typeof data.$schema !== "string"){
const err2 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.tenants !== undefined){
let data1 = data.tenants;
if(Array.isArray(data1)){
if(data1.length > 200){
const err3 = {instancePath:instancePath+"/tenants",schemaPath:"#/properties/tenants/maxItems",keyword:"maxItems",params:{limit: 200},message:"must NOT have more than 200 items"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/tenants",schemaPath:"#/properties/tenants/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate15(data1[i0], {instancePath:instancePath+"/tenants/" + i0,parentData:data1,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath:instancePath+"/tenants",schemaPath:"#/properties/tenants/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

