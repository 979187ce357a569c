import { IAMClient } from "@aws-sdk/client-iam";
import { CLIENT_CONFIG } from "./config.ts";

/** The IAM client of the role and policy steps (configuration: `config.ts`). */
export const createIamClient = (): IAMClient => new IAMClient({ ...CLIENT_CONFIG });
