// API of the targets template and import (xlsx/CSV): one row per organisation the actor may set
// targets for, one column per indicator in percent. The web app imports these schemas.
import { z } from 'zod';
import { str } from '../platform/shared/api';
import { INDICATORS, INDICATOR_LABELS, YearParams, type Indicator } from './contract';

export const TargetsImportQuery = YearParams.extend({
  orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }),
});
export type TargetsImportQuery = z.input<typeof TargetsImportQuery>;

/** One problem of an uploaded file: the row as the spreadsheet numbers it, the column's header. */
export const TargetsImportIssue = z.object({
  row: z.number().int().nullable(),
  column: str(),
  value: str(),
  reason: str(),
});
export type TargetsImportIssue = z.infer<typeof TargetsImportIssue>;

export const TargetsImportResult = z.object({
  year: z.number().int(),
  /** Organisation rows read from the file. */
  rows: z.number().int(),
  /** Organisations whose targets changed. */
  orgsChanged: z.number().int(),
  /** Single targets set, changed or cleared. */
  targetsChanged: z.number().int(),
});
export type TargetsImportResult = z.infer<typeof TargetsImportResult>;

/** The error code of a file rejected for bad rows; `details` lists TargetsImportIssue. */
export const TARGETS_IMPORT_INVALID = 'TARGETS_IMPORT_INVALID';

export const TARGETS_NAME_HEADER = '组织名称';
export const TARGETS_ID_HEADER = '组织ID';

/** The header of an indicator's column: its label and the unit. */
export const targetHeader = (indicator: Indicator) => `${INDICATOR_LABELS[indicator]}(%)`;

/** Cell texts that remove a target (an empty cell leaves it as it is). */
export const CLEAR_WORDS = ['-', '—', '无'] as const;

/** What the template's note says; the dialog shows the same rules. */
export const TARGETS_IMPORT_RULES = [
  '目标以百分数填写，0 到 100 之间，例如 90 表示 90%；可带 % 号，最多两位小数。',
  '留空表示不修改该项目标；填“-”或“无”表示清除该项目标。',
  '请勿修改“组织名称”和隐藏的“组织ID”列；不需要调整的行可以删除。',
  `本模板适用于一个年度，指标依次为：${INDICATORS.map((k) => INDICATOR_LABELS[k]).join('、')}。`,
];
