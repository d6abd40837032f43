// The information work's notifications, through the platform's: a submission's officers (of the
// units named) or the editors over its path hear of a state change, with a link to the item.
import type { Db } from '../platform/db/client';
import { notify as notifyPlatform } from '../platform/notifications';

/** Who hears of a submission's change: the officers of some units, or the editors over a path. */
export type Audience = { officersOf: string[] } | { editorsOver: string };

/** Stores the notification of a submission's change in the caller's transaction. */
export async function notify(
  tx: Db,
  input: { submissionId: string; orgPath: string; text: string; audience: Audience },
): Promise<void> {
  await notifyPlatform(tx, {
    orgPath: input.orgPath,
    text: input.text,
    link: `/bulletin/submissions/${input.submissionId}`,
    audience:
      'editorsOver' in input.audience
        ? { permission: 'bulletin:edit', over: input.audience.editorsOver }
        : { permission: 'bulletin:submit', unitsOf: input.audience.officersOf },
  });
}
