// Yearly targets in bulk: a workbook with one row per organisation the actor may set targets for
// (the children of a node, and the node itself where the rules allow), and the import of that
// workbook filled in, as .xlsx or CSV. The import checks every row first and then writes all
// of them in one transaction, or nothing.
import ExcelJS from 'exceljs';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { childrenOf, loadOrg, orgRefs, type OrgRow } from '../orgs/service';
import { headerKey } from '../platform/spreadsheets/cells';
import { ImportFileError, readRows, sniffFormat } from '../platform/spreadsheets/read-rows';
import { INDICATORS, INDICATOR_LABELS, type Indicator } from './contract';
import { replaceTargets, targetsOf } from './service';
import {
  CLEAR_WORDS,
  TARGETS_ID_HEADER,
  TARGETS_IMPORT_INVALID,
  TARGETS_IMPORT_RULES,
  TARGETS_NAME_HEADER,
  targetHeader,
  TargetsImportQuery,
  type TargetsImportIssue,
  type TargetsImportResult,
} from './targets-import-contract';

/** A targets file holds one row per organisation: a few hundred at most. */
const MAX_ROWS = 5000;
/** Issues reported with the 400; the count says how many there were in all. */
const MAX_ISSUES = 500;

type Query = ReturnType<typeof TargetsImportQuery.parse>;

interface Targetable {
  node: OrgRow;
  /** The node itself (where allowed) and then its active children, in display order. */
  orgs: { id: string; name: string; path: string }[];
}

/**
 * The organisations whose targets the actor may set from a node: its children, and the node
 * itself unless it is the actor's own unit (a unit's targets come from the level above; only
 * the city federation, with no level above in the system, records its own).
 */
async function targetableFrom(tx: Db, actor: Actor, nodeId: string): Promise<Targetable> {
  const node = await loadOrg(tx, actor, nodeId);
  requireAccess(actor, 'coverage:target', node.path);
  const self = node.id !== actor.orgId || node.parentId === null;
  const children = await childrenOf(tx, node.id);
  return { node, orgs: self ? [{ id: node.id, name: node.name, path: node.path }, ...children] : children };
}

const percentOf = (rate: number | undefined) => (rate === undefined ? null : Number((rate * 100).toFixed(2)));

/** The template of a node's targets for a year, filled with the targets set so far. */
export async function buildTargetsTemplate(
  actor: Actor,
  query: Query,
): Promise<{ fileName: string; content: Buffer }> {
  requireAccess(actor, 'coverage:target');
  const { node, orgs, targets } = await db.transaction(async (tx) => {
    const found = await targetableFrom(tx, actor, query.orgId);
    const current = await targetsOf(
      tx,
      found.orgs.map((o) => o.id),
      query.year,
    );
    return { ...found, targets: current };
  });

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${query.year}年目标`, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }],
  });
  sheet.columns = [
    { key: 'name', width: 32 },
    ...INDICATORS.map((k) => ({ key: k, width: Math.max(12, INDICATOR_LABELS[k].length * 2 + 4) })),
    { key: 'id', width: 38, hidden: true },
  ];
  // Row 1 is the note; the header is the row that names 组织名称 (the import looks for it).
  const note = sheet.getCell('A1');
  note.value = `${node.name} · ${query.year} 年“两个普遍”目标。${TARGETS_IMPORT_RULES.slice(0, 2).join('')}`;
  note.font = { color: { argb: 'FF8C5A00' } };
  const header = sheet.addRow([TARGETS_NAME_HEADER, ...INDICATORS.map(targetHeader), TARGETS_ID_HEADER]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
  });
  INDICATORS.forEach((k, i) => {
    header.getCell(i + 2).note =
      `${INDICATOR_LABELS[k]}目标，单位：%（90 表示 90%）。留空不修改，填“-”或“无”清除。`;
  });
  for (const org of orgs) {
    const t = targets.get(org.id) ?? {};
    sheet.addRow([org.name, ...INDICATORS.map((k) => percentOf(t[k])), org.id]);
  }
  sheet.getColumn('id').numFmt = '@';

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 100 }];
  help.addRow([`${node.name} · ${query.year} 年“两个普遍”目标导入模板`]).font = { bold: true };
  for (const line of TARGETS_IMPORT_RULES) help.addRow([line]);
  help.addRow([
    '也可以导入 CSV 文件（UTF-8 或 GBK 编码），列标题与本模板相同；没有“组织ID”列时按组织名称识别。',
  ]);

  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${node.name}-${query.year}年目标导入模板.xlsx`, content };
}

// ---------------------------------------------------------------------------------------------
// Reading the file

interface Columns {
  name: number | null;
  id: number | null;
  indicators: { indicator: Indicator; col: number; header: string }[];
}

const NAME_KEY = headerKey(TARGETS_NAME_HEADER);
const ID_KEY = headerKey(TARGETS_ID_HEADER);

