// API of information reporting (信息报送, DOMAIN §7): submissions, adoption, columns and
// notifications. The web app imports these schemas.
import { z } from 'zod';
import { MAX_IMAGE_BYTES, PictureParams, PictureView } from '../platform/shared/pictures-contract';
import { dayText } from '../platform/shared/dates';
import { optionalText, pageOf, PageQuery, str, text, Version } from '../platform/shared/api';

export const SUBMISSION_STATES = [
  'draft',
  'submitted',
  'returned',
  'adopted',
  'rejected',
  'merged',
  'published',
] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const SUBMISSION_STATE_LABELS: Record<SubmissionState, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '退回修改',
  adopted: '已采用',
  rejected: '未采用',
  merged: '已合并',
  published: '已刊发',
};

export const ADOPTION_KINDS = ['full', 'brief'] as const;
export type AdoptionKind = (typeof ADOPTION_KINDS)[number];
export const ADOPTION_KIND_LABELS: Record<AdoptionKind, string> = { full: '全文采用', brief: '简讯' };

/** The transitions a user can make, from which states; `published` is set by issue compilation. */
export const TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: 'submitted', label: '报送' },
  return: { from: ['submitted'], to: 'returned', label: '退回修改' },
  adopt: { from: ['submitted'], to: 'adopted', label: '采用' },
  reject: { from: ['submitted'], to: 'rejected', label: '不予采用' },
  merge: { from: ['submitted', 'adopted'], to: 'merged', label: '合并' },
} as const satisfies Record<string, { from: readonly SubmissionState[]; to: SubmissionState; label: string }>;
export type Transition = keyof typeof TRANSITIONS;

export const MAX_BODY = 20_000;
const MAX_TITLE = 200;

/** Body text, kept exactly as typed (leading full-width spaces included); blank counts as empty. */
function bodyText(label: string) {
  return str({ error: `${label}必须是文本` })
    .max(MAX_BODY, { error: `${label}不能超过 ${MAX_BODY} 个字符` })
    .refine((v) => v.trim().length > 0, { error: `${label}不能为空` });
}

const Authors = z.array(text('作者', 50), { error: '作者必须是列表' }).max(20, { error: '作者最多 20 人' });
const OrgIds = z
  .array(z.uuid({ error: '联合报送单位的 id 必须是有效的 UUID' }), { error: '联合报送单位必须是列表' })
  .max(20, { error: '联合报送单位最多 20 个' });
const ColumnId = z.uuid({ error: '栏目 id 必须是有效的 UUID' });

export const OrgRef = z.object({ id: str(), name: str() });
export const ColumnRef = z.object({ id: str(), name: str() });

export const SubmissionEventView = z.object({
  id: str(),
  at: str(),
  actorName: str(),
  fromState: z.enum(SUBMISSION_STATES).nullable(),
  toState: z.enum(SUBMISSION_STATES),
  comment: str().nullable(),
});
export type SubmissionEventView = z.infer<typeof SubmissionEventView>;

