// Rankings of information work (DOMAIN §7): the units of a peer group (the districts, the
// federation's own departments, the industry unions, or all of them) ranked by the points
// credited in a month, quarter or year, with what they submitted and what was adopted; every
// unit of the group is listed, and those that submitted nothing are named (未报送). A district's
// figures include the units below it. The authors' ranking ranks officers within their units.
//
// Who sees what: the editors of the editing unit see every group; anyone else who reports (an
// information officer) sees the unit ranking of their own group and the authors of their own unit.
import { sql } from 'drizzle-orm';
import { can, requireAccess, type Actor } from '../platform/access';
import { db, execute, type Db } from '../platform/db/client';
import { forbidden } from '../platform/errors';
import { DEPARTMENTS, DEPARTMENT_LABELS, type Department } from '../platform/shared/access-catalog';
import { childrenOf, orgRefs } from '../orgs/service';
import { departmentsOf } from '../orgs/users-service';
import { editingUnitOf, type Unit } from './points';
import {
  RANKING_GROUPS,
  RankingQuery,
  type RankingGroup,
  type RankingRow,
  type RankingView,
} from './points-contract';
import { chinaDayStart } from '../platform/shared/dates';

type Query = ReturnType<typeof RankingQuery.parse>;

/** A unit of a peer group: an organisation (its subtree counts) or a department of the federation. */
interface GroupUnit {
  key: string;
  name: string;
  group: Exclude<RankingGroup, 'all'>;
  path: string | null;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The period as China counts it: first day, the day after the last, and its name. */
export function periodOf(q: Query): { from: string; to: string; label: string } {
  const day = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  if (q.period === 'month') {
    const m = q.month ?? 1;
    return {
      from: day(q.year, m),
      to: m === 12 ? day(q.year + 1, 1) : day(q.year, m + 1),
      label: `${q.year}年${m}月`,
    };
  }
  if (q.period === 'quarter') {
    const n = q.quarter ?? 1;
    const m = (n - 1) * 3 + 1;
    return {
      from: day(q.year, m),
      to: n === 4 ? day(q.year + 1, 1) : day(q.year, m + 3),
      label: `${q.year}年第${QUARTER_NAMES[n - 1]}季度`,
    };
  }
  return { from: day(q.year, 1), to: day(q.year + 1, 1), label: `${q.year}年度` };
}

/** Midnight China time of a day, as an instant. */
const chinaMidnight = (d: string) => chinaDayStart(d).toISOString();

export const departmentName = (d: Department) => `市总${DEPARTMENT_LABELS[d].replace(/（.*）$/, '')}`;

async function groupUnits(tx: Db, editing: Unit): Promise<GroupUnit[]> {
  const children = await childrenOf(tx, editing.id);
  const kinds = await orgRefs(
    tx,
    children.map((c) => c.id),
  );
  const units: GroupUnit[] = [];
  for (const c of children) {
    const kind = kinds.get(c.id)?.kind;
    if (kind === 'districtFederation')
      units.push({ key: c.id, name: c.name, group: 'districts', path: c.path });
    if (kind === 'industryUnion') units.push({ key: c.id, name: c.name, group: 'industry', path: c.path });
  }
  for (const d of DEPARTMENTS)
    units.push({ key: `dept:${d}`, name: departmentName(d), group: 'departments', path: null });
  return units;
}

/** The group a reporting unit ranks in: its own department, or the child of the editing unit above it. */
function ownUnit(actor: Actor, editing: Unit, units: GroupUnit[]): GroupUnit | undefined {
  if (actor.orgId === editing.id) return units.find((u) => u.key === `dept:${actor.department ?? 'office'}`);
  return units.find((u) => u.path !== null && actor.scopePath.startsWith(u.path));
}

interface Tally {
  submitted: Set<string>;
  full: Set<string>;
  brief: Set<string>;
  outlets: Set<string>;
  instructions: Set<string>;
  specials: Set<string>;
  cents: number;
}

const emptyTally = (): Tally => ({
  submitted: new Set(),
  full: new Set(),
  brief: new Set(),
  outlets: new Set(),
  instructions: new Set(),
  specials: new Set(),
  cents: 0,
});

interface SubmissionFact {
  id: string;
  org_id: string;
  org_path: string;
  authors: string[];
  created_by: string;
  co: { org_id: string; org_path: string }[] | null;
}

interface CreditFact {
  beneficiary: 'unit' | 'author';
  org_id: string;
  org_path: string;
  author: string | null;
  points: string;
  event_id: string;
  reason: string;
  kind: string | null;
  created_by: string;
}

/** Ranks units (or authors) of a peer group for a period; see the file comment for who sees what. */
export async function getRanking(actor: Actor, query: Query): Promise<RankingView> {
  const editor = can(actor, 'bulletin:edit');
  requireAccess(actor, editor ? 'bulletin:edit' : 'bulletin:submit');
  return db.transaction(async (tx) => {
    const editing = await editingUnitOf(tx, actor);
    const all = await groupUnits(tx, editing);
    const own = editor ? undefined : ownUnit(actor, editing, all);
    const groups: RankingGroup[] = editor ? [...RANKING_GROUPS] : own ? [own.group] : [];
    const group = query.group ?? groups[0] ?? 'districts';
    if (!groups.includes(group)) throw forbidden('只能查看本单位所在分组的排名');
    const units = all.filter((u) => group === 'all' || u.group === group);
    const period = periodOf(query);

    const facts = await execute<SubmissionFact>(
      tx,
      sql`select s.id, s.org_id, s.org_path, s.authors, s.created_by,
            (select json_agg(json_build_object('org_id', so.org_id, 'org_path', so.org_path))
               from submission_orgs so where so.submission_id = s.id) as co
          from submissions s
          where s.state <> 'draft' and s.org_path like ${editing.path + '%'}
            and s.submitted_at >= ${chinaMidnight(period.from)}::timestamptz
            and s.submitted_at < ${chinaMidnight(period.to)}::timestamptz
            and not exists (select 1 from submissions m where m.merged_into = s.id)`,
    );
    const credits = await execute<CreditFact>(
      tx,
      sql`select c.beneficiary, c.org_id, c.org_path, c.author, c.points::text as points,
                 e.id as event_id, e.reason, e.kind, s.created_by
          from points_credits c
          join points_events e on e.id = c.event_id
          join submissions s on s.id = e.submission_id
          where e.voided_at is null and e.org_path = ${editing.path}
            and c.occurred_on >= ${period.from} and c.occurred_on < ${period.to}`,
    );
    const departments = await departmentsOf(tx, [
      ...facts.map((f) => f.created_by),
      ...credits.map((c) => c.created_by),
    ]);

    /** The group unit a credited organisation counts for, if any. */
    const keyOf = (orgId: string, orgPath: string, createdBy: string): string | undefined => {
      if (orgId === editing.id) {
        const d = departments.get(createdBy) ?? 'office';
        return units.find((u) => u.key === `dept:${d}`)?.key;
      }
      return units.find((u) => u.path !== null && orgPath.startsWith(u.path))?.key;
    };

    const tallies = new Map<string, Tally>();
    const tally = (key: string) => {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = emptyTally()));
      return t;
    };
    const authorKey = (unit: string, author: string) => `${unit}\u0000${author}`;
    const byAuthor = query.by === 'author';

    for (const f of facts) {
      if (byAuthor) {
        const k = keyOf(f.org_id, f.org_path, f.created_by);
        if (k) for (const a of f.authors) tally(authorKey(k, a)).submitted.add(f.id);
        continue;
      }
      const keys = new Set<string>();
      for (const o of [{ org_id: f.org_id, org_path: f.org_path }, ...(f.co ?? [])]) {
        const k = keyOf(o.org_id, o.org_path, f.created_by);
        if (k) keys.add(k);
      }
      for (const k of keys) tally(k).submitted.add(f.id);
    }
    for (const c of credits) {
      if ((c.beneficiary === 'author') !== byAuthor) continue;
      const k = keyOf(c.org_id, c.org_path, c.created_by);
      if (!k) continue;
      const t = tally(byAuthor ? authorKey(k, c.author ?? '') : k);
      t.cents += Math.round(Number(c.points) * 100);
      if (c.reason === 'adoption') (c.kind === 'brief' ? t.brief : t.full).add(c.event_id);
      if (c.reason === 'outlet') t.outlets.add(c.event_id);
      if (c.reason === 'instruction') t.instructions.add(c.event_id);
      if (c.reason === 'special') t.specials.add(c.event_id);
    }

    const names = new Map(units.map((u) => [u.key, u.name]));
    type Draft = Omit<RankingRow, 'rank'>;
    const rowOf = (unitKey: string, author: string | null, t: Tally): Draft => ({
      unitKey,
      unit: names.get(unitKey) ?? '',
      author,
      submitted: t.submitted.size,
      adopted: t.full.size + t.brief.size,
      adoptedFull: t.full.size,
      adoptedBrief: t.brief.size,
      outlets: t.outlets.size,
      instructions: t.instructions.size,
      specials: t.specials.size,
      points: t.cents / 100,
      silent: t.submitted.size === 0,
    });
    let drafts: Draft[];
    if (byAuthor) {
      drafts = [...tallies.entries()].map(([key, t]) => {
        const [unitKey = '', author = ''] = key.split('\u0000');
        return rowOf(unitKey, author, t);
      });
      // An officer sees the authors of the own unit only.
      if (!editor) drafts = drafts.filter((d) => d.unitKey === own?.key);
    } else {
      drafts = units.map((u) => rowOf(u.key, null, tallies.get(u.key) ?? emptyTally()));
    }
    const order = new Map(units.map((u, i) => [u.key, i]));
    drafts.sort(
      (a, b) =>
        b.points - a.points ||
        b.adopted - a.adopted ||
        b.submitted - a.submitted ||
        (order.get(a.unitKey) ?? 0) - (order.get(b.unitKey) ?? 0) ||
        (a.author ?? '').localeCompare(b.author ?? '', 'zh'),
    );
    const rows: RankingRow[] = [];
    drafts.forEach((d, i) => {
      const prev = rows[i - 1];
      rows.push({ ...d, rank: prev && prev.points === d.points ? prev.rank : i + 1 });
    });
    const sum = (f: (r: RankingRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    return {
      title: `关于${period.label}信息报送情况的通报`,
      periodLabel: period.label,
      from: period.from,
      to: period.to,
      group,
      by: query.by,
      editingUnit: editing.name,
      rows,
      totals: {
        units: byAuthor ? new Set(rows.map((r) => r.unitKey)).size : rows.length,
        // Submissions are counted once even when several units of the group share one.
        submitted: new Set(
          [...tallies.entries()]
            .filter(([k]) =>
              rows.some((r) => (byAuthor ? authorKey(r.unitKey, r.author ?? '') : r.unitKey) === k),
            )
            .flatMap(([, t]) => [...t.submitted]),
        ).size,
        adopted: sum((r) => r.adopted),
        outlets: sum((r) => r.outlets),
        instructions: sum((r) => r.instructions),
        points: Math.round(sum((r) => r.points) * 100) / 100,
      },
      silentUnits: byAuthor ? [] : rows.filter((r) => r.silent).map((r) => r.unit),
      groups,
    };
  });
}
