import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { invalidField } from '../platform/errors';
import { newId } from '../platform/ids';
import { rewritePathColumns, type PathRewriter } from '../platform/org-paths';
import { likeText, loadOrg, orgRefs } from '../orgs/service';
import { activeColumn, columnsById } from './columns';
import { imagesOf } from './images';
import { reviseAdoption } from './points';
import { refreshSubmissionFigures, storedFigures } from './figures';
import { indexSubmission } from './search';
import {
  SubmissionCreateBody,
  SubmissionListQuery,
  SubmissionPatchBody,
  type AdoptionKind,
  type SubmissionDetail,
  type SubmissionPage,
  type SubmissionState,
  type SubmissionView,
} from './contract';
import {
  bulletinIssues,
  bulletinSearchDocs,
  bulletinSeries,
  pointsCredits,
  pointsEvents,
  submissionEvents,
  submissionOrgs,
  submissions,
} from './tables';
import { chinaDayRange, chinaDayStart, chinaYearRange } from '../platform/shared/dates';
import {
  coSubmittedUnder,
  loadSubmission,
  ownUnit,
  requireEditor,
  requireRead,
  requireSubmitter,
  visibleTo,
  type SubmissionRow,
} from './submission-access';

export {
  creditedOrgIds,
  loadSubmission,
  requireEditor,
  requireRead,
  requireSubmitter,
  type LoadedSubmission,
  type SubmissionRow,
} from './submission-access';

type CreateInput = ReturnType<typeof SubmissionCreateBody.parse>;
type PatchInput = ReturnType<typeof SubmissionPatchBody.parse>;
type ListQuery = ReturnType<typeof SubmissionListQuery.parse>;

/** Moves the bulletin's copies of an organisation's path with it (wired in src/wiring.ts). */
export const rewriteBulletinPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(
    tx,
    [
      submissions,
      submissionOrgs,
      bulletinSearchDocs,
      pointsEvents,
      pointsCredits,
      bulletinSeries,
      bulletinIssues,
    ],
    oldPrefix,
    newPrefix,
  );

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** Items as the API shows them, with their units and columns named. */
export async function presentSubmissions(tx: Db, rows: SubmissionRow[]): Promise<SubmissionView[]> {
  if (!rows.length) return [];
  const co = await tx
    .select()
    .from(submissionOrgs)
    .where(
      inArray(
        submissionOrgs.submissionId,
        rows.map((r) => r.id),
      ),
    );
  const named = await orgRefs(tx, [...rows.map((r) => r.orgId), ...co.map((c) => c.orgId)]);
  const columns = await columnsById(tx);
  const orgRef = (id: string) => ({ id, name: named.get(id)?.name ?? '' });
  const columnRef = (id: string | null) => {
    const c = id ? columns.get(id) : undefined;
    return c ? { id: c.id, name: c.name } : null;
  };
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    editedTitle: r.editedTitle,
    editedBody: r.editedBody,
    org: orgRef(r.orgId),
    coOrgs: co.filter((c) => c.submissionId === r.id).map((c) => orgRef(c.orgId)),
    authors: r.authors,
    suggestedColumn: columnRef(r.suggestedColumnId),
    state: r.state as SubmissionState,
    editorComment: r.editorComment,
    rejectReason: r.rejectReason,
    column: columnRef(r.columnId),
    adoptionKind: r.adoptionKind as AdoptionKind | null,
    mergedInto: r.mergedInto,
    submittedAt: iso(r.submittedAt),
    adoptedAt: iso(r.adoptedAt),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** One item with its history and, for a merged item, its sources. */
export async function detailOf(tx: Db, row: SubmissionRow): Promise<SubmissionDetail> {
  const [view] = await presentSubmissions(tx, [row]);
  const events = await tx
    .select()
    .from(submissionEvents)
    .where(eq(submissionEvents.submissionId, row.id))
    .orderBy(asc(submissionEvents.at), asc(submissionEvents.id));
  const sources = await tx
    .select({ id: submissions.id, title: submissions.title, orgId: submissions.orgId })
    .from(submissions)
    .where(eq(submissions.mergedInto, row.id))
    .orderBy(asc(submissions.id));
  const named = await orgRefs(
    tx,
    sources.map((s) => s.orgId),
  );
  return {
    ...view!,
    images: await imagesOf(tx, row.id),
    figures: await storedFigures(tx, 'submission', row.id),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: e.actorName,
      fromState: e.fromState as SubmissionState | null,
      toState: e.toState as SubmissionState,
      comment: e.comment,
    })),
    mergedFrom: sources.map((s) => ({
      id: s.id,
      title: s.title,
      org: { id: s.orgId, name: named.get(s.orgId)?.name ?? '' },
    })),
  };
}

