// Archived bulletin issues: old issues kept as text or Word files are parsed and stored as issues
// of their series, column by column and item by item, with their sources and distribution.
//
// Who reads an issue: the bulletin goes to every union below its editing unit, so a user with a
// bulletin permission (officer or editor) reads the issues of the series edited by the own unit,
// by any unit above it, or by any unit in the own scope. Users of a sibling subtree (another
// district's bulletin) get 404, as for everything outside one's reach.

import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { AppError, conflict, forbidden, invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { runInWorker } from '../platform/worker-task';
import { orgRefs, orgsInScopeByKind } from '../orgs/service';
import { ARCHIVE_LIMITS } from './contract';
import type {
  AdoptionKind,
  IssueImportResult,
  IssueListQuery,
  IssuePage,
  IssueState,
  IssueView,
} from './contract';
import type { LegacyBulletin } from './legacy/parse';
import { refreshIssueFigures } from './figures';
import { indexIssueItems } from './search';
import { bulletinIssueItems, bulletinIssues, bulletinSeries, type IssueDistribution } from './tables';

export const DEFAULT_SERIES = '工作动态';

export interface ImportArchiveOptions {
  filePath: string;
  /** The name the file had on the user's computer: the year is read from it when needed. */
  originalName: string;
  series?: string | null | undefined;
  year?: number | undefined;
  number?: number | undefined;
}

function requireBulletinRead(actor: Actor) {
  requireAccess(actor, ['bulletin:submit', 'bulletin:edit']);
}

/**
 * The issues the actor may read: those of series edited in its subtree or above it; an issue
 * being compiled (draft) only by the editors over it. Paths hold only digits and slashes, so LIKE
 * needs no escaping. The list filters by it and the loader reads by it.
 */
function readableBy(actor: Actor): SQL {
  const inside = sql`${bulletinIssues.orgPath} like ${actor.scopePath + '%'}`;
  const above = sql`${actor.scopePath} like ${bulletinIssues.orgPath} || '%'`;
  if (can(actor, 'bulletin:edit'))
    return sql`(${inside} or (${above} and ${bulletinIssues.state} <> 'draft'))`;
  return sql`((${inside} or ${above}) and ${bulletinIssues.state} <> 'draft')`;
}

/** Parses the file in a worker thread within the time limit, and checks the issue's size. */
async function readFile(options: ImportArchiveOptions): Promise<LegacyBulletin> {
  let parsed: LegacyBulletin;
  try {
    parsed = await runInWorker<LegacyBulletin>(
      new URL('./legacy/read-file.ts', import.meta.url),
      'parseLegacyFile',
      [options.filePath, options.originalName],
      {
        timeoutMs: ARCHIVE_LIMITS.parseSeconds * 1000,
        tooSlow: () =>
          new AppError(
            413,
            'TOO_SLOW',
            `文件在 ${ARCHIVE_LIMITS.parseSeconds} 秒内未能读完，内容过于复杂：请拆分后分别导入`,
            [{ field: 'file', message: '内容过于复杂' }],
          ),
      },
    );
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') {
      throw new AppError(400, 'UNREADABLE_FILE', '文件不存在或无法读取，请检查文件后重新导入');
    }
    throw err;
  }
  const items = parsed.columns.reduce((n, c) => n + c.items.length, 0);
  if (items > ARCHIVE_LIMITS.items || parsed.columns.length > ARCHIVE_LIMITS.columns)
    throw new AppError(
      413,
      'TOO_LARGE',
      `文件中识别出 ${parsed.columns.length} 个栏目、${items} 条信息，超过一期简报 ${ARCHIVE_LIMITS.columns} 个栏目、${ARCHIVE_LIMITS.items} 条信息的上限：请确认这是一期简报，或拆分后分别导入`,
      [{ field: 'file', message: '栏目或信息条数过多' }],
    );
  return parsed;
}

/**
 * The series of that name, locked for the caller's transaction, or a new one edited by the
 * actor's unit; a series edited by a unit outside the actor's scope is refused (403).
 */
export async function seriesForEditing(
  tx: Db,
  actor: Actor,
  name: string,
  options: { distribution?: string | null; refusal: string },
): Promise<typeof bulletinSeries.$inferSelect> {
  const [found] = await tx.select().from(bulletinSeries).where(eq(bulletinSeries.name, name)).for('update');
  if (found) {
    if (!found.orgPath.startsWith(actor.scopePath))
      throw forbidden(`《${name}》由其他单位编辑，您不能${options.refusal}`);
    return found;
  }
  const org = await editingOrg(tx, actor);
  const [created] = await tx
    .insert(bulletinSeries)
    .values({
      id: newId(),
      name,
      orgId: org.id,
      orgPath: org.path,
      distribution: options.distribution ?? null,
    })
    .returning();
  return created!;
}

