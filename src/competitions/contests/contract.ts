// API of judged contests (DOMAIN §5): a contest run by a union (its rounds with weighted criteria,
// its rules: the drop rule, rounding, tie-breaks and prize tiers, and extra awards such as 优秀组织奖),
// its entries in order of appearance, its judges (users, or contest-only logins of the role 评委),
// the judges' scores given from a phone, the live screen, the release of the results, corrections
// with a reason, the results notice (通报) and the certificates (奖状).
import { z } from 'zod';
import { optionalText, PageQuery, pageOf, str, text, Version } from '../../platform/shared/api';
import { dayText } from '../../platform/shared/dates';
import { Password, Username } from '../../orgs/contract';
import {
  ContestResults,
  ContestRules,
  Criterion,
  hasAtMostDecimals,
  MAX_ABS_SCORE,
  SCORE_DECIMALS,
  TrimRule,
} from './scoring-contract';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });
// Ids of rounds, criteria and awards: short keys chosen by the form (r1, acc, org).
const Key = text('编号', 32);

export const CONTEST_CATEGORIES = ['knowledge', 'performance', 'skill', 'speech', 'other'] as const;
export type ContestCategory = (typeof CONTEST_CATEGORIES)[number];
export const CONTEST_CATEGORY_LABELS: Record<ContestCategory, string> = {
  knowledge: '知识竞赛',
  performance: '文艺比赛（歌咏、舞蹈等）',
  skill: '技能比武',
  speech: '演讲比赛',
  other: '其他评比',
};

export const ENTRY_KINDS = ['unit', 'team', 'person'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  unit: '参赛单位',
  team: '参赛队伍',
  person: '参赛选手',
};

export const CONTEST_STATES = ['setup', 'scoring', 'released'] as const;
export type ContestState = (typeof CONTEST_STATES)[number];
export const CONTEST_STATE_LABELS: Record<ContestState, string> = {
  setup: '筹备中',
  scoring: '评分中',
  released: '成绩已发布',
};

const Score = z
  .number({ error: '分数必须是数字' })
  .min(-MAX_ABS_SCORE, { error: `分数不能小于 -${MAX_ABS_SCORE}` })
  .max(MAX_ABS_SCORE, { error: `分数不能大于 ${MAX_ABS_SCORE}` })
  .refine((v) => hasAtMostDecimals(v, SCORE_DECIMALS), { error: '分数最多保留两位小数' });

/** A round as the organiser sets it: the scoring rule's round, its panel a choice among the judges. */
export const ContestRoundSetting = z
  .object({
    id: Key,
    name: text('轮次名称', 50),
    weight: z
      .number({ error: '轮次权重必须是数字' })
      .positive({ error: '轮次权重必须大于 0' })
      .max(10_000, { error: '轮次权重不能大于 10000' })
      .refine((v) => hasAtMostDecimals(v, 4), { error: '轮次权重最多保留四位小数' })
      .default(1),
    criteria: z.array(Criterion).max(20, { error: '评分项最多 20 个' }).default([]),
    trim: TrimRule.optional(),
    minScore: Score.default(0),
    maxScore: Score.default(100),
    /** The judges (ids of the contest's judges) of this round; null: every judge of the contest. */
    judgeIds: z.array(Uuid('评委')).max(50).nullable().default(null),
  })
  .refine((r) => r.minScore < r.maxScore, { error: '最低分须小于最高分', path: ['maxScore'] });
export type ContestRoundSetting = z.output<typeof ContestRoundSetting>;

/** An award beside the scored prizes (优秀组织奖), given to entries by the organiser. */
export const ExtraAward = z.object({
  id: Key,
  name: text('奖项名称', 30),
  entryIds: z.array(Uuid('获奖者')).max(1000),
});
export type ExtraAward = z.output<typeof ExtraAward>;

const Rounds = z
  .array(ContestRoundSetting)
  .min(1, { error: '至少需要一个轮次' })
  .max(10, { error: '轮次最多 10 个' })
  .superRefine((rounds, ctx) => {
    const seen = new Set<string>();
    rounds.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `轮次编号重复：${r.id}` });
      seen.add(r.id);
      const keys = new Set<string>();
      r.criteria.forEach((k, j) => {
        if (keys.has(k.id))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'criteria', j, 'id'],
            message: `评分项编号重复：${k.id}`,
          });
        keys.add(k.id);
      });
    });
  });