/** Records a state change in the item's history; returns the event's id. */
export async function recordEvent(
  tx: Db,
  actor: Actor,
  submissionId: string,
  fromState: SubmissionState | null,
  toState: SubmissionState,
  comment: string | null,
): Promise<string> {
  const id = newId();
  await tx.insert(submissionEvents).values({
    id,
    submissionId,
    actorId: actor.username === 'system' ? null : actor.id,
    actorName: actor.displayName,
    fromState,
    toState,
    comment,
  });
  return id;
}

/** Checks co-submitting units (any active unit; the own unit is dropped) and returns their paths. */
/**
 * Whether an officer may name the unit at `path` as co-submitting: a unit of the own subtree, a
 * unit above, or a unit beside the own unit or beside any unit above it (a sister district, a
 * city industry union). A unit deep in another subtree is not among them: its name stays hidden.
 */
function coSubmitterInReach(actor: Actor, path: string): boolean {
  const parentPath = path.replace(/[^/]+\/$/, '');
  return path.startsWith(actor.scopePath) || actor.scopePath.startsWith(parentPath);
}

const CO_ORG_REFUSED = '联合报送单位不存在、已停用，或不在可选范围内（本单位及下属、上级单位及其直属单位）';

/** The co-submitting units as rows; any unit out of reach gets the same answer as a missing one. */
export async function coOrgRows(
  tx: Db,
  actor: Actor,
  ownOrgId: string,
  ids: string[],
): Promise<{ orgId: string; orgPath: string }[]> {
  const wanted = [...new Set(ids)].filter((id) => id !== ownOrgId);
  const found = await orgRefs(tx, wanted);
  return wanted.map((id) => {
    const org = found.get(id);
    if (!org || !org.active || !coSubmitterInReach(actor, org.path))
      throw invalidField('coOrgIds', CO_ORG_REFUSED);
    return { orgId: id, orgPath: org.path };
  });
}

async function replaceCoOrgs(tx: Db, submissionId: string, rows: { orgId: string; orgPath: string }[]) {
  await tx.delete(submissionOrgs).where(eq(submissionOrgs.submissionId, submissionId));
  if (rows.length) await tx.insert(submissionOrgs).values(rows.map((r) => ({ ...r, submissionId })));
}

/** Items the actor may see, filtered by state, column, unit, year and text, newest first. */
export async function listSubmissions(actor: Actor, query: ListQuery): Promise<SubmissionPage> {
  requireAccess(actor, ['bulletin:submit', 'bulletin:edit']);
  return db.transaction(async (tx) => {
    const where: SQL[] = [visibleTo(actor)];
    if (query.state) where.push(eq(submissions.state, query.state));
    if (query.columnId) where.push(eq(submissions.columnId, query.columnId));
    if (query.orgId) {
      const org = await loadOrg(tx, actor, query.orgId);
      where.push(sql`(${submissions.orgPath} like ${org.path + '%'} or ${coSubmittedUnder(org.path)})`);
    }
    const when = sql`coalesce(${submissions.submittedAt}, ${submissions.createdAt})`;
    if (query.year) {
      const { start, end } = chinaYearRange(query.year);
      where.push(
        sql`${when} >= ${start.toISOString()}::timestamptz and ${when} < ${end.toISOString()}::timestamptz`,
      );
    }
    if (query.mine === 'true') where.push(ownUnit(actor));
    // Days as China counts them.
    if (query.from) where.push(sql`${when} >= ${chinaDayStart(query.from).toISOString()}::timestamptz`);
    if (query.to)
      where.push(sql`${when} < ${chinaDayRange(query.to, query.to).end.toISOString()}::timestamptz`);
    if (query.q) {
      const like = likeText(query.q);
      where.push(
        sql`(${submissions.title} ilike ${like} or ${submissions.body} ilike ${like} or ${submissions.editedTitle} ilike ${like} or ${submissions.editedBody} ilike ${like})`,
      );
    }
    const condition = and(...where);
    const [total] = await tx.select({ n: count() }).from(submissions).where(condition);
    const rows = await tx
      .select()
      .from(submissions)
      .where(condition)
      .orderBy(desc(when), desc(submissions.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await presentSubmissions(tx, rows), total: total?.n ?? 0 };
  });
}

/** One item with its history; the original and the edited text side by side. */
export async function getSubmission(actor: Actor, id: string): Promise<SubmissionDetail> {
  return db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, id);
    requireRead(actor, item);
    return detailOf(tx, item.row);
  });
}

