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
// RANK_CAP matches, newest by id (UUIDv7: the order the texts were written); only those are ranked.
//
// How the newest matches are found depends on how common the words are, and PostgreSQL cannot
// tell: it estimates a conjunction of bigrams as independent words (劳模创新工作室: four bigrams,
// estimated 0.2% of the documents, found in 11%). So the search decides itself from the words'
// shares in the column statistics (pg_stats, written by ANALYZE): when a word is rare, one GIN
// lookup gives every match (few); otherwise each branch walks its newest WALK documents by the
// primary key, testing each, and stops at RANK_CAP matches; only a branch whose walk found fewer
// (the words are common, but rarely together) asks the GIN index, in a second statement that
// is planned only then. Every way gives the same newest matches. The rows hold no texts (read
// for the page only), so that they are narrow. A walked document is first compared with the
// query by its signature, a Bloom filter of its words kept in its row
// (bulletin_search_signature): comparing costs ~1 µs, reading and testing its tokens ~10 µs, and
// only the documents that may match are read (the matches, and of the others ~1% for a text of
// ~120 distinct words, ~6% for 300), a match being ranked with the tokens just read.
// See bench/RESULTS.md.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, type Actor } from '../platform/access';
import { mapBreathing } from '../platform/breathe';
import { db, execute, type Db } from '../platform/db/client';
import { invalidField } from '../platform/errors';
import { buildTsQuery, highlightRanges, queryTerms, searchTokens, snippetAround } from '../platform/search';
import { orgRefs, orgsByNames } from '../orgs/service';
import { columnsById } from './columns';
import type { SearchHit, SearchPage, SearchQuery, SearchSource, SearchState } from './contract';
import {
  bulletinIssueItems,
  bulletinIssues,
  bulletinSearchDocs,
  bulletinSearchTokens,
  bulletinSeries,
  submissionOrgs,
  submissions,
} from './tables';
import { chinaDayStart, chinaYear } from '../platform/shared/dates';

/** How many of the newest matches of each branch of the scope are ranked by relevance. */
export const RANK_CAP = 100;

/** How many of a branch's newest documents are tested in order before the GIN index is asked. */
export const WALK = 2000;

/** A word in fewer than this share of the documents is looked up in the GIN index first. */
const SPARSE_SHARE = 0.05;

/** A document to write: its row and the title and body its tokens are made of. */
type DocRow = typeof bulletinSearchDocs.$inferInsert & { title: string; body: string };

/** The weighted tsvector of a title (A) and body (B). */
function tokensOf(title: string, body: string): SQL {
  return sql`setweight(to_tsvector('simple', ${searchTokens(title)}), 'A') || setweight(to_tsvector('simple', ${searchTokens(body)}), 'B')`;
}

