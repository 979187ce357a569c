import { AwsError } from "../types.ts";

/** An EKS error; `fields` are the error shape's extra members (`clusterName`, …) put in the body. */
export class EksError extends AwsError {
  readonly fields: Record<string, string>;
  constructor(code: string, message: string, status: number, fields: Record<string, string> = {}) {
    super(code, message, status);
    this.fields = fields;
  }
}

export const invalidParameter = (message: string) => new EksError("InvalidParameterException", message, 400);
export const invalidRequest = (message: string) => new EksError("InvalidRequestException", message, 400);
export const notFound = (message: string) => new EksError("ResourceNotFoundException", message, 404);
export const badRequest = (message: string) => new EksError("BadRequestException", message, 400);

// Messages confirmed against real EKS output (see the fidelity tests for sources).
export const clusterNotFound = (name: string) => notFound(`No cluster found for name: ${name}.`);
export const roleNotVisible = () => invalidParameter("Role provided in the request does not exist");
// hashicorp/terraform-provider-aws#41483: "InvalidParameterException: Trust policy of the role provided is invalid".
export const trustPolicyInvalid = () => invalidParameter("Trust policy of the role provided is invalid");