/** An officer writes a new item (a draft) for the own unit. */
export async function createSubmission(actor: Actor, input: CreateInput): Promise<SubmissionDetail> {
  requireAccess(actor, 'bulletin:submit', actor.scopePath);
  return db.transaction(async (tx) => {
    if (input.suggestedColumnId) await activeColumn(tx, input.suggestedColumnId, 'suggestedColumnId');
    const co = await coOrgRows(tx, actor, actor.orgId, input.coOrgIds);
    const id = newId();
    const [row] = await tx
      .insert(submissions)
      .values({
        id,
        title: input.title,
        body: input.body,
        orgId: actor.orgId,
        orgPath: actor.scopePath,
        authors: input.authors,
        suggestedColumnId: input.suggestedColumnId,
        state: 'draft',
        createdBy: actor.id,
      })
      .returning();
    await replaceCoOrgs(tx, id, co);
    await indexSubmission(tx, id);
    await refreshSubmissionFigures(tx, [id]);
    await recordEvent(tx, actor, id, null, 'draft', null);
    await audit(tx, actor, {
      action: 'bulletin.create',
      entity: 'submission',
      entityId: id,
      orgPath: actor.scopePath,
      after: { ...row, coOrgIds: co.map((c) => c.orgId) },
    });
    return detailOf(tx, row!);
  });
}

const OFFICER_FIELDS = ['title', 'body', 'authors', 'coOrgIds', 'suggestedColumnId'] as const;
const EDITOR_FIELDS = ['editedTitle', 'editedBody', 'columnId', 'adoptionKind'] as const;

/**
 * Changes an item: the officer its own text while it is a draft or returned, the editor the
 * edited text, column and kind of an adopted item (the original stays as written).
 */
export async function updateSubmission(
  actor: Actor,
  id: string,
  input: PatchInput,
): Promise<SubmissionDetail> {
  return db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, id);
    const { row } = item;
    const officer = OFFICER_FIELDS.filter((f) => input[f] !== undefined);
    const editor = EDITOR_FIELDS.filter((f) => input[f] !== undefined);
    if (officer.length && editor.length) throw invalidField(editor[0]!, '原稿和编辑稿请分别修改');
    if (!officer.length && !editor.length) {
      requireRead(actor, item);
      throw invalidField('(请求体)', '没有要修改的内容');
    }
    let updated: SubmissionRow;
    if (officer.length) {
      requireSubmitter(actor, item);
      if (row.state !== 'draft' && row.state !== 'returned')
        throw invalidField(officer[0]!, '只有草稿或退回修改的稿件可以修改');
      if (input.suggestedColumnId) await activeColumn(tx, input.suggestedColumnId, 'suggestedColumnId');
      const co = input.coOrgIds ? await coOrgRows(tx, actor, row.orgId, input.coOrgIds) : undefined;
      updated = await updateVersioned(tx, submissions, row.id, input.version, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.authors !== undefined ? { authors: input.authors } : {}),
        ...(input.suggestedColumnId !== undefined ? { suggestedColumnId: input.suggestedColumnId } : {}),
      });
      if (co) await replaceCoOrgs(tx, row.id, co);
    } else {
      requireEditor(actor, item);
      if (row.state !== 'adopted') throw invalidField(editor[0]!, '只有已采用的稿件可以编辑');
      if (input.columnId) await activeColumn(tx, input.columnId, 'columnId');
      updated = await updateVersioned(tx, submissions, row.id, input.version, {
        ...(input.editedTitle !== undefined ? { editedTitle: input.editedTitle } : {}),
        ...(input.editedBody !== undefined ? { editedBody: input.editedBody } : {}),
        ...(input.columnId !== undefined ? { columnId: input.columnId } : {}),
        ...(input.adoptionKind !== undefined ? { adoptionKind: input.adoptionKind } : {}),
      });
      await reviseAdoption(tx, actor, row, updated);
    }
    await indexSubmission(tx, row.id);
    await refreshSubmissionFigures(tx, [row.id]);
    await audit(tx, actor, {
      action: officer.length ? 'bulletin.update' : 'bulletin.edit',
      entity: 'submission',
      entityId: row.id,
      orgPath: row.orgPath,
      before: row,
      after: updated,
    });
    return detailOf(tx, updated);
  });
}