/** The editing unit of a new series: the actor's unit, or the city federation for the system. */
async function editingOrg(tx: Db, actor: Actor): Promise<{ id: string; path: string }> {
  const own = (await orgRefs(tx, [actor.orgId])).get(actor.orgId);
  if (own) return own;
  const [top] = (await orgsInScopeByKind(tx, actor, ['cityFederation'])).sort(
    (a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path),
  );
  if (!top) throw new AppError(400, 'NO_ORG', '还没有建立市总工会组织，请先创建根组织再导入简报');
  return top;
}

function distributionText(d: IssueDistribution): string | null {
  const lines = [
    d.issuedTo !== null ? `本期印发：${d.issuedTo}` : null,
    d.report !== null ? `报：${d.report}` : null,
    d.send !== null ? `送：${d.send}` : null,
    d.issue !== null ? `发：${d.issue}` : null,
  ].filter((l): l is string => l !== null);
  return lines.length ? lines.join('\n') : null;
}

function issueLabel(year: number, number: number | null, supplement: boolean): string {
  if (number === null) return `${year} 年（无期号）`;
  return `${year} 年${supplement ? '增刊' : ''}第 ${number} 期`;
}

/**
 * Imports one legacy bulletin file as an archived issue: the series is created by name when it
 * does not exist yet (edited by the actor's unit), the year and number come from the options or
 * the masthead, and the issue with all its items is written in one transaction.
 */
export async function importLegacyBulletin(
  actor: Actor,
  options: ImportArchiveOptions,
): Promise<IssueImportResult> {
  requireAccess(actor, 'bulletin:edit');
  if (
    options.year !== undefined &&
    !(Number.isInteger(options.year) && options.year >= 1950 && options.year <= 2100)
  )
    throw invalidField('year', '年份应在 1950 至 2100 之间');
  if (
    options.number !== undefined &&
    !(Number.isInteger(options.number) && options.number >= 1 && options.number <= 999)
  )
    throw invalidField('number', '期号应在 1 至 999 之间');
  const parsed = await readFile(options);
  const year = options.year ?? parsed.year;
  if (year === null) {
    throw invalidField(
      'year',
      '无法确定这期简报的年份：报头和文件名中都没有年份，请指定年份（例如 2012）后重新导入',
    );
  }
  const number = options.number ?? parsed.number;
  const seriesName = options.series?.trim() || parsed.series || DEFAULT_SERIES;
  // Warnings about what the options have settled no longer apply.
  const warnings = parsed.warnings.filter(
    (w) =>
      !(options.year !== undefined && w.startsWith('报头中没有年份')) &&
      !(options.number !== undefined && w.startsWith('未识别到期号')),
  );
  const items = parsed.columns.reduce((n, c) => n + c.items.length, 0);
  const flagged = parsed.columns.reduce((n, c) => n + c.items.filter((i) => i.flagged !== null).length, 0);

  return db.transaction(async (tx) => {
    const { id: seriesId, orgPath } = await seriesForEditing(tx, actor, seriesName, {
      distribution: distributionText(parsed.distribution),
      refusal: '向其导入往期简报',
    });
    // Issues without a number cannot be told apart by it: the same file name counts as the same.
    const [existing] = await tx
      .select({ id: bulletinIssues.id })
      .from(bulletinIssues)
      .where(
        and(
          eq(bulletinIssues.seriesId, seriesId),
          eq(bulletinIssues.year, year),
          eq(bulletinIssues.supplement, parsed.supplement),
          number !== null
            ? eq(bulletinIssues.number, number)
            : and(isNull(bulletinIssues.number), eq(bulletinIssues.sourceFile, options.originalName)),
        ),
      )
      .limit(1);
    if (existing) {
      throw conflict(
        `《${seriesName}》${issueLabel(year, number, parsed.supplement)}已经导入过，未重复导入`,
        [{ field: 'number', message: '该期已存在' }],
      );
    }
    const id = newId();
    const [row] = await tx
      .insert(bulletinIssues)
      .values({
        id,
        seriesId,
        year,
        number,
        totalNumber: parsed.totalNumber,
        supplement: parsed.supplement,
        issueDate: parsed.date,
        state: 'archived',
        distribution: parsed.distribution,
        printCount: parsed.printCount,
        masthead: parsed.masthead,
        warnings,
        sourceFile: options.originalName,
        orgPath,
        createdBy: actor.username === 'system' ? null : actor.id,
      })
      .returning();
    const rows = parsed.columns.flatMap((column, columnPosition) =>
      column.items.map((item, position) => ({
        id: newId(),
        issueId: id,
        columnName: column.name,
        columnPosition,
        position,
        title: item.title,
        body: item.body,
        sources: item.sources,
        kind: item.kind,
        flagged: item.flagged,
      })),
    );
    // Bounded batches: a parameter list has a limit, and an archive can be long.
    for (let i = 0; i < rows.length; i += 500)
      await tx.insert(bulletinIssueItems).values(rows.slice(i, i + 500));
    await indexIssueItems(tx, id);
    await refreshIssueFigures(tx, id);
    await audit(tx, actor, {
      action: 'bulletin.importArchive',
      entity: 'bulletinIssue',
      entityId: id,
      orgPath,
      after: { ...row, series: seriesName, columns: parsed.columns.length, items, flagged },
    });
    return { id, columns: parsed.columns.length, items, flagged, warnings };
  });
}

