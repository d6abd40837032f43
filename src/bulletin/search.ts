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
// Ranking: a word found in tens of thousands of items must not make PostgreSQL rank them all
// (ts_rank_cd reads each stored tsvector, ~30 µs a row on PGlite). Each branch of the scope
// (own unit's submissions, an editor's other submissions, readable issue items) gives its newest
// RANK_CAP matches, newest by id (UUIDv7: the order the texts were written) so that the primary
// key is walked backwards and stops early; only those are ranked. See bench/RESULTS.md.
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
  bulletinSeries,
  submissionOrgs,
  submissions,
} from './tables';

/** How many of the newest matches of each branch of the scope are ranked by relevance. */
export const RANK_CAP = 200;

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
  // Bulk writes land in the GIN index's pending list, which every search scans until it is
  // merged (PGlite runs no autovacuum to do it).
  await execute(tx, sql`select gin_clean_pending_list('bulletin_search_docs_tokens_idx'::regclass)`);
  await execute(tx, sql`analyze bulletin_search_docs`);
  return { submissions: submissionCount, issueItems: itemCount, issues: issues.length };
}

type Query = ReturnType<typeof SearchQuery.parse>;

interface Candidate extends Record<string, unknown> {
  branch: string;
  source: SearchSource;
  source_id: string;
  rank: number;
  at: string | Date;
}

interface DocText extends Record<string, unknown> {
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
 * The branches of what the actor may find (head of this file), each its own query so that each
 * has a fast path: the own unit's submissions through the submissions' unit index, an editor's
 * other submissions beyond draft in scope, and the items of readable issues.
 */
function branches(actor: Actor, query: Query, seriesPaths: string[]): { name: string; where: SQL }[] {
  const scope = actor.scopePath + '%';
  const notOwn = sql`not (${actor.orgId}::uuid = any(d.source_org_ids))`;
  const out: { name: string; where: SQL }[] = [];
  if (query.source !== 'issue_item') {
    out.push({
      name: 'own',
      where: sql`d.source = 'submission' and d.source_id in (select s.id from submissions s where s.org_id = ${actor.orgId} union all select so.submission_id from submission_orgs so where so.org_id = ${actor.orgId})`,
    });
    if (can(actor, 'bulletin:edit')) {
      // Plain conditions, so that the path index serves them and they are checked before the text.
      out.push({
        name: 'edited',
        where: sql`d.source = 'submission' and d.org_path like ${scope} and d.state <> 'draft' and ${notOwn}`,
      });
      out.push({
        name: 'coSubmitted',
        where: sql`d.source = 'submission' and d.org_path not like ${scope} and d.state <> 'draft' and d.source_id in (select so.submission_id from submission_orgs so where so.org_path like ${scope}) and ${notOwn}`,
      });
    }
  }
  // The issues of the series edited by the own unit, above it or below it (archive.ts).
  const readable = seriesPaths.filter((p) => p.startsWith(actor.scopePath) || actor.scopePath.startsWith(p));
  if (query.source !== 'submission' && readable.length)
    out.push({
      name: 'issues',
      where: sql`d.source = 'issue_item' and d.org_path in (${sql.join(
        readable.map((p) => sql`${p}`),
        sql`, `,
      )}) and d.state in ('archived', 'published')`,
    });
  return out;
}

/**
 * Searches the documents the actor may find. Each branch of the scope gives its newest
 * RANK_CAP matches (by id: UUIDv7, the order they were written), which are ranked by
 * ts_rank_cd (title A above body B), then date; `total` counts them, `capped` says there are
 * more. Highlights are offsets, never HTML.
 */
export async function searchBulletin(actor: Actor, query: Query): Promise<SearchPage> {
  if (!can(actor, 'bulletin:edit') && !can(actor, 'bulletin:submit')) throw forbidden();
  const tsquery = buildTsQuery(query.q);
  if (!tsquery) throw invalidField('q', '检索内容中没有可检索的文字（请输入汉字、字母或数字）');
  const terms = queryTerms(query.q);
  return db.transaction(async (tx) => {
    // Cheap conditions first: PostgreSQL keeps the written order for conditions of equal cost,
    // and a row that fails them is then never matched against its (TOASTed) tsvector.
    // Not `col = constant`: PostgreSQL moves such equalities after the other conditions.
    const filters: SQL[] = [];
    if (query.year !== undefined) filters.push(sql`d.year between ${query.year} and ${query.year}`);
    if (query.column) filters.push(sql`d.column_name = any(array[${query.column}]::text[])`);
    if (query.state) filters.push(sql`d.state = any(array[${query.state}]::text[])`);
    if (query.unit) {
      const unit = (await orgRefs(tx, [query.unit])).get(query.unit);
      if (!unit) throw invalidField('unit', '单位不存在');
      filters.push(
        sql`(${query.unit}::uuid = any(d.source_org_ids) or (d.source = 'submission' and d.org_path like ${unit.path + '%'}))`,
      );
    }
    const match = sql`d.tokens @@ to_tsquery('simple', ${tsquery})`;
    // Few series exist: their paths decide which issue items the actor reads.
    const seriesPaths = (await tx.selectDistinct({ path: bulletinSeries.orgPath }).from(bulletinSeries)).map(
      (r) => r.path,
    );
    const parts = branches(actor, query, seriesPaths).map(
      (b) =>
        sql`(select ${b.name} as branch, d.source, d.source_id, d.at, d.tokens from bulletin_search_docs d
          where ${sql.join([b.where, ...filters, match], sql` and `)}
          order by d.source_id desc limit ${RANK_CAP})`,
    );
    if (!parts.length) return { total: 0, ranked: 0, capped: false, items: [] };
    // The rank is computed outside the branches: only for the candidates, never for every match.
    const candidates = await execute<Candidate>(
      tx,
      sql`select c.branch, c.source, c.source_id, c.at,
          ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', c.tokens, to_tsquery('simple', ${tsquery}))::float8 as rank
        from (${sql.join(parts, sql` union all `)}) c`,
    );
    const perBranch = new Map<string, number>();
    for (const c of candidates) perBranch.set(c.branch, (perBranch.get(c.branch) ?? 0) + 1);
    const capped = [...perBranch.values()].some((n) => n >= RANK_CAP);
    const time = (c: Candidate) => new Date(c.at).getTime();
    candidates.sort(
      (a, b) =>
        b.rank - a.rank ||
        time(b) - time(a) ||
        (a.source_id < b.source_id ? 1 : a.source_id > b.source_id ? -1 : 0),
    );
    const page = candidates.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const texts = new Map<string, DocText>();
    if (page.length) {
      const rows = await execute<DocText>(
        tx,
        sql`select d.source, d.source_id, d.title, d.body, d.year, d.column_name, d.state, d.source_units, d.at
          from bulletin_search_docs d
          where (d.source, d.source_id) in (${sql.join(
            page.map((c) => sql`(${c.source}, ${c.source_id}::uuid)`),
            sql`, `,
          )})`,
      );
      for (const r of rows) texts.set(`${r.source}:${r.source_id}`, r);
    }
    const itemIds = page.filter((r) => r.source === 'issue_item').map((r) => r.source_id);
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
    const items = page.flatMap((c): SearchHit[] => {
      const r = texts.get(`${c.source}:${c.source_id}`);
      if (!r) return [];
      const issue = issueOf.get(r.source_id);
      const snippet = snippetAround(r.body, highlightRanges(r.body, terms));
      return [
        {
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
        },
      ];
    });
    return { total: candidates.length, ranked: candidates.length, capped, items };
  });
}
