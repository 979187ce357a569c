import { SFNClient } from "@aws-sdk/client-sfn";
import { CLIENT_CONFIG } from "./config.ts";

/** The Step Functions client of the front doors (the HTTP API, ticket intake; configuration: `config.ts`). */
export const createSfnClient = (): SFNClient => new SFNClient({ ...CLIENT_CONFIG });