/** The fields that identify an issue, as the API shows them. */
function headerOf(issue: typeof bulletinIssues.$inferSelect, series: string) {
  return {
    id: issue.id,
    series,
    year: issue.year,
    number: issue.number,
    totalNumber: issue.totalNumber,
    supplement: issue.supplement,
    date: issue.issueDate,
    state: issue.state as IssueState,
  };
}

/** One issue with its columns and items in print order. */
export async function getIssue(actor: Actor, id: string): Promise<IssueView> {
  return db.transaction(async (tx) => {
    const { view, seriesOrgId } = await loadIssueView(tx, actor, id);
    const unit = (await orgRefs(tx, [seriesOrgId])).get(seriesOrgId);
    return { ...view, editingUnit: unit?.name ?? null };
  });
}

/** An issue as it is printed (the API's view carries the editing unit). */
export type PrintableIssue = IssueView;

/** One issue for printing or export. */
export const getPrintableIssue = getIssue;

async function loadIssueView(
  tx: Db,
  actor: Actor,
  id: string,
): Promise<{ view: Omit<IssueView, 'editingUnit'>; seriesOrgId: string }> {
  requireBulletinRead(actor);
  const [found] = await tx
    .select({ issue: bulletinIssues, series: bulletinSeries.name, seriesOrgId: bulletinSeries.orgId })
    .from(bulletinIssues)
    .innerJoin(bulletinSeries, eq(bulletinSeries.id, bulletinIssues.seriesId))
    .where(and(eq(bulletinIssues.id, id), readableBy(actor)));
  if (!found) throw notFound('简报');
  const { issue } = found;
  const items = await tx
    .select()
    .from(bulletinIssueItems)
    .where(eq(bulletinIssueItems.issueId, id))
    .orderBy(asc(bulletinIssueItems.columnPosition), asc(bulletinIssueItems.position));
  const columns: IssueView['columns'] = [];
  let lastPosition = -1;
  for (const item of items) {
    if (item.columnPosition !== lastPosition || !columns.length) {
      columns.push({ name: item.columnName, items: [] });
      lastPosition = item.columnPosition;
    }
    columns[columns.length - 1]!.items.push({
      title: item.title,
      body: item.body,
      sources: item.sources,
      kind: item.kind as AdoptionKind,
      flagged: item.flagged,
    });
  }
  const view: Omit<IssueView, 'editingUnit'> = {
    ...headerOf(issue, found.series),
    columns,
    distribution: issue.distribution,
    printCount: issue.printCount,
    warnings: issue.warnings,
  };
  return { view, seriesOrgId: found.seriesOrgId };
}

const itemCount = sql<number>`(select count(*)::int from bulletin_issue_items i where i.issue_id = bulletin_issues.id)`;
const flaggedCount = sql<number>`(select count(*)::int from bulletin_issue_items i where i.issue_id = bulletin_issues.id and i.flagged is not null)`;

/** Issues the actor may read, newest year and number first. */
export async function listIssues(
  actor: Actor,
  query: ReturnType<typeof IssueListQuery.parse>,
): Promise<IssuePage> {
  requireBulletinRead(actor);
  const where: SQL[] = [readableBy(actor)];
  if (query.series) where.push(eq(bulletinSeries.name, query.series));
  if (query.year !== undefined) where.push(eq(bulletinIssues.year, query.year));
  const condition = and(...where);
  return db.transaction(async (tx) => {
    const [total] = await tx
      .select({ n: count() })
      .from(bulletinIssues)
      .innerJoin(bulletinSeries, eq(bulletinSeries.id, bulletinIssues.seriesId))
      .where(condition);
    const rows = await tx
      .select({ issue: bulletinIssues, series: bulletinSeries.name, items: itemCount, flagged: flaggedCount })
      .from(bulletinIssues)
      .innerJoin(bulletinSeries, eq(bulletinSeries.id, bulletinIssues.seriesId))
      .where(condition)
      .orderBy(
        desc(bulletinIssues.year),
        sql`${bulletinIssues.number} desc nulls last`,
        asc(bulletinIssues.supplement),
        desc(bulletinIssues.createdAt),
        desc(bulletinIssues.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return {
      total: total?.n ?? 0,
      items: rows.map(({ issue, series, items, flagged }) => ({
        ...headerOf(issue, series),
        items,
        flagged,
        sourceFile: issue.sourceFile,
        createdAt: issue.createdAt.toISOString(),
      })),
    };
  });
}
