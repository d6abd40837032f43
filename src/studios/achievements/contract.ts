// API of a studio's achievements (创新成果, DOMAIN §6, issue 16 item 5): innovations, technical
// improvements, patents, projects, people trained, rationalisation proposals and awards, each with
// the economic benefit it brought and the basis of that figure, and their totals per studio,
// district, level and year. Money travels in fen (分) as an integer; the helpers below turn the
// yuan a person types into fen and back without a floating-point step. The web app imports these.
import { z } from 'zod';
import { dayText } from '../../platform/shared/dates';
import { optionalText, str, text, Version } from '../../platform/shared/api';
import { AttachmentView } from '../../platform/shared/attachments-contract';
import { STUDIO_LEVELS, StudioRef } from '../register/contract';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });

// ---------- kinds ----------

export const ACHIEVEMENT_KINDS = [
  'innovation',
  'improvement',
  'patent',
  'project',
  'training',
  'proposal',
  'award',
] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];
export const ACHIEVEMENT_KIND_LABELS: Record<AchievementKind, string> = {
  innovation: '创新成果',
  improvement: '技术改进',
  patent: '专利',
  project: '项目',
  training: '人才培养',
  proposal: '合理化建议',
  award: '获奖',
};

export const PATENT_KINDS = ['invention', 'utility', 'design'] as const;
export type PatentKind = (typeof PATENT_KINDS)[number];
export const PATENT_KIND_LABELS: Record<PatentKind, string> = {
  invention: '发明',
  utility: '实用新型',
  design: '外观设计',
};

export const AWARD_LEVELS = ['national', 'province', 'city', 'district', 'enterprise'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];
export const AWARD_LEVEL_LABELS: Record<AwardLevel, string> = {
  national: '国家级',
  province: '省部级',
  city: '市级',
  district: '区(县级市)级',
  enterprise: '企业级',
};

/** The fields each kind carries beyond year, title, date, benefit and note. */
export const KIND_FIELDS: Record<AchievementKind, readonly string[]> = {
  innovation: [],
  improvement: [],
  patent: ['patentNumber', 'patentKind', 'patentDate'],
  project: [],
  training: ['peopleTrained'],
  proposal: ['proposalsCount'],
  award: ['awardName', 'awardLevel'],
};

/** Most files one achievement holds. */
export const MAX_ACHIEVEMENT_ATTACHMENTS = 20;
/** The largest benefit one record may state: 100亿元, so that any total stays an exact integer. */
export const MAX_BENEFIT_FEN = 1_000_000_000_000;
export const EARLIEST_YEAR = 1950;
export const LATEST_YEAR = 2100;

// ---------- money ----------

/**
 * Yuan as typed ("12345.67", "1,000", "0.5") to fen, digit by digit; null when it is not an amount
 * with at most two decimals.
 */
