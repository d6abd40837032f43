// Files of an achievement (the patent certificate, the award certificate, an acceptance report,
// photographs), under the platform's attachment rules (platform/attachments.ts): whoever may write
// the studio's records adds and removes them, whoever sees the studio sees them; each change is
// audited.
import { and, count, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { acceptAttachment, attachmentView, discardStoredFile } from '../../platform/attachments';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { invalidField, notFound } from '../../platform/errors';
import type { Upload } from '../../platform/uploads';
import type { AttachmentView } from '../../platform/shared/attachments-contract';
import { requireAccess } from '../../platform/access';
import { loadStudioFor } from '../register/studios-service';
import { MAX_ACHIEVEMENT_ATTACHMENTS } from './contract';
import { achievementForWrite, loadAchievement } from './service';
import { studioAchievementAttachments } from './tables';

type AttachmentRow = typeof studioAchievementAttachments.$inferSelect;

const DIR = 'studio-achievement-attachments';
const a = studioAchievementAttachments;

const present = (row: AttachmentRow): AttachmentView =>
  attachmentView(row, `/api/studios/achievements/${row.achievementId}/attachments/${row.id}`);

/** Checks an uploaded file and attaches it to the achievement. */
export async function addAchievementAttachment(
  actor: Actor,
  achievementId: string,
  upload: Upload,
): Promise<AttachmentView> {
  // Who may add is checked before the bytes are looked at, so a stranger learns nothing.
  await db.transaction((tx) => achievementForWrite(tx, actor, achievementId));
  return acceptAttachment(upload, DIR, (file) =>
    db.transaction(async (tx) => {
      const { row: achievement } = await achievementForWrite(tx, actor, achievementId);
      const [n] = await tx.select({ n: count() }).from(a).where(eq(a.achievementId, achievementId));
      if ((n?.n ?? 0) >= MAX_ACHIEVEMENT_ATTACHMENTS)
        throw invalidField('file', `每项成果最多 ${MAX_ACHIEVEMENT_ATTACHMENTS} 个附件`);
      const [row] = await tx
        .insert(a)
        .values({ ...file, achievementId, createdBy: actor.id, createdAt: now() })
        .returning();
      await audit(tx, actor, {
        action: 'studio.achievement.addAttachment',
        entity: 'studioAchievement',
        entityId: achievementId,
        orgPath: achievement.orgPath,
        after: row,
      });
      return present(row!);
    }),
  );
}

async function loadAttachment(tx: Db, achievementId: string, attachmentId: string): Promise<AttachmentRow> {
  const [row] = await tx
    .select()
    .from(a)
    .where(and(eq(a.id, attachmentId), eq(a.achievementId, achievementId)));
  if (!row) throw notFound('附件');
  return row;
}

/** An attachment's type and stored key, for whoever sees the studio. */
export async function achievementAttachmentFile(
  actor: Actor,
  achievementId: string,
  attachmentId: string,
): Promise<{ mimeType: string; key: string; fileName: string }> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const achievement = await loadAchievement(tx, actor, achievementId);
    await loadStudioFor(tx, actor, achievement.studioId, 'studio:read');
    const row = await loadAttachment(tx, achievementId, attachmentId);
    return { mimeType: row.mimeType, key: row.storageKey, fileName: row.fileName };
  });
}

/** Removes an attachment of an achievement; the file goes once the row is gone. */
export async function deleteAchievementAttachment(
  actor: Actor,
  achievementId: string,
  attachmentId: string,
): Promise<void> {
  const key = await db.transaction(async (tx) => {
    const { row: achievement } = await achievementForWrite(tx, actor, achievementId);
    const row = await loadAttachment(tx, achievementId, attachmentId);
    await tx.delete(a).where(eq(a.id, row.id));
    await audit(tx, actor, {
      action: 'studio.achievement.deleteAttachment',
      entity: 'studioAchievement',
      entityId: achievementId,
      orgPath: achievement.orgPath,
      before: row,
    });
    return row.storageKey;
  });
  await discardStoredFile(key);
}
