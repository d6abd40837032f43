// The kept counts of the programme's visits per organisation path (service_counts): added to by
// each visit, moved with an enterprise that moves, rebuilt after a bulk load.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client';

/** Where the visits outside any programme are counted. */
export const NO_PROGRAMME = '00000000-0000-0000-0000-000000000000';

/** Adds the counts of the visits `rows` (SQL: programme_id, org_path, enterprise_id, aspects, first) with a sign. */
const addCounts = (rows: SQL, sign: 1 | -1) => sql`
  insert into service_counts as c (programme_id, org_path, item, n)
  select coalesce(v.programme_id, ${NO_PROGRAMME}::uuid), v.org_path, i.item, ${sign}::int8 * count(*)
  from ${rows} v, unnest(array['visits'] || array(select 'aspect:' || a from unnest(v.aspects) a)
    || case when v.first then array['visited'] else array[]::text[] end) as i(item)
  group by 1, 2, 3
  on conflict (programme_id, item, org_path) do update set n = c.n + excluded.n`;

/** Counts one new visit (in its transaction, before the visit row is written). */
export async function countVisit(
  tx: Db,
  visit: { programmeId: string | null; orgPath: string; enterpriseId: string; aspects: string[] },
): Promise<void> {
  await tx.execute(
    addCounts(
      sql`(select ${visit.programmeId}::uuid as programme_id, ${visit.orgPath}::text as org_path,
            array[${sql.join(
              visit.aspects.map((a) => sql`${a}`),
              sql`, `,
            )}]::text[] as aspects,
            not exists (select 1 from service_visits where programme_id is not distinct from ${visit.programmeId}::uuid
              and enterprise_id = ${visit.enterpriseId}) as first)`,
      1,
    ),
  );
}

/**
 * Moves the counts of the visits of enterprises matching `where` (SQL over alias `e`) whose path
 * changed; call before the visits' own paths are rewritten.
 */
export async function moveVisitCounts(tx: Db, where: SQL): Promise<void> {
  const moved = (path: SQL) => sql`(
    select s.programme_id, ${path} as org_path, s.aspects,
      row_number() over (partition by s.programme_id, s.enterprise_id order by s.id) = 1 as first
    from service_visits s join enterprises e on e.id = s.enterprise_id
    where s.org_path <> e.org_path and ${where})`;
  await tx.execute(addCounts(moved(sql`s.org_path`), -1));
  await tx.execute(addCounts(moved(sql`e.org_path`), 1));
}

/** Recomputes every count from the visits. */
export async function rebuildServiceCounts(tx: Db): Promise<void> {
  await tx.execute(sql`delete from service_counts`);
  await tx.execute(
    addCounts(
      sql`(select programme_id, org_path, aspects,
            row_number() over (partition by programme_id, enterprise_id order by id) = 1 as first
          from service_visits)`,
      1,
    ),
  );
}

/** The kept count of an item (`visits`, `aspect:<aspect>`) in a subtree, of a programme or of all. */
export async function countedVisits(
  tx: Db,
  at: { path: string; programmeId?: string | undefined; item: string },
): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    select coalesce(sum(n), 0)::int8 as n from service_counts
    where item = ${at.item} and org_path like ${at.path + '%'}
      ${at.programmeId ? sql`and programme_id = ${at.programmeId}` : sql``}`);
  return Number(row?.n ?? 0);
}