export const ContestCreateBody = z.object({
  /** The organisation that runs the contest; the actor's own when absent. */
  orgId: Uuid('主办单位').optional(),
  name: text('比赛名称', 100),
  category: z.enum(CONTEST_CATEGORIES, { error: '请选择比赛类别' }),
  heldOn: dayText('比赛日期'),
  venue: optionalText('比赛地点', 100),
  organisers: text('主办单位名称', 200),
  entryKind: z.enum(ENTRY_KINDS, { error: '请选择参赛对象' }),
  noticeNo: optionalText('通报文号', 50),
  rounds: Rounds.default([
    { id: 'r1', name: '决赛', weight: 1, criteria: [], minScore: 0, maxScore: 100, judgeIds: null },
  ]),
  rules: ContestRules.default(ContestRules.parse({})),
});
export type ContestCreateBody = z.input<typeof ContestCreateBody>;

export const ContestPatchBody = z.object({
  version: Version,
  name: text('比赛名称', 100).optional(),
  category: z.enum(CONTEST_CATEGORIES, { error: '请选择比赛类别' }).optional(),
  heldOn: dayText('比赛日期').optional(),
  venue: optionalText('比赛地点', 100).optional(),
  organisers: text('主办单位名称', 200).optional(),
  entryKind: z.enum(ENTRY_KINDS, { error: '请选择参赛对象' }).optional(),
  noticeNo: optionalText('通报文号', 50).optional(),
  rounds: Rounds.optional(),
  rules: ContestRules.optional(),
  extraAwards: z.array(ExtraAward).max(10, { error: '其他奖项最多 10 个' }).optional(),
});
export type ContestPatchBody = z.input<typeof ContestPatchBody>;

