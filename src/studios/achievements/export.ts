// The achievements' totals as xlsx, grouped as the page shows them, with the whole as the last row.
import type { z } from 'zod';
import type { Actor } from '../../platform/access';
import type { PreparedDownload } from '../../platform/downloads';
import { allPages, writeSheet, type SheetColumn } from '../../platform/spreadsheets/write-sheet';
import { chinaToday } from '../../platform/shared/dates';
import { STUDIO_LEVEL_LABELS } from '../register/contract';
import {
  ACHIEVEMENT_KIND_LABELS,
  ACHIEVEMENT_KINDS,
  PATENT_KIND_LABELS,
  PATENT_KINDS,
  TOTALS_BY_LABELS,
  type AchievementTotalsQuery,
  type AchievementTotalsView,
} from './contract';
import { achievementTotals } from './service';

type Row = AchievementTotalsView['rows'][number];

const MONEY = '#,##0.00';

const HEADS: Record<AchievementTotalsView['by'], string> = {
  district: '地区',
  level: '工作室级别',
  year: '年度',
  studio: '工作室',
};

/** The columns of the sheet; rows by studio also say its district and level. */
export function totalsColumns(by: AchievementTotalsView['by']): SheetColumn<Row>[] {
  return [
    { header: HEADS[by], width: by === 'studio' ? 30 : 18, value: (r) => r.name },
    ...(by === 'studio'
      ? [
          { header: '所属地区', width: 16, value: (r: Row) => r.district },
          { header: '级别', width: 22, value: (r: Row) => (r.level ? STUDIO_LEVEL_LABELS[r.level] : null) },
        ]
      : [{ header: '工作室数', width: 10, value: (r: Row) => r.studios }]),
    { header: '成果合计（项）', width: 12, value: (r) => r.totals.records },
    ...ACHIEVEMENT_KINDS.map((k) => ({
      header: ACHIEVEMENT_KIND_LABELS[k],
      width: 10,
      value: (r: Row) => r.totals.kinds[k],
    })),
    ...PATENT_KINDS.map((k) => ({
      header: `其中${PATENT_KIND_LABELS[k]}专利`,
      width: 12,
      value: (r: Row) => r.totals.patents[k],
    })),
    { header: '培养人数', width: 10, value: (r) => r.totals.peopleTrained },
    { header: '合理化建议（条）', width: 14, value: (r) => r.totals.proposals },
    // The yuan as Excel reads a number; the figure was summed exactly in fen.
    { header: '经济效益（元）', width: 18, numFmt: MONEY, value: (r) => Number(r.totals.benefitYuan) },
  ];
}

/** The totals of the reader's scope with the filters, as xlsx (checked before any byte is sent). */
export async function prepareTotalsExport(
  actor: Actor,
  query: z.output<typeof AchievementTotalsQuery>,
): Promise<PreparedDownload> {
  const view = await achievementTotals(actor, query);
  const whole: Row = {
    key: null,
    name: '合计',
    district: null,
    level: null,
    studios: view.studios,
    totals: view.total,
  };
  const rows = [...view.rows, whole];
  const scope = query.year ? `${query.year}年` : '历年';
  const title = `劳模创新工作室成果统计（${scope}，${TOTALS_BY_LABELS[view.by]}）`;
  return {
    filename: `${title}（${chinaToday()}）.xlsx`,
    write: (output) =>
      writeSheet(
        output,
        { sheetName: '成果统计', title, columns: totalsColumns(view.by) },
        allPages(() => Promise.resolve({ items: rows, total: rows.length }), rows.length + 1),
      ),
  };
}