// Labels as the dashboard and older sheets spell them, besides the indicators' own.
const INDICATOR_SYNONYMS: Partial<Record<Indicator, string[]>> = {
  establishmentRate: ['建会率目标', '工会组建率'],
  membershipRate: ['入会率'],
  wageBargainingRate: ['工资协商建制率', '工资集体协商建制率', '工资集体协商率'],
  workersCongressRate: ['职代会建制率', '职工代表大会建制率'],
  affairsDisclosureRate: ['厂务公开率'],
};
const INDICATOR_BY_KEY = new Map<string, Indicator>();
for (const k of INDICATORS) {
  for (const h of [INDICATOR_LABELS[k], ...(INDICATOR_SYNONYMS[k] ?? [])])
    INDICATOR_BY_KEY.set(headerKey(h), k);
}

const headerError = (message: string) => new AppError(400, 'TARGETS_IMPORT_HEADER', message);

/** The header's columns, or null when the row is not the header (a note above it). */
function columnsOf(cells: string[]): Columns | null {
  const keys = cells.map(headerKey);
  if (!keys.includes(NAME_KEY) && !keys.includes(ID_KEY)) return null;
  const columns: Columns = { name: null, id: null, indicators: [] };
  keys.forEach((key, col) => {
    if (key === NAME_KEY) columns.name ??= col;
    else if (key === ID_KEY) columns.id ??= col;
    else {
      const indicator = INDICATOR_BY_KEY.get(key);
      if (!indicator) return;
      if (columns.indicators.some((c) => c.indicator === indicator)) {
        throw headerError(`有两列都是“${INDICATOR_LABELS[indicator]}”，请只保留一列`);
      }
      columns.indicators.push({ indicator, col, header: cells[col]! });
    }
  });
  if (!columns.indicators.length) {
    throw headerError(
      `表头中没有可识别的指标列，请使用下载的模板（指标列为：${INDICATORS.map(targetHeader).join('、')}）`,
    );
  }
  return columns;
}

/** A cell of an indicator: undefined leaves the target, null clears it, else the rate (0–1). */
export function parsePercent(input: string): { value: number | null | undefined } | { error: string } {
  const raw = input.trim();
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return { value: undefined };
  if ((CLEAR_WORDS as readonly string[]).includes(text) || /^[-—–]+$/.test(text)) return { value: null };
  const digits = text.replace(/%$/, '');
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(digits)) {
    return { error: `“${raw}”不是数字，请填写 0 到 100 之间的百分数，例如 90 表示 90%` };
  }
  const n = Number(digits);
  if (n < 0) return { error: `“${raw}”小于 0，目标应在 0 到 100 之间` };
  if (n > 100) return { error: `“${raw}”大于 100，目标应在 0 到 100 之间（90 表示 90%）` };
  // Percent with two decimals, as the dialog keeps it: 87.255 → 0.8726.
  return { value: Math.round(n * 100) / 10000 };
}

