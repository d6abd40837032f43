// Full-text search over submissions and the items of archived and published issues (DOMAIN §7:
// old bulletins "become searchable, item by item"). One document per submission or issue item
// in bulletin_search_docs, written in the same transaction as the text or state it copies; the
// tokens come from platform/search (bigrams of Han runs, see there).
//
// Who finds what follows the lists: an officer finds the own unit's submissions in any state
// (drafts included), an editor also every submission beyond draft in the own subtree (as
// GET /api/bulletin/submissions), and both find the items of the issues they may read (series
// edited by the own unit, above it or below it; archive.ts).
//
// Ranking: the matches are cut to the newest RANK_CAP before ts_rank_cd orders them, so that a
// word found in tens of thousands of items does not rank them all (see bench/RESULTS.md).
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { can, type Actor } from '../platform/access';
import { db, execute, type Db } from '../platform/db/client';
import { forbidden, invalidField } from '../platform/errors';
import { registerPathRewriter } from '../platform/org-paths';
import { buildTsQuery, highlightRanges, queryTerms, searchTokens, snippetAround } from '../platform/search';
import { orgRefs, orgsByNames } from '../orgs/service';
import { columnsById } from './columns';
import type { SearchHit, SearchPage, SearchQuery, SearchSource, SearchState } from './contract';
import {
  bulletinIssueItems,
  bulletinIssues,
  bulletinSearchDocs,
  submissionOrgs,
  submissions,
} from './tables';

/** How many of the newest matches are ranked by relevance. */
export const RANK_CAP = 500;

registerPathRewriter(async (tx, oldPrefix, newPrefix) => {
  await tx
    .update(bulletinSearchDocs)
    .set({ orgPath: sql`${newPrefix} || substr(${bulletinSearchDocs.orgPath}, ${oldPrefix.length + 1})` })
    .where(sql`${bulletinSearchDocs.orgPath} like ${oldPrefix + '%'}`);
});

/** The year as China counts it (UTC+8, no daylight saving). */
function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

type DocRow = Omit<typeof bulletinSearchDocs.$inferInsert, 'tokens'>;

/** The weighted tsvector of a title (A) and body (B). */
function tokensOf(title: string, body: string): SQL {
  return sql`setweight(to_tsvector('simple', ${searchTokens(title)}), 'A') || setweight(to_tsvector('simple', ${searchTokens(body)}), 'B')`;
}

/** Writes documents (insert or replace), in bounded multi-row statements. */
export async function upsertDocs(tx: Db, docs: DocRow[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    const batch = docs.slice(i, i + 200).map((d) => ({ ...d, tokens: tokensOf(d.title, d.body) }));
    await tx
      .insert(bulletinSearchDocs)
      .values(batch)
      .onConflictDoUpdate({
        target: [bulletinSearchDocs.source, bulletinSearchDocs.sourceId],
        set: {
          orgPath: sql`excluded.org_path`,
          year: sql`excluded.year`,
          columnName: sql`excluded.column_name`,
          state: sql`excluded.state`,
          sourceUnits: sql`excluded.source_units`,
          sourceOrgIds: sql`excluded.source_org_ids`,
          title: sql`excluded.title`,
          body: sql`excluded.body`,
          tokens: sql`excluded.tokens`,
          at: sql`excluded.at`,
        },
      });
  }
}

/** (Re)writes the documents of these submissions from their current rows. */
export async function indexSubmissions(tx: Db, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await tx.select().from(submissions).where(inArray(submissions.id, ids));
  if (!rows.length) return 0;
  const co = await tx
    .select({ submissionId: submissionOrgs.submissionId, orgId: submissionOrgs.orgId })
    .from(submissionOrgs)
    .where(
      inArray(
        submissionOrgs.submissionId,
        rows.map((r) => r.id),
      ),
    );
  const named = await orgRefs(tx, [...rows.map((r) => r.orgId), ...co.map((c) => c.orgId)]);
  const columns = await columnsById(tx);
  const docs = rows.map((r): DocRow => {
    const orgIds = [r.orgId, ...co.filter((c) => c.submissionId === r.id).map((c) => c.orgId)];
    const at = r.submittedAt ?? r.createdAt;
    const columnId = r.columnId ?? r.suggestedColumnId;
    return {
      source: 'submission',
      sourceId: r.id,
      orgPath: r.orgPath,
      year: chinaYear(at),
      columnName: columnId ? (columns.get(columnId)?.name ?? null) : null,
      state: r.state,
      sourceUnits: orgIds.map((id) => named.get(id)?.name ?? ''),
      sourceOrgIds: orgIds,
      // The editor's version once adopted with edits; the officer's text otherwise.
      title: r.editedTitle ?? r.title,
      body: r.editedBody ?? r.body,
      at,
    };
  });
  await upsertDocs(tx, docs);
  return docs.length;
}

