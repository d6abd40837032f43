// Compiling an issue (组稿): the editor opens a draft issue of a series with the next number,
// lays adopted items out in columns, previews it and publishes it. A published issue is
// read-only, and its items become `published`.
//
// Two editors may have the same draft open: every save and the publication carry the version
// the editor saw, so the second one gets 409 and keeps the layout on screen to redo it. A
// submission is printed in one issue only (a unique index backs the check below).

import { and, asc, desc, eq, inArray, isNotNull, isNull, max, ne, sql } from 'drizzle-orm';
import { requireAccess, inScope, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { AppError, conflict, invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { orgRefs } from '../orgs/service';
import { DEFAULT_SERIES, seriesForEditing } from './archive';
import { columnsById } from './columns';
import type {
  AdoptionKind,
  CandidateItem,
  CompiledItem,
  IssueCompileView,
  IssueCreateBody,
  IssueLayoutBody,
  IssueState,
} from './contract';
import { refreshIssueFigures } from './figures';
import { notify } from './notices';
import { indexIssueItems, indexSubmissions } from './search';
import { recordEvent } from './service';
import {
  bulletinColumns,
  bulletinIssueItems,
  bulletinIssues,
  bulletinSeries,
  submissionOrgs,
  submissions,
  type IssueDistribution,
} from './tables';
import { chinaToday } from '../platform/shared/dates';

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;
type IssueRow = typeof bulletinIssues.$inferSelect;
type SubmissionRow = typeof submissions.$inferSelect;

const EMPTY_DISTRIBUTION: IssueDistribution = { issuedTo: null, report: null, send: null, issue: null };

function label(issue: { year: number; number: number | null; supplement: boolean }): string {
  return `${issue.year}年${issue.supplement ? '增刊' : ''}第${issue.number ?? '?'}期`;
}

/** Loads an issue the actor edits (permission and scope over the series' editing unit), or 404. */
async function loadEditable(tx: Db, actor: Actor, id: string, lock = false) {
  requireAccess(actor, 'bulletin:edit');
  const query = tx
    .select({ issue: bulletinIssues, series: bulletinSeries })
    .from(bulletinIssues)
    .innerJoin(bulletinSeries, eq(bulletinSeries.id, bulletinIssues.seriesId))
    .where(eq(bulletinIssues.id, id));
  const [found] = lock ? await query.for('update', { of: bulletinIssues }) : await query;
  if (!found || !inScope(actor, found.issue.orgPath)) throw notFound('简报');
  return found;
}

function requireDraft(issue: IssueRow) {
  if (issue.state === 'published') throw conflict(`${label(issue)}已经出刊，不能再修改`);
  if (issue.state !== 'draft') throw new AppError(400, 'NOT_DRAFT', '往期存档的简报不能重新组稿');
}

/**
 * Opens a new draft issue of a series (created on first use, edited by the actor's unit) with the
 * next number of its year (supplements numbered on their own), the next running total and the
 * distribution and print count of the series' latest issue.
 */
export async function createIssue(actor: Actor, input: Parsed<typeof IssueCreateBody>) {
  requireAccess(actor, 'bulletin:edit');
  const seriesName = input.series ?? DEFAULT_SERIES;
  const year = input.year ?? Number(chinaToday().slice(0, 4));
  return db.transaction(async (tx) => {
    const series = await seriesForEditing(tx, actor, seriesName, { refusal: '为其组稿' });
    const seriesId = series.id;
    const [numbers] = await tx
      .select({ number: max(bulletinIssues.number) })
      .from(bulletinIssues)
      .where(
        and(
          eq(bulletinIssues.seriesId, seriesId),
          eq(bulletinIssues.year, year),
          eq(bulletinIssues.supplement, input.supplement),
        ),
      );
    let totalNumber: number | null = null;
    if (!input.supplement) {
      const [totals] = await tx
        .select({ total: max(bulletinIssues.totalNumber), issues: sql<number>`count(*)::int` })
        .from(bulletinIssues)
        .where(and(eq(bulletinIssues.seriesId, seriesId), eq(bulletinIssues.supplement, false)));
      totalNumber = (totals?.total ?? totals?.issues ?? 0) + 1;
    }
    const [previous] = await tx
      .select({ distribution: bulletinIssues.distribution, printCount: bulletinIssues.printCount })
      .from(bulletinIssues)
      .where(eq(bulletinIssues.seriesId, seriesId))
      .orderBy(desc(bulletinIssues.year), sql`${bulletinIssues.number} desc nulls last`)
      .limit(1);
    const id = newId();
    const [row] = await tx
      .insert(bulletinIssues)
      .values({
        id,
        seriesId,
        year,
        number: (numbers?.number ?? 0) + 1,
        totalNumber,
        supplement: input.supplement,
        issueDate: chinaToday(),
        state: 'draft',
        distribution: previous?.distribution ?? EMPTY_DISTRIBUTION,
        printCount: previous?.printCount ?? null,
        orgPath: series.orgPath,
        createdBy: actor.id,
      })
      .returning();
    await audit(tx, actor, {
      action: 'bulletin.createIssue',
      entity: 'bulletinIssue',
      entityId: id,
      orgPath: series.orgPath,
      after: { ...row, series: seriesName },
    });
    return { id };
  });
}

/** The text an item prints with: the editor's version where there is one. */
function printedText(row: SubmissionRow) {
  return { title: row.editedTitle ?? row.title, body: row.editedBody ?? row.body };
}

/** The names of the units each submission credits, the submitting unit first. */
async function sourcesOf(tx: Db, rows: SubmissionRow[]): Promise<Map<string, string[]>> {
  const co = rows.length
    ? await tx
        .select({ submissionId: submissionOrgs.submissionId, orgId: submissionOrgs.orgId })
        .from(submissionOrgs)
        .where(
          inArray(
            submissionOrgs.submissionId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const names = await orgRefs(tx, [...rows.map((r) => r.orgId), ...co.map((c) => c.orgId)]);
  const name = (orgId: string) => names.get(orgId)?.name ?? '';
  return new Map(
    rows.map((r) => [
      r.id,
      [r.orgId, ...co.filter((c) => c.submissionId === r.id).map((c) => c.orgId)].map(name),
    ]),
  );
}

/** Adopted items in the actor's scope that no issue holds yet, newest adoption first. */
async function candidates(tx: Db, actor: Actor): Promise<CandidateItem[]> {
  const rows = await tx
    .select({ submission: submissions, column: bulletinColumns.name })
    .from(submissions)
    .leftJoin(bulletinColumns, eq(bulletinColumns.id, submissions.columnId))
    .leftJoin(bulletinIssueItems, eq(bulletinIssueItems.submissionId, submissions.id))
    .where(
      and(
        eq(submissions.state, 'adopted'),
        isNull(bulletinIssueItems.id),
        sql`${submissions.orgPath} like ${actor.scopePath + '%'}`,
      ),
    )
    .orderBy(desc(submissions.adoptedAt), desc(submissions.id))
    .limit(300);
  const sources = await sourcesOf(
    tx,
    rows.map((r) => r.submission),
  );
  return rows.map(({ submission: s, column }) => ({
    ...printedText(s),
    submissionId: s.id,
    sources: sources.get(s.id) ?? [],
    unit: sources.get(s.id)?.[0] ?? '',
    kind: (s.adoptionKind ?? 'full') as AdoptionKind,
    flagged: null,
    column,
    adoptedAt: s.adoptedAt?.toISOString() ?? null,
  }));
}

/** The editor's view of an issue: header, layout, the adopted items that can still be added. */
export async function getCompileView(actor: Actor, id: string): Promise<IssueCompileView> {
  return db.transaction(async (tx) => {
    const { issue, series } = await loadEditable(tx, actor, id);
    const items = await tx
      .select({ item: bulletinIssueItems })
      .from(bulletinIssueItems)
      .where(eq(bulletinIssueItems.issueId, id))
      .orderBy(asc(bulletinIssueItems.columnPosition), asc(bulletinIssueItems.position));
    const columns: IssueCompileView['columns'] = [];
    let last = -1;
    for (const { item } of items) {
      if (item.columnPosition !== last || !columns.length) {
        columns.push({ name: item.columnName, items: [] });
        last = item.columnPosition;
      }
      const compiled: CompiledItem = {
        submissionId: item.submissionId ?? item.id,
        title: item.title,
        body: item.body,
        sources: item.sources,
        unit: item.sources[0] ?? '',
        kind: item.kind as AdoptionKind,
        flagged: item.flagged,
      };
      columns[columns.length - 1]!.items.push(compiled);
    }
    const editing = (await orgRefs(tx, [series.orgId])).get(series.orgId);
    const active = [...(await columnsById(tx)).values()]
      .filter((c) => c.active)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
    return {
      id: issue.id,
      series: series.name,
      year: issue.year,
      number: issue.number,
      totalNumber: issue.totalNumber,
      supplement: issue.supplement,
      date: issue.issueDate,
      state: issue.state as IssueState,
      version: issue.version,
      editingUnit: editing?.name ?? '',
      distribution: issue.distribution,
      printCount: issue.printCount,
      columns,
      candidates: issue.state === 'draft' ? await candidates(tx, actor) : [],
      columnNames: active.map((c) => c.name),
    };
  });
}

/** Refuses a number another issue of the same series, year and kind already has. */
async function checkNumberFree(tx: Db, issue: IssueRow, number: number) {
  const [taken] = await tx
    .select({ id: bulletinIssues.id })
    .from(bulletinIssues)
    .where(
      and(
        eq(bulletinIssues.seriesId, issue.seriesId),
        eq(bulletinIssues.year, issue.year),
        eq(bulletinIssues.supplement, issue.supplement),
        eq(bulletinIssues.number, number),
        ne(bulletinIssues.id, issue.id),
      ),
    )
    .limit(1);
  if (taken)
    throw conflict(`${label({ ...issue, number })}已经存在，请换一个期号`, [
      { field: 'number', message: '该期号已被使用' },
    ]);
}

/**
 * Writes the items of an issue from its layout, with the text, kind and sources of each
 * submission as they are now. Every item must be an adopted submission in the actor's scope that
 * no other issue holds.
 */
async function writeItems(
  tx: Db,
  actor: Actor,
  issue: IssueRow,
  columns: Parsed<typeof IssueLayoutBody>['columns'],
) {
  const ids = columns.flatMap((c) => c.items);
  if (new Set(ids).size !== ids.length) throw invalidField('columns', '同一篇稿件不能在一期中出现两次');
  const rows = ids.length ? await tx.select().from(submissions).where(inArray(submissions.id, ids)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || !inScope(actor, row.orgPath))
      throw invalidField('columns', `稿件 ${id} 不存在或不在您的管理范围内`);
    if (row.state !== 'adopted' && !(row.state === 'published' && issue.state === 'published'))
      throw invalidField('columns', `稿件《${row.title}》尚未采用，不能编入简报`);
  }
  if (ids.length) {
    const [elsewhere] = await tx
      .select({ title: submissions.title, year: bulletinIssues.year, number: bulletinIssues.number })
      .from(bulletinIssueItems)
      .innerJoin(bulletinIssues, eq(bulletinIssues.id, bulletinIssueItems.issueId))
      .innerJoin(submissions, eq(submissions.id, bulletinIssueItems.submissionId))
      .where(and(inArray(bulletinIssueItems.submissionId, ids), ne(bulletinIssueItems.issueId, issue.id)))
      .limit(1);
    if (elsewhere)
      throw conflict(`稿件《${elsewhere.title}》已编入${elsewhere.year}年第${elsewhere.number ?? '?'}期`);
  }
  const sources = await sourcesOf(tx, rows);
  await tx.delete(bulletinIssueItems).where(eq(bulletinIssueItems.issueId, issue.id));
  const values = columns.flatMap((column, columnPosition) =>
    column.items.map((submissionId, position) => {
      const row = byId.get(submissionId)!;
      return {
        id: newId(),
        issueId: issue.id,
        columnName: column.name,
        columnPosition,
        position,
        ...printedText(row),
        sources: sources.get(submissionId) ?? [],
        kind: row.adoptionKind ?? 'full',
        submissionId,
      };
    }),
  );
  if (values.length) await tx.insert(bulletinIssueItems).values(values);
  return values.length;
}

/** Saves the layout and settings of a draft issue; a stale version gets 409 and changes nothing. */
export async function saveLayout(
  actor: Actor,
  id: string,
  input: Parsed<typeof IssueLayoutBody>,
): Promise<IssueCompileView> {
  await db.transaction(async (tx) => {
    const { issue } = await loadEditable(tx, actor, id, true);
    requireDraft(issue);
    if (issue.version !== input.version)
      throw conflict('本期简报已被其他编辑修改，请刷新后再保存（您的编排仍保留在页面上）');
    await checkNumberFree(tx, issue, input.number);
    const count = await writeItems(
      tx,
      actor,
      issue,
      input.columns.filter((c) => c.items.length > 0),
    );
    const updated = await updateVersioned(tx, bulletinIssues, issue.id, input.version, {
      number: input.number,
      totalNumber: input.totalNumber,
      issueDate: input.date,
      distribution: input.distribution,
      printCount: input.printCount,
    });
    await audit(tx, actor, {
      action: 'bulletin.compileIssue',
      entity: 'bulletinIssue',
      entityId: id,
      orgPath: issue.orgPath,
      before: issue,
      after: { ...updated, items: count },
    });
  });
  return getCompileView(actor, id);
}

/**
 * Publishes a draft issue: its items are refreshed from their submissions one last time, the
 * issue becomes read-only and every item's submission becomes `published`, with its history,
 * a notification to its units and an audit entry. An empty issue is refused.
 */
export async function publishIssue(actor: Actor, id: string, version: number) {
  return db.transaction(async (tx) => {
    const { issue, series } = await loadEditable(tx, actor, id, true);
    requireDraft(issue);
    if (issue.version !== version) throw conflict('本期简报已被其他编辑修改，请刷新后核对再出刊');
    const placed = await tx
      .select({ columnName: bulletinIssueItems.columnName, submissionId: bulletinIssueItems.submissionId })
      .from(bulletinIssueItems)
      .where(and(eq(bulletinIssueItems.issueId, id), isNotNull(bulletinIssueItems.submissionId)))
      .orderBy(asc(bulletinIssueItems.columnPosition), asc(bulletinIssueItems.position));
    if (!placed.length) throw new AppError(400, 'EMPTY_ISSUE', '本期还没有编入任何稿件，不能出刊');
    if (issue.number === null) throw invalidField('number', '请先填写期号');
    if (issue.issueDate === null) throw invalidField('date', '请先填写出刊日期');
    await checkNumberFree(tx, issue, issue.number);
    const columns: { name: string; items: string[] }[] = [];
    for (const p of placed) {
      if (columns[columns.length - 1]?.name !== p.columnName) columns.push({ name: p.columnName, items: [] });
      columns[columns.length - 1]!.items.push(p.submissionId!);
    }
    await writeItems(tx, actor, issue, columns);
    const updated = await updateVersioned(tx, bulletinIssues, id, version, { state: 'published' });
    const ids = placed.map((p) => p.submissionId!);
    const rows = await tx
      .update(submissions)
      .set({ state: 'published', version: sql`${submissions.version} + 1`, updatedAt: new Date() })
      .where(and(inArray(submissions.id, ids), eq(submissions.state, 'adopted')))
      .returning();
    if (rows.length !== ids.length) throw conflict('有稿件在出刊前被改动，请刷新后核对再出刊');
    const sources = await tx
      .select({ submissionId: submissionOrgs.submissionId, orgId: submissionOrgs.orgId })
      .from(submissionOrgs)
      .where(inArray(submissionOrgs.submissionId, ids));
    // The printed items become searchable, and their submissions show as published.
    await indexIssueItems(tx, id);
    await indexSubmissions(tx, ids);
    await refreshIssueFigures(tx, id);
    const where = `《${series.name}》${label(issue)}`;
    for (const row of rows) {
      await recordEvent(tx, actor, row.id, 'adopted', 'published', `刊发于${where}`);
      await notify(tx, {
        submissionId: row.id,
        orgPath: row.orgPath,
        text: `稿件《${row.editedTitle ?? row.title}》已刊发于${where}`,
        audience: {
          officersOf: [row.orgId, ...sources.filter((s) => s.submissionId === row.id).map((s) => s.orgId)],
        },
      });
    }
    await audit(tx, actor, {
      action: 'bulletin.publishIssue',
      entity: 'bulletinIssue',
      entityId: id,
      orgPath: issue.orgPath,
      before: issue,
      after: { ...updated, items: ids.length },
    });
    return { id, items: ids.length };
  });
}

/** Deletes a draft issue; its items go back to the adopted items waiting for an issue. */
export async function deleteDraftIssue(actor: Actor, id: string, version: number) {
  await db.transaction(async (tx) => {
    const { issue } = await loadEditable(tx, actor, id, true);
    requireDraft(issue);
    if (issue.version !== version) throw conflict('本期简报已被其他编辑修改，请刷新后再删除');
    await tx.delete(bulletinIssues).where(eq(bulletinIssues.id, id));
    await audit(tx, actor, {
      action: 'bulletin.deleteIssue',
      entity: 'bulletinIssue',
      entityId: id,
      orgPath: issue.orgPath,
      before: issue,
    });
  });
}
