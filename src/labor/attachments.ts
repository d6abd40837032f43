// Attachments of a risk report (附件: the wage list, a petition letter, photographs of the site),
// under the platform's attachment rules (platform/attachments.ts): the reporting unit and the
// handlers add and remove them, whoever sees the report sees them; each is entered in the trail.
import { and, asc, count, eq } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { now } from '../platform/clock';
import { db, type Db } from '../platform/db/client';
import { forbidden, invalidField, notFound } from '../platform/errors';
import { acceptAttachment, attachmentView, discardStoredFile } from '../platform/attachments';
import type { Upload } from '../platform/uploads';
import type { AttachmentView } from '../platform/shared/attachments-contract';
import { MAX_REPORT_ATTACHMENTS } from './contract';
import { recordEvent } from './escalation';
import { mayAttach } from './report-access';
import { laborReportAttachments, laborReports } from './tables';

type AttachmentRow = typeof laborReportAttachments.$inferSelect;

const DIR = 'labor-report-attachments';

const present = (row: AttachmentRow): AttachmentView =>
  attachmentView(row, `/api/labor/reports/${row.reportId}/attachments/${row.id}`);

/** The attachments of a report, in the order they were added. */
export async function attachmentsOf(tx: Db, reportId: string): Promise<AttachmentView[]> {
  const rows = await tx
    .select()
    .from(laborReportAttachments)
    .where(eq(laborReportAttachments.reportId, reportId))
    .orderBy(asc(laborReportAttachments.createdAt), asc(laborReportAttachments.id));
  return rows.map(present);
}

/** A report of the actor's scope (404 otherwise), locked when it is to change. */
async function loadReport(tx: Db, actor: Actor, id: string, lock = false) {
  const query = tx.select().from(laborReports).where(eq(laborReports.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('风险报告');
  return row;
}

async function mayChange(tx: Db, actor: Actor, id: string, lock = false) {
  requireAccess(actor, 'labor:report');
  const row = await loadReport(tx, actor, id, lock);
  if (!mayAttach(actor, row)) throw forbidden('附件由上报单位或处置单位上传和删除');
  return row;
}

/** Enters a change of the attachments in the report's trail and the audit. */
async function enter(
  tx: Db,
  actor: Actor,
  report: { id: string; orgPath: string },
  at: Date,
  text: string,
  change: { action: string; before?: AttachmentRow; after?: AttachmentRow },
) {
  await recordEvent(tx, report.id, { kind: 'attachment', at, actorId: actor.id, orgId: actor.orgId, text });
  await audit(tx, actor, { ...change, entity: 'laborReport', entityId: report.id, orgPath: report.orgPath });
}

/** Checks an uploaded file and attaches it to the report. */
export async function addReportAttachment(
  actor: Actor,
  reportId: string,
  upload: Upload,
): Promise<AttachmentView> {
  // Who may add is checked before the bytes are looked at, so a stranger learns nothing.
  await db.readTransaction((tx) => mayChange(tx, actor, reportId));
  return acceptAttachment(upload, DIR, (file) =>
    db.transaction(async (tx) => {
      const report = await mayChange(tx, actor, reportId, true);
      const [n] = await tx
        .select({ n: count() })
        .from(laborReportAttachments)
        .where(eq(laborReportAttachments.reportId, reportId));
      if ((n?.n ?? 0) >= MAX_REPORT_ATTACHMENTS)
        throw invalidField('file', `每份风险报告最多 ${MAX_REPORT_ATTACHMENTS} 个附件`);
      const at = now();
      const [row] = await tx
        .insert(laborReportAttachments)
        .values({ ...file, reportId, createdBy: actor.id, createdAt: at })
        .returning();
      await enter(tx, actor, report, at, `上传附件“${file.fileName}”`, {
        action: 'labor.addAttachment',
        after: row,
      });
      return present(row!);
    }),
  );
}

async function loadAttachment(tx: Db, reportId: string, attachmentId: string): Promise<AttachmentRow> {
  const [row] = await tx
    .select()
    .from(laborReportAttachments)
    .where(and(eq(laborReportAttachments.id, attachmentId), eq(laborReportAttachments.reportId, reportId)));
  if (!row) throw notFound('附件');
  return row;
}

/** An attachment's type and stored key, for whoever sees the report. */
export async function reportAttachmentFile(
  actor: Actor,
  reportId: string,
  attachmentId: string,
): Promise<{ mimeType: string; key: string; fileName: string }> {
  requireAccess(actor, 'labor:report');
  return db.readTransaction(async (tx) => {
    await loadReport(tx, actor, reportId);
    const row = await loadAttachment(tx, reportId, attachmentId);
    return { mimeType: row.mimeType, key: row.storageKey, fileName: row.fileName };
  });
}

/** Removes an attachment of a report; the file goes once the row is gone. */
export async function deleteReportAttachment(
  actor: Actor,
  reportId: string,
  attachmentId: string,
): Promise<void> {
  const key = await db.transaction(async (tx) => {
    const report = await mayChange(tx, actor, reportId, true);
    const row = await loadAttachment(tx, reportId, attachmentId);
    await tx.delete(laborReportAttachments).where(eq(laborReportAttachments.id, row.id));
    await enter(tx, actor, report, now(), `删除附件“${row.fileName}”`, {
      action: 'labor.deleteAttachment',
      before: row,
    });
    return row.storageKey;
  });
  await discardStoredFile(key);
}