/** (Re)writes the search document of one submission; call it in the transaction that changed it. */
export async function indexSubmission(tx: Db, submissionId: string): Promise<void> {
  await indexSubmissions(tx, [submissionId]);
}

/**
 * (Re)writes the documents of an issue's items when the issue is archived or published, and
 * removes them otherwise (a draft issue is not searchable); returns how many were written.
 */
export async function indexIssueItems(tx: Db, issueId: string): Promise<number> {
  const [issue] = await tx.select().from(bulletinIssues).where(eq(bulletinIssues.id, issueId));
  const items = await tx.select().from(bulletinIssueItems).where(eq(bulletinIssueItems.issueId, issueId));
  if (!issue || (issue.state !== 'archived' && issue.state !== 'published')) {
    if (items.length)
      await tx.delete(bulletinSearchDocs).where(
        and(
          eq(bulletinSearchDocs.source, 'issue_item'),
          inArray(
            bulletinSearchDocs.sourceId,
            items.map((i) => i.id),
          ),
        ),
      );
    return 0;
  }
  // Sources are printed names (吴中区总工会、市总生产部): those naming a unit credit it.
  const byName = new Map<string, string[]>();
  for (const o of await orgsByNames(
    tx,
    items.flatMap((i) => i.sources),
  ))
    for (const n of [o.name, o.shortName]) if (n) byName.set(n, [...(byName.get(n) ?? []), o.id]);
  // Without a printed date, the start of the issue's year (not the day it was imported).
  const at = new Date(`${issue.issueDate ?? `${issue.year}-01-01`}T00:00:00+08:00`);
  await upsertDocs(
    tx,
    items.map((item) => ({
      source: 'issue_item',
      sourceId: item.id,
      orgPath: issue.orgPath,
      year: issue.year,
      columnName: item.columnName,
      state: issue.state,
      sourceUnits: item.sources,
      sourceOrgIds: [...new Set(item.sources.flatMap((s) => byName.get(s) ?? []))],
      title: item.title,
      body: item.body,
      at,
    })),
  );
  return items.length;
}

/** Rebuilds every document from the submissions and issues, in the caller's transaction. */
export async function reindexAll(
  tx: Db,
  progress?: (what: string, done: number) => void,
): Promise<{ submissions: number; issueItems: number; issues: number }> {
  await tx.delete(bulletinSearchDocs);
  let submissionCount = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await tx
      .select({ id: submissions.id })
      .from(submissions)
      .where(sql`${submissions.id} > ${after}`)
      .orderBy(submissions.id)
      .limit(1000);
    if (!ids.length) break;
    submissionCount += await indexSubmissions(
      tx,
      ids.map((r) => r.id),
    );
    after = ids[ids.length - 1]!.id;
    progress?.('submissions', submissionCount);
  }
  const issues = await tx
    .select({ id: bulletinIssues.id })
    .from(bulletinIssues)
    .where(inArray(bulletinIssues.state, ['archived', 'published']));
  let itemCount = 0;
  for (const issue of issues) {
    itemCount += await indexIssueItems(tx, issue.id);
    progress?.('issueItems', itemCount);
  }
  await execute(tx, sql`analyze bulletin_search_docs`);
  return { submissions: submissionCount, issueItems: itemCount, issues: issues.length };
}

type Query = ReturnType<typeof SearchQuery.parse>;

/** What the actor may find; see the head of this file. */
function findableBy(actor: Actor): SQL {
  const scope = actor.scopePath;
  const issues = sql`(d.source = 'issue_item' and d.state in ('archived', 'published') and (d.org_path like ${scope + '%'} or ${scope} like d.org_path || '%'))`;
  const own = sql`${actor.orgId}::uuid = any(d.source_org_ids)`;
  const edited = can(actor, 'bulletin:edit')
    ? sql` or (d.state <> 'draft' and (d.org_path like ${scope + '%'} or exists (select 1 from submission_orgs so where so.submission_id = d.source_id and so.org_path like ${scope + '%'})))`
    : sql``;
  return sql`(${issues} or (d.source = 'submission' and (${own}${edited})))`;
}

interface HitRow extends Record<string, unknown> {
  total: number;
  source: SearchSource;
  source_id: string;
  title: string;
  body: string;
  year: number;
  column_name: string | null;
  state: SearchState;
  source_units: string[];
  at: string | Date;
}

