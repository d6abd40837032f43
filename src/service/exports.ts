// The service programme's lists as xlsx, in the lists' own order and filters: the first page is
// read before any byte is sent (it checks access and the filters), then the rest page by page.
import type { Actor } from '../platform/access';
import type { PreparedDownload } from '../platform/downloads';
import { chinaToday } from '../platform/shared/dates';
import { allPages, writeSheet, type SheetColumn } from '../platform/spreadsheets/write-sheet';
import {
  APPROACH_LABELS,
  CAMPAIGN_GROUPS,
  GROUP_LABELS,
  SEASON_LABELS,
  type CampaignTotals,
  type CampaignTotalsQuery,
  type CampaignVisitQuery,
  type CampaignVisitView,
  DUE_STATE_LABELS,
  itemsText,
  NEED_KIND_LABELS,
  NEED_STATE_LABELS,
  type NeedQuery,
  type NeedView,
  type PairingQuery,
  type PairingView,
  type UnpairedQuery,
  type UnpairedView,
  type VisitQuery,
  type VisitView,
} from './contract';
import { listPairings, listUnpaired } from './programmes';
import { listNeeds, listVisits } from './visits';
import { campaignTotals, listCampaignVisits } from './campaigns';

type Paged<Q, T> = (actor: Actor, query: Q) => Promise<{ items: T[]; total: number }>;

async function prepare<Q extends { page: number; pageSize: number }, T>(
  actor: Actor,
  query: Q,
  list: Paged<Q, T>,
  file: { name: string; sheet: string; columns: SheetColumn<T>[] },
): Promise<PreparedDownload> {
  await list(actor, { ...query, page: 1, pageSize: 1 });
  return {
    filename: `${file.name}（${chinaToday()}）.xlsx`,
    write: (output) =>
      writeSheet(
        output,
        { sheetName: file.sheet, columns: file.columns },
        allPages((page, pageSize) => list(actor, { ...query, page, pageSize })),
      ),
  };
}

const PAIRING_COLUMNS: SheetColumn<PairingView>[] = [
  { header: '企业名称', width: 36, value: (p) => p.enterprise.name },
  { header: '所属乡镇(街道)', width: 18, value: (p) => p.enterprise.orgName },
  { header: '服务干部', width: 12, value: (p) => p.cadre.name },
  { header: '干部所在单位', width: 18, value: (p) => p.cadre.orgName },
  { header: '服务活动', width: 28, value: (p) => p.programme.name },
  { header: '挂钩日期', width: 12, value: (p) => p.startedOn },
  { header: '走访周期（天）', width: 10, value: (p) => p.visitEveryDays },
  { header: '上次走访', width: 12, value: (p) => p.lastVisitOn ?? '尚未走访' },
  { header: '下次走访期限', width: 12, value: (p) => (p.endedOn ? '' : p.dueOn) },
  { header: '走访状态', width: 10, value: (p) => (p.endedOn ? '已解除' : DUE_STATE_LABELS[p.dueState]) },
  { header: '解除日期', width: 12, value: (p) => p.endedOn },
  { header: '解除或调整原因', width: 20, value: (p) => p.endedReason },
];

const VISIT_COLUMNS: SheetColumn<VisitView>[] = [
  { header: '走访日期', width: 12, value: (v) => v.visitedOn },
  { header: '企业名称', width: 36, value: (v) => v.enterprise.name },
  { header: '所属乡镇(街道)', width: 18, value: (v) => v.enterprise.orgName },
  { header: '服务干部', width: 16, value: (v) => v.cadres.map((c) => c.name).join('、') },
  { header: '服务内容', width: 40, value: (v) => itemsText(v.items) },
  { header: '引推扶', width: 8, value: (v) => v.approaches.map((a) => APPROACH_LABELS[a]).join('、') },
  { header: '接待人员', width: 14, value: (v) => v.met },
  { header: '服务情况', width: 50, value: (v) => v.content },
  { header: '登记需求数', width: 10, value: (v) => v.needIds.length },
];

const NEED_COLUMNS: SheetColumn<NeedView>[] = [
  { header: '企业名称', width: 36, value: (n) => n.enterprise.name },
  { header: '所属乡镇(街道)', width: 18, value: (n) => n.enterprise.orgName },
  { header: '需求类型', width: 10, value: (n) => NEED_KIND_LABELS[n.kind] },
  { header: '需求内容', width: 40, value: (n) => n.description },
  { header: '负责人', width: 12, value: (n) => n.owner?.name ?? '未交办' },
  { header: '办结期限', width: 12, value: (n) => n.dueOn },
  { header: '状态', width: 10, value: (n) => NEED_STATE_LABELS[n.state] + (n.overdue ? '（逾期）' : '') },
  { header: '办结日期', width: 12, value: (n) => n.resolvedOn },
  { header: '登记人', width: 12, value: (n) => n.createdBy.name },
];

const UNPAIRED_COLUMNS: SheetColumn<UnpairedView>[] = [
  { header: '企业名称', width: 36, value: (u) => u.enterprise.name },
  { header: '所属乡镇(街道)', width: 18, value: (u) => u.enterprise.orgName },
  { header: '职工数', width: 10, value: (u) => u.employees },
  { header: '紧急度', width: 8, value: (u) => u.urgency },
];

