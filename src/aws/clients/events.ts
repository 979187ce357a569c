import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { CLIENT_CONFIG } from "./config.ts";

/** The EventBridge client that announces grants' outcomes (configuration: `config.ts`). */
export const createEventsClient = (): EventBridgeClient => new EventBridgeClient({ ...CLIENT_CONFIG });