/**
 * Searches the documents the actor may find: the newest RANK_CAP matches ranked by
 * ts_rank_cd (title above body), then date; highlights as offsets, never HTML.
 */
export async function searchBulletin(actor: Actor, query: Query): Promise<SearchPage> {
  if (!can(actor, 'bulletin:edit') && !can(actor, 'bulletin:submit')) throw forbidden();
  const tsquery = buildTsQuery(query.q);
  if (!tsquery) throw invalidField('q', '检索内容中没有可检索的文字（请输入汉字、字母或数字）');
  const terms = queryTerms(query.q);
  return db.transaction(async (tx) => {
    const where: SQL[] = [sql`d.tokens @@ q.q`, findableBy(actor)];
    if (query.year !== undefined) where.push(sql`d.year = ${query.year}`);
    if (query.column) where.push(sql`d.column_name = ${query.column}`);
    if (query.state) where.push(sql`d.state = ${query.state}`);
    if (query.source) where.push(sql`d.source = ${query.source}`);
    if (query.unit) {
      const unit = (await orgRefs(tx, [query.unit])).get(query.unit);
      if (!unit) throw invalidField('unit', '单位不存在');
      where.push(
        sql`(${query.unit}::uuid = any(d.source_org_ids) or (d.source = 'submission' and d.org_path like ${unit.path + '%'}))`,
      );
    }
    const offset = (query.page - 1) * query.pageSize;
    // Newest RANK_CAP matches (with the count of all), then ranked; the page's texts only.
    const rows = await execute<HitRow>(
      tx,
      sql`with q as (select to_tsquery('simple', ${tsquery}) as q),
        hits as (
          select d.source, d.source_id, d.at, count(*) over () as total
          from bulletin_search_docs d, q
          where ${sql.join(where, sql` and `)}
          order by d.at desc
          limit ${RANK_CAP}
        ),
        ranked as (
          select h.source, h.source_id, h.total,
            ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tokens, q.q) as rank
          from hits h
          join bulletin_search_docs d on d.source = h.source and d.source_id = h.source_id, q
          order by rank desc, h.at desc, h.source_id
          offset ${offset} limit ${query.pageSize}
        )
        select r.total::int as total, d.source, d.source_id, d.title, d.body, d.year, d.column_name,
          d.state, d.source_units, d.at
        from ranked r
        join bulletin_search_docs d on d.source = r.source and d.source_id = r.source_id
        order by r.rank desc, d.at desc, d.source_id`,
    );
    let total = rows[0]?.total;
    if (total === undefined && offset > 0) {
      // A page beyond the ranked ones: still say how many there are.
      const [n] = await execute<{ n: number }>(
        tx,
        sql`select count(*)::int as n from bulletin_search_docs d, (select to_tsquery('simple', ${tsquery}) as q) q where ${sql.join(where, sql` and `)}`,
      );
      total = n?.n ?? 0;
    }
    total ??= 0;
    const itemIds = rows.filter((r) => r.source === 'issue_item').map((r) => r.source_id);
    const issueOf = new Map<string, { issueId: string; year: number; number: number | null }>();
    if (itemIds.length) {
      const found = await tx
        .select({
          id: bulletinIssueItems.id,
          issueId: bulletinIssues.id,
          year: bulletinIssues.year,
          number: bulletinIssues.number,
        })
        .from(bulletinIssueItems)
        .innerJoin(bulletinIssues, eq(bulletinIssues.id, bulletinIssueItems.issueId))
        .where(inArray(bulletinIssueItems.id, itemIds));
      for (const f of found) issueOf.set(f.id, f);
    }
    const items = rows.map((r): SearchHit => {
      const issue = issueOf.get(r.source_id);
      const snippet = snippetAround(r.body, highlightRanges(r.body, terms));
      return {
        source: r.source,
        id: r.source_id,
        title: r.title,
        titleHighlights: highlightRanges(r.title, terms),
        snippet: snippet.text,
        snippetHighlights: snippet.highlights,
        year: r.year,
        column: r.column_name,
        state: r.state,
        units: r.source_units.filter((u) => u),
        date: new Date(r.at).toISOString(),
        submissionId: r.source === 'submission' ? r.source_id : null,
        issueId: issue?.issueId ?? null,
        issueYear: issue?.year ?? null,
        issueNumber: issue?.number ?? null,
      };
    });
    return { total, ranked: Math.min(total, RANK_CAP), items };
  });
}