export function yuanToFen(value: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(value.trim().replaceAll(',', '').replaceAll('，', ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Fen as yuan with two decimals ("12345.67"), exact for any integer the API carries. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as yuan for people: 1,234,567.89 元. */
export const yuanText = (fen: number) => `${fenToYuan(fen).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元`;

// ---------- patent numbers ----------

/**
 * A Chinese patent number as granted: ZL, the application number (since 2003 twelve digits: year,
 * kind, serial; before, eight: two-digit year, kind, serial), a point and its check character
 * (the digits weighted 2…9, 2…5 in turn, the sum mod 11; 10 is X).
 */
export function normalisePatentNumber(value: string): string {
  const plain = value.toUpperCase().replace(/[\s．。]/g, (c) => (c === '．' || c === '。' ? '.' : ''));
  const bare = plain.replace(/^(ZL|CN)/, '');
  const m = /^(\d{8}|\d{12})\.?([0-9X])$/.exec(bare);
  return m ? `ZL${m[1]}.${m[2]}` : plain;
}

const PATENT_KIND_DIGITS: Record<string, PatentKind> = {
  '1': 'invention',
  '8': 'invention',
  '2': 'utility',
  '9': 'utility',
  '3': 'design',
};

/** What is wrong with a (normalised) patent number for a patent of `kind`; null when nothing. */
export function patentNumberProblem(number: string, kind: PatentKind | null | undefined): string | null {
  const m = /^ZL(\d{8}|\d{12})\.([0-9X])$/.exec(number);
  if (!m) return '专利号格式应为 ZL + 12 位（2003 年前为 8 位）申请号 + “.” + 校验位，如 ZL201710601862.3';
  const digits = m[1]!;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11;
  const check = sum === 10 ? 'X' : String(sum);
  if (check !== m[2]) return `专利号的校验位不正确（按申请号应为 ${check}），请核对`;
  const kindOfNumber = PATENT_KIND_DIGITS[digits.length === 12 ? digits[4]! : digits[2]!];
  if (!kindOfNumber) return '专利号中的专利类型位不正确（应为 1、2、3、8 或 9）';
  if (kind && kind !== kindOfNumber)
    return `专利号表明这是${PATENT_KIND_LABELS[kindOfNumber]}专利，与所选专利类型不符`;
  return null;
}

// ---------- one achievement ----------

const Year = z
  .number({ error: '年度必须是整数' })
  .int({ error: '年度必须是整数' })
  .min(EARLIEST_YEAR, { error: `年度不能早于 ${EARLIEST_YEAR} 年` })
  .max(LATEST_YEAR, { error: `年度不能晚于 ${LATEST_YEAR} 年` });

const Count = (label: string) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(1_000_000, { error: `${label}不能超过 1000000` })
    .nullish();

/** What an achievement is: the fields a new one and an edit share. */
export const AchievementFields = z.object({
  year: Year,
  kind: z.enum(ACHIEVEMENT_KINDS, { error: '成果类型不正确' }),
  title: text('成果名称', 200),
  achievedOn: dayText('日期').nullish(),
  patentNumber: optionalText('专利号', 40).transform((v) => (v ? normalisePatentNumber(v) : null)),
  patentKind: z.enum(PATENT_KINDS, { error: '专利类型只能是发明、实用新型或外观设计' }).nullish(),
  patentDate: dayText('授权日期').nullish(),
  peopleTrained: Count('培养人数'),
  proposalsCount: Count('建议条数'),
  /** The economic benefit in fen (分). */
  benefitFen: z
    .number({ error: '经济效益必须是以分为单位的整数' })
    .int({ error: '经济效益必须是以分为单位的整数' })
    .min(0, { error: '经济效益不能为负数' })
    .max(MAX_BENEFIT_FEN, { error: '经济效益不能超过 100 亿元' })
    .nullish(),
  benefitBasis: optionalText('效益测算依据', 1000),
  awardName: optionalText('奖项名称', 200),
  awardLevel: z.enum(AWARD_LEVELS, { error: '奖项级别不正确' }).nullish(),
  note: optionalText('备注', 1000),
});
export type AchievementFields = z.input<typeof AchievementFields>;

type FieldsOut = z.output<typeof AchievementFields>;

/**
 * The rules between the fields, as field issues (the server and the form say the same): what each
 * kind requires, the patent number's check, the basis of a benefit, a date within its year.
 */
export function achievementFieldIssues(v: {
  year: number;
  kind: AchievementKind;
  achievedOn?: string | null;
  patentNumber?: string | null;
  patentKind?: PatentKind | null;
  patentDate?: string | null;
  peopleTrained?: number | null;
  proposalsCount?: number | null;
  benefitFen?: number | null;
  benefitBasis?: string | null;
  awardName?: string | null;
  awardLevel?: AwardLevel | null;
}): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (v.achievedOn && Number(v.achievedOn.slice(0, 4)) !== v.year)
    add('achievedOn', `日期应在 ${v.year} 年内`);
  switch (v.kind) {
    case 'patent': {
      if (!v.patentNumber) add('patentNumber', '专利须填写专利号');
      else {
        const problem = patentNumberProblem(v.patentNumber, v.patentKind);
        if (problem) add('patentNumber', problem);
      }
      if (!v.patentKind) add('patentKind', '专利须选择专利类型');
      if (!v.patentDate) add('patentDate', '专利须填写授权日期');
      break;
    }
    case 'training':
      if (!v.peopleTrained) add('peopleTrained', '人才培养须填写培养人数（大于 0）');
      break;
    case 'proposal':
      if (!v.proposalsCount) add('proposalsCount', '合理化建议须填写建议条数（大于 0）');
      break;
    case 'award':
      if (!v.awardName) add('awardName', '获奖须填写奖项名称');
      if (!v.awardLevel) add('awardLevel', '获奖须选择奖项级别');
      break;
    case 'innovation':
    case 'improvement':
    case 'project':
      break;
  }
  if (v.benefitFen !== null && v.benefitFen !== undefined && !v.benefitBasis)
    add('benefitBasis', '填写了经济效益，须说明测算依据');
  return issues;
}

const withRules = <T extends z.ZodType<FieldsOut>>(schema: T) =>
  schema.superRefine((v, ctx) => {
    for (const issue of achievementFieldIssues(v))
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });

/** A new achievement of a studio. */
export const AchievementBody = withRules(AchievementFields);
export type AchievementBody = z.input<typeof AchievementBody>;

/** A change to an achievement, at the version the writer saw. */
export const AchievementEditBody = withRules(AchievementFields.extend({ version: Version }));
export type AchievementEditBody = z.input<typeof AchievementEditBody>;

export const AchievementParams = z.object({ achievementId: Uuid('成果 id') });
export const AchievementAttachmentParams = z.object({
  achievementId: Uuid('成果 id'),
  attachmentId: Uuid('附件 id'),
});

export const AchievementView = z.object({
  id: str(),
  studioId: str(),
  year: z.number().int(),
  kind: z.enum(ACHIEVEMENT_KINDS),
  title: str(),
  achievedOn: str().nullable(),
  patentNumber: str().nullable(),
  patentKind: z.enum(PATENT_KINDS).nullable(),
  patentDate: str().nullable(),
  peopleTrained: z.number().int().nullable(),
  proposalsCount: z.number().int().nullable(),
  benefitFen: z.number().int().nullable(),
  benefitBasis: str().nullable(),
  awardName: str().nullable(),
  awardLevel: z.enum(AWARD_LEVELS).nullable(),
  note: str().nullable(),
  attachments: z.array(AttachmentView),
  version: z.number().int(),
  updatedAt: str(),
});
export type AchievementView = z.infer<typeof AchievementView>;

// ---------- totals ----------

/** What a set of records adds up to. */
export const AchievementTotals = z.object({
  records: z.number().int(),
  /** Records per kind. */
  kinds: z.record(z.enum(ACHIEVEMENT_KINDS), z.number().int()),
  /** Patents per patent kind. */
  patents: z.record(z.enum(PATENT_KINDS), z.number().int()),
  peopleTrained: z.number().int(),
  proposals: z.number().int(),
  benefitFen: z.number().int(),
  /** The same benefit in yuan, two decimals ("12345.67"). */
  benefitYuan: str(),
});
export type AchievementTotals = z.infer<typeof AchievementTotals>;

/** Totals of nothing. */
export function emptyTotals(): AchievementTotals {
  return {
    records: 0,
    kinds: Object.fromEntries(ACHIEVEMENT_KINDS.map((k) => [k, 0])) as Record<AchievementKind, number>,
    patents: Object.fromEntries(PATENT_KINDS.map((k) => [k, 0])) as Record<PatentKind, number>,
    peopleTrained: 0,
    proposals: 0,
    benefitFen: 0,
    benefitYuan: '0.00',
  };
}

export const StudioAchievementsQuery = z.object({
  year: z.coerce
    .number({ error: '年度必须是整数' })
    .int({ error: '年度必须是整数' })
    .min(EARLIEST_YEAR, { error: `年度不能早于 ${EARLIEST_YEAR} 年` })
    .max(LATEST_YEAR, { error: `年度不能晚于 ${LATEST_YEAR} 年` })
    .optional(),
  kind: z.enum(ACHIEVEMENT_KINDS, { error: '成果类型不正确' }).optional(),
});
export type StudioAchievementsQuery = z.input<typeof StudioAchievementsQuery>;

/** A studio's achievements (newest year first), its totals overall and per year. */
export const StudioAchievementsView = z.object({
  studio: StudioRef,
  items: z.array(AchievementView),
  /** Totals of all the studio's records (whatever the filters). */
  totals: AchievementTotals,
  byYear: z.array(z.object({ year: z.number().int(), totals: AchievementTotals })),
  /** Whether the reader may add, change and remove records and their files. */
  mayWrite: z.boolean(),
  /** Why records cannot be added now (the studio holds no designation), when they cannot. */
  closedBecause: str().nullable(),
});
export type StudioAchievementsView = z.infer<typeof StudioAchievementsView>;

export const TOTALS_BY = ['district', 'level', 'year', 'studio'] as const;
export type TotalsBy = (typeof TOTALS_BY)[number];
export const TOTALS_BY_LABELS: Record<TotalsBy, string> = {
  district: '按地区',
  level: '按级别',
  year: '按年度',
  studio: '按工作室',
};

/** The totals' grouping and filters (also of their export). */
export const AchievementTotalsQuery = z.object({
  by: z.enum(TOTALS_BY, { error: 'by 只能是 district、level、year 或 studio' }).default('district'),
  year: StudioAchievementsQuery.shape.year,
  /** The studio's current level. */
  level: z.enum(STUDIO_LEVELS, { error: '工作室级别不正确' }).optional(),
  /** A district (or any unit of the scope): the studios of its subtree. */
  orgId: Uuid('地区').optional(),
  studioId: Uuid('工作室').optional(),
});
export type AchievementTotalsQuery = z.input<typeof AchievementTotalsQuery>;

/**
 * Totals grouped one way. A studio's records count under the level the studio holds now (a studio
 * moved up a level brings its earlier records along), and under the district its organisation lies
 * in; records of a revoked studio stay in the totals, as what was achieved still was.
 */
export const AchievementTotalsView = z.object({
  by: z.enum(TOTALS_BY),
  rows: z.array(
    z.object({
      /** The district's organisation id, the level, the year or the studio's id (null: 市本级 / 未命名). */
      key: str().nullable(),
      name: str(),
      /** For rows by studio: its district and level. */
      district: str().nullable(),
      level: z.enum(STUDIO_LEVELS).nullable(),
      studios: z.number().int(),
      totals: AchievementTotals,
    }),
  ),
  total: AchievementTotals,
  studios: z.number().int(),
});
export type AchievementTotalsView = z.infer<typeof AchievementTotalsView>;
