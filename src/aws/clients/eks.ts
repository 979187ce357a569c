import { EKSClient } from "@aws-sdk/client-eks";
import { CLIENT_CONFIG } from "./config.ts";

/** The EKS client of the association steps (configuration: `config.ts`). */
export const createEksClient = (): EKSClient => new EKSClient({ ...CLIENT_CONFIG });