export const preparePairingsExport = (actor: Actor, query: ReturnType<typeof PairingQuery.parse>) =>
  prepare(actor, query, listPairings, { name: '挂钩企业', sheet: '挂钩企业', columns: PAIRING_COLUMNS });
export const prepareVisitsExport = (actor: Actor, query: ReturnType<typeof VisitQuery.parse>) =>
  prepare(actor, query, listVisits, { name: '走访记录', sheet: '走访记录', columns: VISIT_COLUMNS });
export const prepareNeedsExport = (actor: Actor, query: ReturnType<typeof NeedQuery.parse>) =>
  prepare(actor, query, listNeeds, { name: '企业需求', sheet: '企业需求', columns: NEED_COLUMNS });
export const prepareUnpairedExport = (actor: Actor, query: ReturnType<typeof UnpairedQuery.parse>) =>
  prepare(actor, query, listUnpaired, {
    name: '未挂钩的三类企业',
    sheet: '未挂钩企业',
    columns: UNPAIRED_COLUMNS,
  });

const yuan = (fen: number) => fen / 100;
const MONEY = '#,##0.00';

const CAMPAIGN_VISIT_COLUMNS: SheetColumn<CampaignVisitView>[] = [
  { header: '慰问日期', width: 12, value: (v) => v.visitedOn },
  { header: '活动', width: 20, value: (v) => v.campaign.name },
  { header: '企业或地点', width: 36, value: (v) => v.enterprise?.name ?? v.place },
  { header: '所属单位', width: 18, value: (v) => v.orgName },
  { header: '带队领导', width: 16, value: (v) => v.leaders },
  ...CAMPAIGN_GROUPS.map((g): SheetColumn<CampaignVisitView> => ({
    header: GROUP_LABELS[g],
    width: 10,
    value: (v) => v.groups[g],
  })),
  { header: '慰问人数', width: 10, value: (v) => v.people },
  {
    header: '按姓名登记',
    width: 30,
    value: (v) => v.workers.map((w) => `${w.name}（${GROUP_LABELS[w.group]}）`).join('、'),
  },
  { header: '慰问金（元）', width: 14, numFmt: MONEY, value: (v) => yuan(v.moneyFen) },
  { header: '慰问物资', width: 24, value: (v) => v.goods },
  { header: '物资折款（元）', width: 14, numFmt: MONEY, value: (v) => yuan(v.goodsValueFen) },
  { header: '登记人', width: 12, value: (v) => v.createdBy.name },
  { header: '备注', width: 24, value: (v) => v.note },
];

type TotalsRow = CampaignTotals & { unit: string };
const TOTALS_COLUMNS: SheetColumn<TotalsRow>[] = [
  { header: '单位', width: 24, value: (r) => r.unit },
  { header: '活动数', width: 8, value: (r) => r.campaigns },
  { header: '慰问次数', width: 10, value: (r) => r.visits },
  { header: '慰问企业(地点)数', width: 14, value: (r) => r.places },
  { header: '慰问职工合计（人）', width: 14, value: (r) => r.people },
  ...CAMPAIGN_GROUPS.map((g): SheetColumn<TotalsRow> => ({
    header: `其中：${GROUP_LABELS[g]}`,
    width: 12,
    value: (r) => r.groups[g],
  })),
  { header: '慰问金（元）', width: 14, numFmt: MONEY, value: (r) => yuan(r.moneyFen) },
  { header: '物资折款（元）', width: 14, numFmt: MONEY, value: (r) => yuan(r.goodsValueFen) },
  { header: '合计（元）', width: 14, numFmt: MONEY, value: (r) => yuan(r.moneyFen + r.goodsValueFen) },
];

export const prepareCampaignVisitsExport = (
  actor: Actor,
  query: ReturnType<typeof CampaignVisitQuery.parse>,
) =>
  prepare(actor, query, listCampaignVisits, {
    name: '慰问记录',
    sheet: '慰问记录',
    columns: CAMPAIGN_VISIT_COLUMNS,
  });

/** A season's totals for a unit and each unit below, with the whole as the last row. */
export async function prepareCampaignTotalsExport(
  actor: Actor,
  query: ReturnType<typeof CampaignTotalsQuery.parse>,
): Promise<PreparedDownload> {
  const view = await campaignTotals(actor, query);
  const title = `${view.year}年${SEASON_LABELS[view.season]}活动情况统计表`;
  const rows: TotalsRow[] = [
    ...view.rows.map((r) => ({ ...r, unit: r.org?.name ?? `${view.org.name}（本级）` })),
    { ...view.total, unit: '合计' },
  ];
  return {
    filename: `${title}（${view.org.name}，${chinaToday()}）.xlsx`,
    write: (output) =>
      writeSheet(
        output,
        { sheetName: '汇总', title: `${title}（填报单位：${view.org.name}）`, columns: TOTALS_COLUMNS },
        allPages(() => Promise.resolve({ items: rows, total: rows.length }), rows.length + 1),
      ),
  };
}