interface FileRow {
  row: number;
  name: string;
  id: string;
  values: Map<Indicator, number | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');

/** Reads the rows of the file and the problems of its cells (values only; organisations later). */
async function readTargetsFile(
  filePath: string,
  originalName: string,
): Promise<{ rows: FileRow[]; issues: TargetsImportIssue[] }> {
  const format = await sniffFormat(filePath, originalName);
  let columns: Columns | null = null;
  const rows: FileRow[] = [];
  const issues: TargetsImportIssue[] = [];
  try {
    for await (const { row, cells, problems } of readRows(filePath, format, { maxRows: MAX_ROWS })) {
      if (!columns) {
        columns = columnsOf(cells);
        continue;
      }
      const at = (col: number | null) => (col === null ? '' : (cells[col] ?? '').trim());
      const values = new Map<Indicator, number | null>();
      for (const { indicator, col, header } of columns.indicators) {
        const problem = problems?.find((p) => p.col === col);
        if (problem) {
          issues.push({ row, column: header, value: at(col), reason: problem.reason });
          continue;
        }
        const parsed = parsePercent(at(col));
        if ('error' in parsed) issues.push({ row, column: header, value: at(col), reason: parsed.error });
        else if (parsed.value !== undefined) values.set(indicator, parsed.value);
      }
      rows.push({ row, name: at(columns.name), id: at(columns.id), values });
    }
  } catch (err) {
    if (err instanceof ImportFileError && err.code === 'NO_SHEET') {
      throw new ImportFileError('NO_SHEET', '文件中没有可导入的工作表，请把目标填在模板的第一个工作表中');
    }
    throw err;
  }
  if (!columns) {
    throw headerError(`没有找到表头：请使用下载的模板，表头应包含“${TARGETS_NAME_HEADER}”和各项指标`);
  }
  return { rows, issues };
}

// ---------------------------------------------------------------------------------------------
// Checking and writing

/** Which organisation each row means, or why it cannot be used. */
async function resolveRows(
  tx: Db,
  actor: Actor,
  found: Targetable,
  rows: FileRow[],
  issues: TargetsImportIssue[],
): Promise<Map<FileRow, { id: string; path: string }>> {
  const { node, orgs } = found;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const byName = new Map<string, (typeof orgs)[number][]>();
  for (const o of orgs) byName.set(nameKey(o.name), [...(byName.get(nameKey(o.name)) ?? []), o]);
  const others = await orgRefs(
    tx,
    rows.map((r) => r.id.toLowerCase()).filter((id) => UUID.test(id) && !byId.has(id)),
  );
  const notChild = `不是“${node.name}”的下级单位，不能在此设置目标`;
  const resolved = new Map<FileRow, { id: string; path: string }>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const fail = (column: string, value: string, reason: string) =>
      issues.push({ row: r.row, column, value, reason });
    let org: (typeof orgs)[number] | undefined;
    if (r.id) {
      const id = r.id.toLowerCase();
      org = byId.get(id);
      if (!org) {
        const other = UUID.test(id) ? others.get(id) : undefined;
        const reason = !UUID.test(id)
          ? '组织ID不正确，请使用下载的模板，不要修改“组织ID”列'
          : !other || !other.path.startsWith(actor.scopePath)
            ? '找不到该组织，或不在您的管理范围内'
            : !other.active
              ? `“${other.name}”已停用`
              : other.id === node.id
                ? '本单位的目标由上级设置，不能自行设置'
                : `“${other.name}”${notChild}`;
        fail(TARGETS_ID_HEADER, r.id, reason);
        continue;
      }
      if (r.name && nameKey(r.name) !== nameKey(org.name)) {
        fail(TARGETS_NAME_HEADER, r.name, `与组织ID对应的“${org.name}”不符，请重新下载模板`);
        continue;
      }
    } else if (r.name) {
      const named = byName.get(nameKey(r.name)) ?? [];
      if (named.length !== 1) {
        const reason =
          named.length > 1
            ? '有多个同名组织，请使用下载的模板（含组织ID）'
            : nameKey(r.name) === nameKey(node.name)
              ? '本单位的目标由上级设置，不能自行设置'
              : `${notChild}，或名称有误`;
        fail(TARGETS_NAME_HEADER, r.name, reason);
        continue;
      }
      org = named[0]!;
    } else {
      if (r.values.size) fail(TARGETS_NAME_HEADER, '', '缺少组织名称');
      continue;
    }
    const first = seen.get(org.id);
    if (first !== undefined) {
      fail(TARGETS_NAME_HEADER, r.name || org.name, `与第 ${first} 行是同一组织，请只保留一行`);
      continue;
    }
    seen.set(org.id, r.row);
    resolved.set(r, org);
  }
  return resolved;
}

const sameRate = (a: number | undefined, b: number | null) =>
  a === undefined ? b === null : b !== null && Math.abs(a - b) < 1e-9;

/**
 * Imports a filled targets template (.xlsx or CSV) for the children of a node and a year: checks
 * every row, then writes every change with its audit entry in one transaction, or nothing (400
 * listing each row, column, value and reason).
 */
export async function importTargets(
  actor: Actor,
  query: Query,
  file: { filePath: string; originalName: string },
): Promise<TargetsImportResult> {
  requireAccess(actor, 'coverage:target');
  const { rows, issues } = await readTargetsFile(file.filePath, file.originalName);
  return db.transaction(async (tx) => {
    const found = await targetableFrom(tx, actor, query.orgId);
    const resolved = await resolveRows(tx, actor, found, rows, issues);
    if (issues.length) {
      issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw new AppError(
        400,
        TARGETS_IMPORT_INVALID,
        `文件中有 ${issues.length} 处错误，未导入任何目标，请修改后重新上传`,
        { errors: issues.slice(0, MAX_ISSUES), total: issues.length },
      );
    }
    const current = await targetsOf(
      tx,
      [...resolved.values()].map((o) => o.id),
      query.year,
    );
    let orgsChanged = 0;
    let targetsChanged = 0;
    for (const [r, org] of resolved) {
      const before = current.get(org.id) ?? {};
      const changes = Object.fromEntries(
        [...r.values].filter(([indicator, value]) => !sameRate(before[indicator], value)),
      ) as Partial<Record<Indicator, number | null>>;
      const count = Object.keys(changes).length;
      if (!count) continue;
      const written = await replaceTargets(tx, org, query.year, changes);
      await audit(tx, actor, {
        action: 'coverage.importTargets',
        entity: 'coverageTarget',
        entityId: `${org.id}/${query.year}`,
        orgPath: org.path,
        before: written.before,
        after: written.after,
      });
      orgsChanged += 1;
      targetsChanged += count;
    }
    return { year: query.year, rows: resolved.size, orgsChanged, targetsChanged };
  });
}