export const SubmissionView = z.object({
  id: str(),
  /** The text as the officer wrote it; never changed by the editor. */
  title: str(),
  body: str(),
  /** The editor's version, null when adopted as written. */
  editedTitle: str().nullable(),
  editedBody: str().nullable(),
  org: OrgRef,
  coOrgs: z.array(OrgRef),
  authors: z.array(str()),
  suggestedColumn: ColumnRef.nullable(),
  state: z.enum(SUBMISSION_STATES),
  editorComment: str().nullable(),
  rejectReason: str().nullable(),
  column: ColumnRef.nullable(),
  adoptionKind: z.enum(ADOPTION_KINDS).nullable(),
  mergedInto: str().nullable(),
  submittedAt: str().nullable(),
  adoptedAt: str().nullable(),
  version: z.number().int(),
  createdAt: str(),
  updatedAt: str(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

/** A picture attached to an item; `url` serves its bytes to whoever may read the item. */
export const SubmissionImageView = PictureView;
export type SubmissionImageView = PictureView;
export const ImageParams = PictureParams;
export { MAX_IMAGE_BYTES };

/**
 * What one archived issue may hold. A printed issue has a few dozen items on a few pages; these
 * bounds are far above any real one and keep a wrong or hostile file from becoming an "issue" of
 * tens of thousands of items that holds the database for many seconds.
 */
export const ARCHIVE_LIMITS = {
  bytes: 50 * 2 ** 20,
  characters: 500_000,
  items: 300,
  columns: 50,
  parseSeconds: 15,
} as const;
export const MAX_IMAGES = 20;

/** A number with its unit found in an item's text: 1000多名 → 1000 名, approximate. */
export const TextFigure = z.object({
  raw: str(),
  value: z.number(),
  unit: str(),
  approximate: z.boolean(),
});
export type TextFigure = z.infer<typeof TextFigure>;

export const SubmissionDetail = SubmissionView.extend({
  events: z.array(SubmissionEventView),
  images: z.array(SubmissionImageView),
  /** For a merged item: the items it was made of. */
  mergedFrom: z.array(z.object({ id: str(), title: str(), org: OrgRef })),
  /** Figures found in the printed text (the editor's version if any), for the editor to check. */
  figures: z.array(TextFigure),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetail>;

export const SubmissionPage = pageOf(SubmissionView);
export type SubmissionPage = z.infer<typeof SubmissionPage>;

const ListDay = dayText;

export const SubmissionListQuery = PageQuery.extend({
  state: z.enum(SUBMISSION_STATES, { error: '状态不正确' }).optional(),
  columnId: ColumnId.optional(),
  /** Items of this unit's subtree (submitting or co-submitting). */
  orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }).optional(),
  year: z.coerce.number({ error: '年度必须是数字' }).int().min(2000).max(2100).optional(),
  /** Text the title or body contains. */
  q: str().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).optional(),
  /** Only the actor's own unit's items (submitting or co-submitting), also for an editor. */
  mine: z.enum(['true', 'false'], { error: 'mine 只能是 true 或 false' }).optional(),
  /** Submitted (or, for a draft, created) on or after this day, China time; YYYY-MM-DD. */
  from: ListDay('起始日期').optional(),
  /** Submitted (or created) on or before this day, China time; YYYY-MM-DD. */
  to: ListDay('截止日期').optional(),
});
export type SubmissionListQuery = z.input<typeof SubmissionListQuery>;

export const SubmissionCreateBody = z.object({
  title: text('标题', MAX_TITLE),
  body: bodyText('正文'),
  authors: Authors.default([]),
  coOrgIds: OrgIds.default([]),
  suggestedColumnId: ColumnId.nullish().transform((v) => v ?? null),
});
export type SubmissionCreateBody = z.input<typeof SubmissionCreateBody>;

/**
 * Changes to an item. The officer changes the own text of a draft or returned item; the editor
 * changes the edited text, column and kind of an adopted one (null restores the original text).
 */
export const SubmissionPatchBody = z.object({
  version: Version,
  title: text('标题', MAX_TITLE).optional(),
  body: bodyText('正文').optional(),
  authors: Authors.optional(),
  coOrgIds: OrgIds.optional(),
  suggestedColumnId: ColumnId.nullable().optional(),
  editedTitle: text('编辑后的标题', MAX_TITLE).nullable().optional(),
  editedBody: bodyText('编辑后的正文').nullable().optional(),
  columnId: ColumnId.optional(),
  adoptionKind: z.enum(ADOPTION_KINDS, { error: '采用方式只能是全文采用或简讯' }).optional(),
});
export type SubmissionPatchBody = z.input<typeof SubmissionPatchBody>;

export const TransitionBody = z.object({ version: Version });
export type TransitionBody = z.input<typeof TransitionBody>;

export const ReturnBody = z.object({ version: Version, comment: text('退回意见', 2000) });
export type ReturnBody = z.input<typeof ReturnBody>;

export const RejectBody = z.object({ version: Version, reason: text('不予采用的理由', 2000) });
export type RejectBody = z.input<typeof RejectBody>;

export const AdoptBody = z.object({
  version: Version,
  /** Defaults to the column the officer suggested. */
  columnId: ColumnId.optional(),
  adoptionKind: z.enum(ADOPTION_KINDS, { error: '采用方式只能是全文采用或简讯' }),
  editedTitle: optionalText('编辑后的标题', MAX_TITLE),
  editedBody: bodyText('编辑后的正文')
    .nullish()
    .transform((v) => v ?? null),
  comment: optionalText('采用意见', 2000),
});
export type AdoptBody = z.input<typeof AdoptBody>;

export const MergeBody = z.object({
  ids: z
    .array(z.uuid({ error: 'id 必须是有效的 UUID' }), { error: '请选择要合并的稿件' })
    .min(2, { error: '至少选择两篇稿件才能合并' })
    .max(50, { error: '一次最多合并 50 篇稿件' })
    .refine((ids) => new Set(ids).size === ids.length, { error: '合并的稿件不能重复' }),
  title: text('标题', MAX_TITLE),
  body: bodyText('正文'),
  columnId: ColumnId,
  adoptionKind: z.enum(ADOPTION_KINDS, { error: '采用方式只能是全文采用或简讯' }),
});
export type MergeBody = z.input<typeof MergeBody>;

export const ColumnView = z.object({
  id: str(),
  name: str(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type ColumnView = z.infer<typeof ColumnView>;
export const ColumnList = z.object({ items: z.array(ColumnView) });
export type ColumnList = z.infer<typeof ColumnList>;

/**
 * The whole column configuration, in display order: listed columns are kept (renamed, activated
 * or not), new ones (without id) are created, and columns left out are deactivated.
 */
export const ColumnsBody = z.object({
  columns: z
    .array(
      z.object({
        id: ColumnId.optional(),
        name: text('栏目名称', 20),
        active: z.boolean({ error: '是否启用必须是布尔值' }).default(true),
      }),
    )
    .min(1, { error: '至少保留一个栏目' })
    .max(50, { error: '栏目最多 50 个' }),
});
export type ColumnsBody = z.input<typeof ColumnsBody>;

// ---------------------------------------------------------------------------------------------
// Issues (期) of a bulletin series; archived issues come from legacy files.

export const ISSUE_STATES = ['archived', 'draft', 'published'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];
export const ISSUE_STATE_LABELS: Record<IssueState, string> = {
  archived: '历史存档',
  draft: '编辑中',
  published: '已出刊',
};

export const IssueDistribution = z.object({
  /** 本期印发：… */
  issuedTo: str().nullable(),
  /** 报：… */
  report: str().nullable(),
  /** 送：… */
  send: str().nullable(),
  /** 发：… */
  issue: str().nullable(),
});

export const IssueItemView = z.object({
  title: str(),
  body: str(),
  sources: z.array(str()),
  kind: z.enum(ADOPTION_KINDS),
  /** Why the editor should check the item, null when it was placed confidently. */
  flagged: str().nullable(),
});

/** What identifies an issue: its series, year, number and state. */
const IssueHeader = z.object({
  id: str(),
  series: str(),
  year: z.number().int(),
  number: z.number().int().nullable(),
  totalNumber: z.number().int().nullable(),
  supplement: z.boolean(),
  /** YYYY-MM-DD */
  date: str().nullable(),
  state: z.enum(ISSUE_STATES),
});

export const IssueView = IssueHeader.extend({
  /** The series' editing unit, printed on the left under the masthead. */
  editingUnit: str().nullable(),
  columns: z.array(z.object({ name: str(), items: z.array(IssueItemView) })),
  distribution: IssueDistribution,
  printCount: z.number().int().nullable(),
  warnings: z.array(str()),
});
export type IssueView = z.infer<typeof IssueView>;

export const IssueSummary = IssueHeader.extend({
  items: z.number().int(),
  flagged: z.number().int(),
  sourceFile: str().nullable(),
  createdAt: str(),
});
export type IssueSummary = z.infer<typeof IssueSummary>;

export const IssuePage = pageOf(IssueSummary);
export type IssuePage = z.infer<typeof IssuePage>;

const IssueYear = z.coerce
  .number({ error: '年份必须是数字' })
  .int({ error: '年份必须是整数' })
  .min(1950, { error: '年份不能早于 1950 年' })
  .max(2100, { error: '年份不能晚于 2100 年' });

export const IssueListQuery = PageQuery.extend({
  /** The series' name. */
  series: str().trim().max(50, { error: '简报名称不能超过 50 个字符' }).optional(),
  year: IssueYear.optional(),
});
export type IssueListQuery = z.input<typeof IssueListQuery>;

/** Options of an archive import; what is not given is read from the file's masthead. */
export const IssueImportQuery = z.object({
  series: optionalText('简报名称', 50),
  year: IssueYear.optional(),
  number: z.coerce
    .number({ error: '期号必须是数字' })
    .int({ error: '期号必须是整数' })
    .min(1, { error: '期号必须大于 0' })
    .max(999, { error: '期号不能超过 999' })
    .optional(),
});
export type IssueImportQuery = z.input<typeof IssueImportQuery>;

export const IssueImportResult = z.object({
  id: str(),
  columns: z.number().int(),
  items: z.number().int(),
  flagged: z.number().int(),
  warnings: z.array(str()),
});
export type IssueImportResult = z.infer<typeof IssueImportResult>;

// ---------------------------------------------------------------------------------------------
// Compiling an issue (组稿): the editor creates a draft issue, lays adopted items out in columns,
// previews and publishes it.

const IssueNumber = z
  .number({ error: '期号必须是数字' })
  .int({ error: '期号必须是整数' })
  .min(1, { error: '期号必须大于 0' })
  .max(999, { error: '期号不能超过 999' });

export const IssueCreateBody = z.object({
  series: optionalText('简报名称', 50),
  year: z
    .number({ error: '年份必须是数字' })
    .int({ error: '年份必须是整数' })
    .min(1950, { error: '年份不能早于 1950 年' })
    .max(2100, { error: '年份不能晚于 2100 年' })
    .optional(),
  supplement: z.boolean({ error: '是否增刊必须是布尔值' }).default(false),
});
export type IssueCreateBody = z.input<typeof IssueCreateBody>;

const DistributionLine = (label: string) => optionalText(label, 1000);

export const IssueLayoutBody = z.object({
  version: Version,
  number: IssueNumber,
  totalNumber: IssueNumber.max(99999, { error: '总期号不能超过 99999' }).nullable(),
  date: dayText('出刊日期'),
  distribution: z.object({
    issuedTo: DistributionLine('本期印发'),
    report: DistributionLine('报'),
    send: DistributionLine('送'),
    issue: DistributionLine('发'),
  }),
  printCount: z
    .number({ error: '印数必须是数字' })
    .int({ error: '印数必须是整数' })
    .min(1, { error: '印数必须大于 0' })
    .max(100000, { error: '印数不能超过 100000' })
    .nullable(),
  columns: z
    .array(
      z.object({
        name: text('栏目名称', 20),
        items: z
          .array(z.uuid({ error: '稿件 id 必须是有效的 UUID' }), { error: '稿件必须是列表' })
          .max(100, { error: '一个栏目最多 100 篇稿件' }),
      }),
      { error: '栏目必须是列表' },
    )
    .max(20, { error: '一期最多 20 个栏目' }),
});
export type IssueLayoutBody = z.input<typeof IssueLayoutBody>;

export const CompiledItem = IssueItemView.extend({
  submissionId: str(),
  /** The submitting unit's name, for the editor's list. */
  unit: str(),
});
export type CompiledItem = z.infer<typeof CompiledItem>;

/** An adopted item not yet placed in any issue. */
export const CandidateItem = CompiledItem.extend({
  column: str().nullable(),
  adoptedAt: str().nullable(),
});
export type CandidateItem = z.infer<typeof CandidateItem>;

/** The editor's view of an issue being compiled: its layout, settings and what can be added. */
export const IssueCompileView = IssueHeader.extend({
  version: z.number().int(),
  editingUnit: str(),
  distribution: IssueDistribution,
  printCount: z.number().int().nullable(),
  columns: z.array(z.object({ name: str(), items: z.array(CompiledItem) })),
  candidates: z.array(CandidateItem),
  /** The active columns, in their configured order: where a candidate goes by default. */
  columnNames: z.array(str()),
});
export type IssueCompileView = z.infer<typeof IssueCompileView>;

// ---------------------------------------------------------------------------------------------
// Full-text search over submissions and the items of archived and published issues.

export const SEARCH_SOURCES = ['submission', 'issue_item'] as const;
export type SearchSource = (typeof SEARCH_SOURCES)[number];
export const SEARCH_SOURCE_LABELS: Record<SearchSource, string> = {
  submission: '稿件',
  issue_item: '简报信息',
};

/** A submission's state, or the state of the issue an item was printed in. */
export const SEARCH_STATES = [...SUBMISSION_STATES, 'archived'] as const;
export type SearchState = (typeof SEARCH_STATES)[number];
export const SEARCH_STATE_LABELS: Record<SearchState, string> = {
  ...SUBMISSION_STATE_LABELS,
  archived: '历史存档',
};

export const MAX_SEARCH_QUERY = 100;

export const SearchQuery = PageQuery.extend({
  q: str({ error: '请输入检索内容' })
    .trim()
    .min(1, { error: '请输入检索内容' })
    .max(MAX_SEARCH_QUERY, { error: `检索内容不能超过 ${MAX_SEARCH_QUERY} 个字符` }),
  year: z.coerce
    .number({ error: '年份必须是数字' })
    .int({ error: '年份必须是整数' })
    .min(1950, { error: '年份不能早于 1950 年' })
    .max(2100, { error: '年份不能晚于 2100 年' })
    .optional(),
  /** The column's name (issue items keep the name they were printed under). */
  column: str().trim().max(50, { error: '栏目名称不能超过 50 个字符' }).optional(),
  /** A source unit's id: items it submitted, co-submitted or is credited with. */
  unit: z.uuid({ error: '单位 id 必须是有效的 UUID' }).optional(),
  state: z.enum(SEARCH_STATES, { error: '状态不正确' }).optional(),
  source: z.enum(SEARCH_SOURCES, { error: '来源只能是稿件或简报信息' }).optional(),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** [start, end) offsets in UTF-16 code units (JavaScript string indices) of matched words. */
const Ranges = z.array(z.tuple([z.number().int(), z.number().int()]));

export const SearchHit = z.object({
  source: z.enum(SEARCH_SOURCES),
  /** The submission's id, or the issue item's id. */
  id: str(),
  title: str(),
  titleHighlights: Ranges,
  /** About 80 characters of the body around the first match; "…" marks cut ends. */
  snippet: str(),
  snippetHighlights: Ranges,
  year: z.number().int(),
  column: str().nullable(),
  state: z.enum(SEARCH_STATES),
  units: z.array(str()),
  /** ISO instant: submitted (or created), or the issue's date. */
  date: str(),
  submissionId: str().nullable(),
  issueId: str().nullable(),
  issueYear: z.number().int().nullable(),
  issueNumber: z.number().int().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = pageOf(SearchHit).extend({
  /** How many of the `total` matches were ranked (the newest ones); pages reach this far. */
  ranked: z.number().int(),
  /**
   * More items match than were ranked: only the newest of each kind (own unit's submissions,
   * other submissions, issue items) were taken, and `total` counts those.
   */
  capped: z.boolean(),
});
export type SearchPage = z.infer<typeof SearchPage>;