/** Writes documents (insert or replace), in bounded multi-row statements. */
export async function upsertDocs(tx: Db, docs: DocRow[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    const batch = docs.slice(i, i + 200);
    // Segmenting is the heavy part: other requests are answered between items.
    const tokens = await mapBreathing(batch, (d) => ({
      source: d.source,
      sourceId: d.sourceId,
      tokens: tokensOf(d.title, d.body),
    }));
    await tx
      .insert(bulletinSearchDocs)
      .values(
        batch.map(({ title: _title, body: _body, ...d }, k) => ({
          ...d,
          signature: sql`bulletin_search_signature(${tokens[k]!.tokens})`,
        })),
      )
      .onConflictDoUpdate({
        target: [bulletinSearchDocs.source, bulletinSearchDocs.sourceId],
        set: {
          orgPath: sql`excluded.org_path`,
          year: sql`excluded.year`,
          columnName: sql`excluded.column_name`,
          state: sql`excluded.state`,
          sourceUnits: sql`excluded.source_units`,
          sourceOrgIds: sql`excluded.source_org_ids`,
          at: sql`excluded.at`,
          signature: sql`excluded.signature`,
        },
      });
    await tx
      .insert(bulletinSearchTokens)
      .values(tokens)
      .onConflictDoUpdate({
        target: [bulletinSearchTokens.source, bulletinSearchTokens.sourceId],
        set: { tokens: sql`excluded.tokens` },
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
  const at = chinaDayStart(issue.issueDate ?? `${issue.year}-01-01`);
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
  await tx.delete(bulletinSearchDocs); // and their tokens (on delete cascade)
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
  // The statistics the search reads to tell rare words from common ones (PGlite runs no
  // autovacuum to gather them).
  await execute(tx, sql`analyze bulletin_search_docs`);
  await execute(tx, sql`analyze bulletin_search_tokens`);
  return { submissions: submissionCount, issueItems: itemCount, issues: issues.length };
}

type Query = ReturnType<typeof SearchQuery.parse>;

/** The shares of the commonest lexemes and the share below which the others lie, per database. */
interface LexemeShares {
  read: number;
  shares: Map<string, number>;
  below: number;
}
const lexemeShares = new WeakMap<Db, LexemeShares>();

/**
 * Whether a word of the query is rare enough (in the column statistics ANALYZE keeps) that one
 * GIN lookup is cheaper than walking the newest documents. Without statistics: no.
 */
async function isSparse(tx: Db, tsquery: string): Promise<boolean> {
  let known = lexemeShares.get(tx);
  if (!known || Date.now() - known.read > 60_000) {
    const [row] = await execute<{ elems: string[] | null; freqs: number[] | null }>(
      tx,
      sql`select most_common_elems::text::text[] as elems, most_common_elem_freqs::float8[] as freqs
        from pg_stats where schemaname = current_schema() and tablename = 'bulletin_search_tokens'
          and attname = 'tokens'`,
    );
    const elems = row?.elems ?? [];
    const freqs = row?.freqs ?? [];
    // After the lexemes' shares come the least and greatest of them and the share of nulls.
    const shares = new Map(elems.map((e, i) => [e, freqs[i] ?? 0]));
    known = { read: Date.now(), shares, below: elems.length ? (freqs[elems.length] ?? 0) : 1 };
    lexemeShares.set(tx, known);
  }
  if (!known.shares.size) return false;
  const info = known;
  // A prefix is of unknown share.
  return lexemesOf(tsquery).some(
    ({ lexeme, prefix }) => !prefix && (info.shares.get(lexeme) ?? info.below) < SPARSE_SHARE,
  );
}

/** The lexemes of a query as buildTsQuery writes them: 'word' or 'char':* (a prefix). */
function lexemesOf(tsquery: string): { lexeme: string; prefix: boolean }[] {
  return [...tsquery.matchAll(/'((?:[^']|'')*)'(:\*)?/g)].map(([, lexeme, prefix]) => ({
    lexeme: lexeme!.replace(/''/g, "'"),
    prefix: !!prefix,
  }));
}

/** A row of the page, or the one row without a hit that an empty page still gives. */
type PageRow = ({ source_id: null } | HitRow) & { short_walk: boolean };

