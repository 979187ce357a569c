import type { XmlValue } from "../query-protocol.ts";
import type { ServiceRequest } from "../types.ts";
import type { Field, Input } from "./input.ts";
import type { IamAccount } from "./state.ts";

/** What an operation answers: the `<{Action}Result>` members and, for a write, CloudTrail's responseElements. */
export interface Outcome {
  /** The `<{Action}Result>` members; none for operations that return nothing. */
  result?: Record<string, XmlValue>;
  /** CloudTrail responseElements of a mutating call (read calls log none). */
  responseElements?: Record<string, unknown>;
}

/** One IAM action: the members it takes (validated before it runs) and what it does. */
export interface Operation {
  input: Record<string, Field>;
  run(account: IamAccount, input: Input, request: ServiceRequest): Outcome | undefined;
}
