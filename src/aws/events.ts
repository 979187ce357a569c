import { type EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { RetryableError } from "../errors.ts";
import { EVENT_SOURCE, type GrantAnnouncement } from "../grant/announcement.ts";
import { translate } from "./errors.ts";

/**
 * The bus adapter (EventBridge): puts one of the provisioner's events on the project's bus. An
 * entry EventBridge did not accept (PutEvents answers 200 with `FailedEntryCount`) is a retryable
 * failure like a thrown one.
 */
export async function putGrantEvent(
  events: EventBridgeClient,
  eventBusName: string,
  announcement: GrantAnnouncement,
): Promise<void> {
  const out = await events
    .send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: eventBusName,
            Source: EVENT_SOURCE,
            DetailType: announcement.detailType,
            Detail: JSON.stringify(announcement.detail),
          },
        ],
      }),
    )
    .catch((error: unknown) => {
      throw translate(error, `Putting ${announcement.detailType} on bus ${eventBusName}`);
    });
  if ((out.FailedEntryCount ?? 0) > 0) {
    const entry = out.Entries?.[0];
    throw new RetryableError(
      `Putting ${announcement.detailType} on bus ${eventBusName} failed: ${entry?.ErrorCode ?? "unknown"} ${entry?.ErrorMessage ?? ""}`.trim(),
    );
  }
}

/** `putGrantEvent` bound to a client and the project's bus: a step's `announce` dependency. */
export const announcer =
  (events: EventBridgeClient, eventBusName: string) =>
  (announcement: GrantAnnouncement): Promise<void> =>
    putGrantEvent(events, eventBusName, announcement);