export const ContestQuery = PageQuery.extend({
  q: optionalText('搜索词', 50).optional(),
  state: z.enum(CONTEST_STATES, { error: '状态不存在' }).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const OrgRef = z.object({ id: str(), name: str() });

export const ContestView = z.object({
  id: str(),
  name: str(),
  category: z.enum(CONTEST_CATEGORIES),
  heldOn: str(),
  venue: str().nullable(),
  org: OrgRef,
  state: z.enum(CONTEST_STATES),
  entries: z.number().int(),
  judges: z.number().int(),
  /** The actor runs this contest (it is owned within their subtree and they have competition:manage). */
  mayManage: z.boolean(),
  version: z.number().int(),
});
export type ContestView = z.output<typeof ContestView>;
export const ContestPage = pageOf(ContestView);
export type ContestPage = z.output<typeof ContestPage>;

export const EntryView = z.object({
  id: str(),
  seq: z.number().int(),
  name: str(),
  unitName: str().nullable(),
  org: OrgRef.nullable(),
  members: str().nullable(),
  version: z.number().int(),
});
export type EntryView = z.output<typeof EntryView>;

export const JudgeView = z.object({
  id: str(),
  userId: str(),
  name: str(),
  username: str(),
  unit: str(),
  /** A contest-only login (role 评委). */
  contestOnly: z.boolean(),
  chief: z.boolean(),
  seq: z.number().int(),
  /** Scores this judge has given in the contest. */
  scored: z.number().int(),
});
export type JudgeView = z.output<typeof JudgeView>;

export const ContestDetail = ContestView.extend({
  organisers: str(),
  entryKind: z.enum(ENTRY_KINDS),
  noticeNo: str().nullable(),
  rounds: z.array(ContestRoundSetting),
  rules: ContestRules,
  extraAwards: z.array(ExtraAward),
  entryList: z.array(EntryView),
  judgeList: z.array(JudgeView),
  /** Scores expected (every round × entry × judge of the round × criterion) and given. */
  progress: z.object({ expected: z.number().int(), given: z.number().int() }),
  releasedAt: str().nullable(),
});
export type ContestDetail = z.output<typeof ContestDetail>;

export const EntryInput = z.object({
  name: text('参赛名称', 100),
  unitName: optionalText('所在单位', 100),
  orgId: Uuid('所属组织')
    .nullish()
    .transform((v) => v ?? null),
  members: optionalText('成员', 500),
});
export const EntriesBody = z.object({
  entries: z
    .array(EntryInput)
    .min(1, { error: '请至少填写一个参赛者' })
    .max(500, { error: '一次最多添加 500 个' }),
});
export const EntryPatchBody = EntryInput.partial().extend({
  version: Version,
  seq: z.number().int().min(1).max(10_000).optional(),
});
export const EntryParams = z.object({ id: Uuid('比赛'), entryId: Uuid('参赛者') });

export const JudgeBody = z.union([
  z.object({
    userId: Uuid('评委用户'),
    affiliation: optionalText('评委工作单位', 100),
    chief: z.boolean().default(false),
  }),
  z.object({
    /** A contest-only login (role 评委) made in the contest's organisation. */
    newUser: z.object({
      username: Username,
      displayName: text('评委姓名', 50),
      phone: optionalText('电话', 40),
      password: Password,
    }),
    /** Where the judge works, as the notice and the panel list name it (e.g. 苏州大学音乐学院). */
    affiliation: optionalText('评委工作单位', 100),
    chief: z.boolean().default(false),
  }),
]);
export type JudgeBody = z.input<typeof JudgeBody>;
export const JudgeParams = z.object({ id: Uuid('比赛'), judgeId: Uuid('评委') });
export const JudgeCandidateQuery = z.object({ q: optionalText('搜索词', 50).optional() });
export const JudgeCandidates = z.object({
  items: z.array(z.object({ id: str(), name: str(), username: str(), unit: str() })),
});

export const StateBody = z.object({ version: Version });

export const ScoreBody = z.object({
  roundId: Key,
  entryId: Uuid('参赛者'),
  /** The judge whose score this is; the actor's own when absent (the organiser corrects others'). */
  judgeId: Uuid('评委').optional(),
  scores: z
    .array(z.object({ criterionId: Key.optional(), value: Score }))
    .min(1, { error: '请填写分数' })
    .max(20),
  /** Required when a score already given changes (更正理由). */
  reason: optionalText('更正理由', 200),
});
export type ScoreBody = z.input<typeof ScoreBody>;

export const ScoreItemView = z.object({
  roundId: str(),
  entryId: str(),
  judgeId: str(),
  criterionId: str().nullable(),
  value: z.number(),
});

/** What a judge sees on the phone: the rounds of their panels, the entries and their own scores. */
export const JudgeSheet = z.object({
  contest: z.object({
    id: str(),
    name: str(),
    heldOn: str(),
    venue: str().nullable(),
    state: z.enum(CONTEST_STATES),
  }),
  judgeId: str(),
  rounds: z.array(ContestRoundSetting),
  entries: z.array(EntryView),
  /** This judge's own scores only, until the results are released. */
  scores: z.array(ScoreItemView),
});
export type JudgeSheet = z.output<typeof JudgeSheet>;

export const JudgingItem = z.object({
  id: str(),
  name: str(),
  heldOn: str(),
  state: z.enum(CONTEST_STATES),
  /** Scores this judge still owes. */
  missing: z.number().int(),
});
export const JudgingList = z.object({ items: z.array(JudgingItem) });

/** The results with the names the screen and the notice print. */
export const ResultsView = z.object({
  contest: z.object({
    id: str(),
    name: str(),
    heldOn: str(),
    venue: str().nullable(),
    organisers: str(),
    orgName: str(),
    state: z.enum(CONTEST_STATES),
    entryKind: z.enum(ENTRY_KINDS),
    noticeNo: str().nullable(),
  }),
  results: ContestResults,
  entries: z.array(EntryView),
  judges: z.array(z.object({ id: str(), name: str(), seq: z.number().int() })),
  /** The rules in words, in the order the notice states them. */
  ruleTexts: z.array(str()),
  extraAwards: z.array(z.object({ id: str(), name: str(), entryIds: z.array(str()) })),
  /** Individual judges' scores are shown (after the release); before it the screen shows round results only. */
  judgeScoresShown: z.boolean(),
  scored: z.number().int(),
  expected: z.number().int(),
});
export type ResultsView = z.output<typeof ResultsView>;

export const CorrectionView = z.object({
  id: str(),
  round: str(),
  entry: str(),
  judge: str(),
  criterion: str().nullable(),
  before: z.number(),
  after: z.number(),
  reason: str(),
  by: str(),
  at: str(),
});
export type CorrectionView = z.output<typeof CorrectionView>;
export const CorrectionList = z.object({ items: z.array(CorrectionView) });

export const CertificateParams = z.object({
  id: Uuid('比赛'),
  entryId: Uuid('参赛者'),
});
export const CertificateQuery = z.object({
  /** `prize` for the scored prize, or an extra award's id. */
  award: Key.default('prize'),
});

/** A certificate as printed: who, what, by whom and when. */
export const CertificateView = z.object({
  entryId: str(),
  award: str(),
  recipient: str(),
  unit: str().nullable(),
  prize: str(),
  contest: str(),
  issuer: str(),
  date: str(),
});
export type CertificateView = z.output<typeof CertificateView>;
export const CertificateList = z.object({ items: z.array(CertificateView) });