interface HitRow extends Record<string, unknown> {
  total: number;
  most: number;
  source: SearchSource;
  source_id: string;
  title: string;
  body: string;
  year: number;
  column_name: string | null;
  state: SearchState;
  source_units: string[];
  at: string | Date;
  issue_id: string | null;
  issue_year: number | null;
  issue_number: number | null;
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
  // A branch that the filters leave empty is left out (less to plan and to walk): a state that
  // only issues have, or only submissions, or a draft, which editors do not find.
  if (query.source !== 'issue_item' && query.state !== 'archived') {
    out.push({
      name: 'own',
      where: sql`d.source = 'submission' and d.source_id in (select s.id from submissions s where s.org_id = ${actor.orgId} union all select so.submission_id from submission_orgs so where so.org_id = ${actor.orgId})`,
    });
    if (can(actor, 'bulletin:edit') && query.state !== 'draft') {
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
  // The issues of the series edited by the own unit, above it or below it (archive.ts). The few
  // series' paths are given as values: with a join or a subquery PostgreSQL cannot tell how many
  // items they hold and sorts every match instead of walking the primary key.
  const readable = seriesPaths.filter((p) => p.startsWith(actor.scopePath) || actor.scopePath.startsWith(p));
  const issueState = !query.state || query.state === 'archived' || query.state === 'published';
  if (query.source !== 'submission' && readable.length && issueState)
    out.push({
      name: 'issues',
      where: sql`d.source = 'issue_item' and d.org_path = any(array[${sql.join(
        readable.map((p) => sql`${p}`),
        sql`, `,
      )}]::text[]) and d.state in ('archived', 'published')`,
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
  requireAccess(actor, ['bulletin:submit', 'bulletin:edit']);
  const tsquery = buildTsQuery(query.q);
  if (!tsquery) throw invalidField('q', '检索内容中没有可检索的文字（请输入汉字、字母或数字）');
  const terms = queryTerms(query.q);
  // Outside an explicit transaction: on PGlite every round trip to the database thread counts,
  // and each statement of the search answers by itself (one snapshot).
  const tx = db.readOrm;
  // Cheap conditions first, so that a row failing them is never matched against its tsvector.
  // The year as an equality: the year index then gives that year's documents newest first.
  const filters: SQL[] = [];
  if (query.year !== undefined) filters.push(sql`d.year = ${query.year}`);
  if (query.column) filters.push(sql`d.column_name = any(array[${query.column}]::text[])`);
  if (query.state) filters.push(sql`d.state = any(array[${query.state}]::text[])`);
  if (query.unit) {
    const unit = (await orgRefs(tx, [query.unit])).get(query.unit);
    if (!unit) throw invalidField('unit', '单位不存在');
    filters.push(
      sql`(${query.unit}::uuid = any(d.source_org_ids) or (d.source = 'submission' and d.org_path like ${unit.path + '%'}))`,
    );
  }
  const tsq = sql`to_tsquery('simple', ${tsquery})`;
  // Title (A) above body (B).
  const rankOf = (tokens: SQL) => sql`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', ${tokens}, ${tsq})::float8`;
  const seriesPaths = (await tx.selectDistinct({ path: bulletinSeries.orgPath }).from(bulletinSeries)).map(
    (r) => r.path,
  );
  const inScope = branches(actor, query, seriesPaths);
  if (!inScope.length) return { total: 0, ranked: 0, capped: false, items: [] };
  const docs = sql`bulletin_search_docs d`;
  // The documents whose words match, as a join (the GIN index of the tokens finds them).
  const matching = sql`bulletin_search_docs d join bulletin_search_tokens t
    on t.source = d.source and t.source_id = d.source_id and t.tokens @@ ${tsq}`;
  const sparse = await isSparse(tx, tsquery);
  // The signature of the query's words (prefixes have none): a document lacking one of its bits
  // lacks a word. Each word parsed alone as to_tsquery parses it, so that the bits are those of
  // the lexemes the tokens must hold; computed once, when planning.
  const words = lexemesOf(tsquery).filter((l) => !l.prefix);
  const mask = sql`bulletin_search_signature(${
    words.length
      ? sql.join(
          words.map((l) => sql`to_tsvector('simple', ${l.lexeme})`),
          sql` || `,
        )
      : sql`''::tsvector`
  })`;
  /**
   * The candidates (c: each branch's newest RANK_CAP matches) and whether a branch's walk ended
   * short of them (`shortWalk`). With `gin`, such a branch asks the GIN index in the same
   * statement; without, the statement is smaller to plan and the caller asks again only when a
   * walk ended short (rare: words that are common, but rarely together).
   */
  const candidatesOf = (gin: boolean): { candidates: SQL; shortWalk: SQL } => {
    const parts: SQL[] = [];
    const ctes: SQL[] = [];
    const short: SQL[] = [];
    if (sparse) {
      // Few matches: one GIN lookup, shared by the branches.
      ctes.push(
        sql`m as materialized (select d.source, d.source_id, d.at, d.org_path, d.state, d.source_org_ids
          from ${matching}${filters.length ? sql` where ${sql.join(filters, sql` and `)}` : sql``})`,
      );
      for (const b of inScope)
        parts.push(
          sql`(select ${b.name}::text as branch, d.source, d.source_id, d.at, null::float8 as rank
            from m d where ${b.where} order by d.source_id desc limit ${RANK_CAP})`,
        );
    } else {
      inScope.forEach((b, i) => {
        const where = sql.join([b.where, ...filters], sql` and `);
        // The branch's newest WALK documents in order, numbered, each tested as it is walked: the
        // tokens are read only of the documents whose signature has the query's bits, and a match
        // is ranked with them (rank not null: a match).
        const walk = sql`select d.source, d.source_id, d.at,
            row_number() over (order by d.source_id desc) as n,
            case when (d.signature & ${mask}) = ${mask} then
              (select case when t.tokens @@ ${tsq} then ${rankOf(sql`t.tokens`)} end
                from bulletin_search_tokens t where t.source = d.source and t.source_id = d.source_id)
            end as rank
          from ${docs} where ${where} order by d.source_id desc limit ${WALK}`;
        const w = sql.identifier(`w${i}`);
        // The walk stops at RANK_CAP matches. Its last document is kept whether it matches or not:
        // when it is there with fewer than RANK_CAP matches, the walk ended without finding them
        // all, and the GIN index finds the others.
        ctes.push(
          sql`${w} as materialized (select w.source, w.source_id, w.at, w.n, w.rank from (${walk}) w
            where w.rank is not null or w.n = ${WALK}
            limit ${RANK_CAP})`,
        );
        const walkedShort = sql`(exists (select from ${w} where n = ${WALK})
          and (select count(*) from ${w} where rank is not null) < ${RANK_CAP})`;
        if (!gin) {
          short.push(walkedShort);
          parts.push(
            sql`(select ${b.name}::text as branch, w.source, w.source_id, w.at, w.rank from ${w} w
              where w.rank is not null)`,
          );
          return;
        }
        const g = sql.identifier(`g${i}`);
        ctes.push(
          sql`${g} as materialized (select d.source, d.source_id, d.at from ${matching}
            where ${where} and ${walkedShort})`,
        );
        parts.push(
          sql`(select ${b.name}::text as branch, g.source, g.source_id, g.at, null::float8 as rank
            from ${g} g order by g.source_id desc limit ${RANK_CAP})`,
          sql`(select ${b.name}::text as branch, w.source, w.source_id, w.at, w.rank from ${w} w
            where w.rank is not null and not exists (select from ${g}))`,
        );
      });
    }
    return {
      candidates: sql`with ${sql.join(ctes, sql`, `)}, c as (${sql.join(parts, sql` union all `)})`,
      shortWalk: short.length ? sql.join(short, sql` or `) : sql`false`,
    };
  };
  const offset = (query.page - 1) * query.pageSize;
  // The rank is computed for the candidates only, never for every match (by the walk for the
  // matches it found, here for those the GIN index gave); the page's texts (the editor's version
  // of a submission once adopted with edits) and issues are read for the page's rows only. One
  // row at least, which says whether a walk ended short.
  const pageOf = ({ candidates, shortWalk }: { candidates: SQL; shortWalk: SQL }) =>
    execute<PageRow>(
      tx,
      sql`${candidates},
        r as (
          select c.source, c.source_id, c.at,
            coalesce(c.rank, (select ${rankOf(sql`t.tokens`)} from bulletin_search_tokens t
              where t.source = c.source and t.source_id = c.source_id)) as rank,
            count(*) over ()::int as total,
            count(*) over (partition by c.branch)::int as in_branch
          from c
        ),
        p as (
          select r.source, r.source_id, r.at, r.rank, r.total, max(r.in_branch) over ()::int as most
          from r order by r.rank desc, r.at desc, r.source_id desc
          offset ${offset} limit ${query.pageSize}
        ),
        f as (select ${shortWalk} as short_walk)
        select f.short_walk, p.total, p.most, p.source, p.source_id,
          coalesce(s.edited_title, s.title, i.title) as title, coalesce(s.edited_body, s.body, i.body) as body,
          d.year, d.column_name, d.state, d.source_units, d.at, i.issue_id, iss.year as issue_year,
          iss.number as issue_number
        from f left join (p
          join bulletin_search_docs d on d.source = p.source and d.source_id = p.source_id
          left join submissions s on p.source = 'submission' and s.id = p.source_id
          left join bulletin_issue_items i on p.source = 'issue_item' and i.id = p.source_id
          left join bulletin_issues iss on iss.id = i.issue_id) on true
        order by p.rank desc, p.at desc, p.source_id desc`,
    );
  let chosen = candidatesOf(false);
  let page = await pageOf(chosen);
  if (page[0]?.short_walk) {
    chosen = candidatesOf(true);
    page = await pageOf(chosen);
  }
  const rows = page.filter((r): r is PageRow & HitRow => r.source_id !== null);
  let total = rows[0]?.total ?? 0;
  let most = rows[0]?.most ?? 0;
  if (!rows.length && offset > 0) {
    // A page past the end: still say how many there are.
    const [n] = await execute<{ total: number; most: number }>(
      tx,
      sql`${chosen.candidates}
        select count(*)::int as total, coalesce(max(n), 0)::int as most
        from (select count(*) over (partition by c.branch) as n from c) x`,
    );
    total = n?.total ?? 0;
    most = n?.most ?? 0;
  }
  const items = rows.map((r): SearchHit => {
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
      issueId: r.issue_id,
      issueYear: r.issue_year,
      issueNumber: r.issue_number,
    };
  });
  return { total, ranked: total, capped: most >= RANK_CAP, items };
}
