// Totals and rankings of a competition's indicator: accepted values only, added up exactly in
// SQL (numeric), for one period or cumulatively, per participant, per participating unit, per
// district (the unit directly under the city) and overall. An indicator that is not added up
// (a rate or a percentage) ranks participants by their value of the period (cumulatively: of
// their latest accepted period) and has no unit, district or overall total. Also as xlsx.
import { sql, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../../platform/access';
import { db, execute, type Db } from '../../platform/db/client';
import { invalidField } from '../../platform/errors';
import type { PreparedDownload } from '../../platform/downloads';
import { allPages, sheet, writeSheets, type SheetColumn } from '../../platform/spreadsheets/write-sheet';
import { orgNamesByPath, orgRefs } from '../../orgs/service';
import {
  CampaignChildParams,
  TotalsQuery,
  periodLabel,
  type Cycle,
  type ParticipantKind,
  type Rollup,
  type TotalsView,
} from './contract';
import { loadCampaign, PERMISSION } from './campaigns-service';
import { periodsBetween, trimDecimal } from './periods';

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

/** The district path of a participant's unit, in SQL (the city itself when it is the unit). */
const DISTRICT = sql.raw(`coalesce(substring(p.org_path from '^/[0-9]+/[0-9]+/'), p.org_path)`);

interface Grouped {
  key: string;
  total: string | null;
  n: number;
  rank: number;
}

async function grouped(tx: Db, key: SQL, where: SQL, summed: boolean): Promise<Grouped[]> {
  const total = summed ? sql.raw('sum(v.value)') : sql.raw('(array_agg(v.value order by v.period desc))[1]');
  return execute<Grouped>(
    tx,
    sql`select ${key} as key, ${total}::text as total, count(*)::int as n,
          rank() over (order by ${total} desc)::int as rank
        from campaign_values v join campaign_participants p on p.id = v.participant_id
        where ${where}
        group by ${key}
        order by rank, key`,
  );
}

const dec = (v: string | null) => (v === null ? null : trimDecimal(v));

/** The totals and rankings of an indicator of a competition the actor sees. */
export async function campaignTotals(
  actor: Actor,
  id: string,
  query: Parsed<typeof TotalsQuery>,
): Promise<TotalsView & { campaignName: string }> {
  requireAccess(actor, PERMISSION);
  return db.readTransaction(async (tx) => {
    const campaign = await loadCampaign(tx, actor, id);
    const [indicator] = await execute<{
      id: string;
      name: string;
      unit: string;
      decimals: number;
      rollup: Rollup;
      sort_order: number;
    }>(tx, sql`select * from campaign_indicators where id = ${query.indicatorId} and campaign_id = ${id}`);
    if (!indicator) throw invalidField('indicatorId', '指标不属于本竞赛');
    const periods = periodsBetween(campaign.cycle as Cycle, campaign.startsOn, campaign.endsOn);
    if (query.period && !periods.some((p) => p.period === query.period))
      throw invalidField('period', '填报期不在竞赛周期内，或与竞赛的填报周期不符');
    const summed = indicator.rollup === 'sum';
    const base = sql`v.indicator_id = ${indicator.id} and v.state = 'accepted'`;
    const where = query.period ? sql`${base} and v.period = ${query.period}` : base;
    const participants = await execute<Grouped & { name: string; kind: string; org_id: string }>(
      tx,
      sql`select g.*, p.name, p.kind, p.org_id from (
            select p.id::text as key,
              ${summed ? sql.raw('sum(v.value)') : sql.raw('(array_agg(v.value order by v.period desc))[1]')}::text as total,
              count(*)::int as n
            from campaign_values v join campaign_participants p on p.id = v.participant_id
            where ${where} group by p.id) g
          join campaign_participants p on p.id::text = g.key
          order by g.total::numeric desc, p.name`,
    );
    // Ranks by the exact value: equal values share a rank (1, 2, 2, 4).
    let rank = 0;
    const ranked = participants.map((p, i) => {
      if (i === 0 || participants[i - 1]!.total !== p.total) rank = i + 1;
      return { ...p, rank };
    });
    const units = summed ? await grouped(tx, sql.raw('p.org_id::text'), where, true) : [];
    const districts = summed ? await grouped(tx, DISTRICT, where, true) : [];
    const byPeriod = await execute<{ period: string; total: string | null; n: number }>(
      tx,
      sql`select v.period, ${summed ? sql.raw('sum(v.value)::text') : sql.raw('null::text')} as total, count(*)::int as n
          from campaign_values v join campaign_participants p on p.id = v.participant_id
          where ${base} group by v.period order by v.period`,
    );
    const [overall] = await execute<{ total: string | null; n: number }>(
      tx,
      sql`select sum(v.value)::text as total, count(*)::int as n
          from campaign_values v join campaign_participants p on p.id = v.participant_id where ${where}`,
    );
    const orgNames = await orgRefs(tx, [...units.map((u) => u.key), ...ranked.map((p) => p.org_id)]);
    const districtNames = await orgNamesByPath(
      tx,
      districts.map((d) => d.key),
    );
    const ids = await execute<{ id: string; path: string }>(
      tx,
      districts.length
        ? sql`select id::text, path from orgs where path in ${districts.map((d) => d.key)}`
        : sql`select null::text as id, null::text as path where false`,
    );
    const idOfPath = new Map(ids.map((r) => [r.path, r.id]));
    const periodMap = new Map(byPeriod.map((p) => [p.period, p]));
    return {
      campaignName: campaign.name,
      indicator: {
        id: indicator.id,
        name: indicator.name,
        unit: indicator.unit,
        decimals: indicator.decimals,
        rollup: indicator.rollup,
        sortOrder: indicator.sort_order,
      },
      period: query.period ?? null,
      periodLabel: query.period ? periodLabel(query.period) : '累计',
      overall: summed ? (dec(overall?.total ?? null) ?? '0') : null,
      values: Number(overall?.n ?? 0),
      byPeriod: periods.map((p) => ({
        period: p.period,
        label: p.label,
        total: summed ? (dec(periodMap.get(p.period)?.total ?? null) ?? '0') : null,
        values: Number(periodMap.get(p.period)?.n ?? 0),
      })),
      byDistrict: districts.map((d) => ({
        id: idOfPath.get(d.key) ?? d.key,
        name: districtNames.get(d.key) ?? '',
        total: dec(d.total),
        values: d.n,
        rank: d.rank,
      })),
      byUnit: units.map((u) => ({
        id: u.key,
        name: orgNames.get(u.key)?.name ?? '',
        total: dec(u.total),
        values: u.n,
        rank: u.rank,
      })),
      participants: ranked.map((p) => ({
        id: p.key,
        name: p.name,
        kind: p.kind as ParticipantKind,
        org: { id: p.org_id, name: orgNames.get(p.org_id)?.name ?? '' },
        total: dec(p.total),
        values: p.n,
        rank: p.rank,
      })),
    };
  });
}

type Row = { rank: number | string; name: string; unit?: string; total: string | null; values: number };

const columns = (first: string, unit: string, withUnit: boolean): SheetColumn<Row>[] => [
  { header: '名次', width: 8, value: (r) => r.rank },
  { header: first, width: 30, value: (r) => r.name },
  ...(withUnit ? [{ header: '参赛单位', width: 26, value: (r: Row) => r.unit ?? '' }] : []),
  { header: `数值（${unit}）`, width: 16, value: (r) => (r.total === null ? '' : Number(r.total)) },
  { header: '已核实数据（条）', width: 14, value: (r) => r.values },
];

const pagesOf = <T>(rows: T[]) =>
  allPages(() => Promise.resolve({ items: rows, total: rows.length }), rows.length + 1);

/** The totals as xlsx: participants, units, districts and periods, each with its ranking. */
export async function prepareTotalsExport(
  actor: Actor,
  query: Parsed<typeof TotalsQuery> & { campaignId: string },
): Promise<PreparedDownload> {
  CampaignChildParams.shape.id.parse(query.campaignId);
  const view = await campaignTotals(actor, query.campaignId, query);
  const unit = view.indicator.unit;
  const title = `${view.campaignName}·${view.indicator.name}（${view.periodLabel}）`;
  const total: Row = { rank: '', name: '合计', total: view.overall, values: view.values };
  return {
    filename: `${title}汇总排名.xlsx`,
    write: (output) =>
      writeSheets(output, [
        sheet({
          sheetName: '参赛对象排名',
          title,
          columns: columns('参赛对象', unit, true),
          pages: pagesOf<Row>([...view.participants.map((p) => ({ ...p, unit: p.org.name })), total]),
        }),
        sheet({
          sheetName: '按参赛单位',
          title,
          columns: columns('参赛单位', unit, false),
          pages: pagesOf<Row>([...view.byUnit, total]),
        }),
        sheet({
          sheetName: '按区（县级市）',
          title,
          columns: columns('区（县级市）', unit, false),
          pages: pagesOf<Row>([...view.byDistrict, total]),
        }),
        sheet({
          sheetName: '按填报期',
          title: `${view.campaignName}·${view.indicator.name}（各期）`,
          columns: columns('填报期', unit, false),
          pages: pagesOf<Row>(
            view.byPeriod.map((p) => ({ rank: '', name: p.label, total: p.total, values: p.values })),
          ),
        }),
      ]),
  };
}
