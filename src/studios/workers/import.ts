// Import of model workers' lists (劳模名单) from .xlsx or CSV (UTF-8 or GBK, as Chinese Excel
// saves it), all or nothing: every row is checked first; with any error nothing is written and
// each error is named by its row and column. The unit keeping each record is the importer's own
// unless the row names one of its subtree (保管单位). Contact columns are taken only from holders
// of studio:contacts; anyone else's are ignored, and the answer says so.
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { headerKey } from '../../platform/spreadsheets/cells';
import { readRows, sniffFormat } from '../../platform/spreadsheets/read-rows';
import { normalizeUscc, usccProblem } from '../../platform/shared/uscc';
import { ORG_KINDS } from '../../orgs/contract';
import { orgsInScopeByKind } from '../../orgs/service';
import { enterprisesByUsccOrName, nameKeyOf } from '../../enterprises/service';
import {
  EARLIEST_YEAR,
  GENDER_LABELS,
  LATEST_YEAR,
  MAX_IMPORT_ROWS,
  MODEL_WORKER_IMPORT_INVALID,
  MODEL_WORKER_STATUS_LABELS,
  PHONE_PATTERN,
  type Gender,
  type ModelWorkerImportError,
  type ModelWorkerImportResult,
  type ModelWorkerLevel,
  type ModelWorkerStatus,
} from './contract';
import { seesContacts } from './service';
import { modelWorkers } from './tables';
import { insertModelWorkers, type NewModelWorker } from './workers-service';

export const TEMPLATE_SHEET = '劳模名单';
const MAX_ERRORS = 500;
const EXAMPLE_NOTE = '示例行，导入前请删除';

type Field =
  | 'name'
  | 'gender'
  | 'birthYear'
  | 'level'
  | 'year'
  | 'unitName'
  | 'uscc'
  | 'position'
  | 'field'
  | 'status'
  | 'phone'
  | 'address'
  | 'keeper'
  | 'note';

const CONTACT_FIELDS: Field[] = ['phone', 'address'];

/** The columns of the file: the template's header, other spellings accepted, required or not. */
export const IMPORT_COLUMNS: {
  field: Field;
  header: string;
  also: string[];
  required: boolean;
  note: string;
}[] = [
  { field: 'name', header: '姓名', also: ['劳模姓名'], required: true, note: '劳模本人的姓名' },
  { field: 'gender', header: '性别', also: [], required: false, note: '男、女' },
  {
    field: 'birthYear',
    header: '出生年份',
    also: ['出生年月', '出生年'],
    required: false,
    note: '四位数年份，如 1968（写 1968年5月 也可）',
  },
  {
    field: 'level',
    header: '级别',
    also: ['劳模级别', '荣誉称号', '称号'],
    required: true,
    note: '市、省、全国（或 市劳动模范、省劳动模范、全国劳动模范）',
  },
  {
    field: 'year',
    header: '授予年度',
    also: ['年度', '授予年份', '获评年度', '评选年度'],
    required: true,
    note: '四位数年份，如 2015',
  },
  {
    field: 'unitName',
    header: '工作单位',
    also: ['单位', '所在单位', '单位名称'],
    required: true,
    note: '劳模所在的企业或单位',
  },
  {
    field: 'uscc',
    header: '统一社会信用代码',
    also: ['信用代码'],
    required: false,
    note: '工作单位在企业名录中时填写，用于关联企业',
  },
  {
    field: 'position',
    header: '职务职称',
    also: ['职务', '职称'],
    required: false,
    note: '如 高级技师、车间主任',
  },
  { field: 'field', header: '专业领域', also: ['领域', '行业'], required: false, note: '如 机械制造、教育' },
  {
    field: 'status',
    header: '状态',
    also: ['在职状态'],
    required: false,
    note: '在职、退休、已故；不填为在职',
  },
  {
    field: 'phone',
    header: '联系电话',
    also: ['电话', '手机', '手机号码'],
    required: false,
    note: '仅生产部、劳模协会导入时写入',
  },
  {
    field: 'address',
    header: '通讯地址',
    also: ['地址', '家庭住址'],
    required: false,
    note: '仅生产部、劳模协会导入时写入',
  },
  {
    field: 'keeper',
    header: '保管单位',
    also: [],
    required: false,
    note: '保管该记录的工会（您管理范围内的全称或简称）；不填为您所在的单位',
  },
  { field: 'note', header: '备注', also: [], required: false, note: '' },
];

const headerOf = (field: Field) => IMPORT_COLUMNS.find((c) => c.field === field)!.header;

// ---------- values ----------

/** 市, 市级, 市劳动模范, 苏州市劳动模范, 省部级劳模, 全国劳模 … */
export function levelOf(text: string): ModelWorkerLevel | null {
  const t = text
    .replace(/\s+/g, '')
    .normalize('NFKC')
    .replace(/(劳动模范|劳模)$/, '');
  if (/^(全国|国家|国家级|全国级)$/.test(t)) return 'national';
  if (/^(省|省级|省部级|江苏省)$/.test(t)) return 'province';
  if (/^(市|市级|地市|苏州市)$/.test(t)) return 'city';
  return null;
}

function statusOf(text: string): ModelWorkerStatus | null {
  if (!text) return 'active';
  const exact = (Object.keys(MODEL_WORKER_STATUS_LABELS) as ModelWorkerStatus[]).find(
    (s) => MODEL_WORKER_STATUS_LABELS[s] === text,
  );
  if (exact) return exact;
  if (/^(在岗|在职在岗)$/.test(text)) return 'active';
  if (/^(离休|退休人员|已退休)$/.test(text)) return 'retired';
  if (/^(去世|逝世|病故|已去世)$/.test(text)) return 'deceased';
  return null;
}

function genderOf(text: string): Gender | null | 'bad' {
  if (!text) return null;
  return (Object.keys(GENDER_LABELS) as Gender[]).find((g) => GENDER_LABELS[g] === text) ?? 'bad';
}

// ---------- reading and checking ----------

interface Candidate {
  row: number;
  name: string;
  gender: Gender | null;
  birthYear: number | null;
  level: ModelWorkerLevel;
  year: number;
  unitName: string;
  uscc: string | null;
  position: string | null;
  field: string | null;
  status: ModelWorkerStatus;
  phone: string | null;
  address: string | null;
  keeper: string | null;
  note: string | null;
}

type RowError = ModelWorkerImportError;

function columnsOf(cells: string[]): (Field | null)[] {
  const seen = new Set<Field>();
  const columns = cells.map((cell) => {
    const key = headerKey(cell);
    const column = IMPORT_COLUMNS.find((c) => [c.header, ...c.also].some((h) => headerKey(h) === key));
    if (!column) return null;
    if (seen.has(column.field))
      throw new AppError(400, 'IMPORT_DUPLICATE_COLUMNS', `有两列都是“${column.header}”，请只保留一列`);
    seen.add(column.field);
    return column.field;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.field));
  if (missing.length)
    throw new AppError(
      400,
      'IMPORT_MISSING_COLUMNS',
      `缺少必填列：${missing.map((c) => c.header).join('、')}。请使用导入模板的表头。`,
    );
  return columns;
}

const LIMITS: Partial<Record<Field, number>> = {
  name: 50,
  unitName: 100,
  position: 50,
  field: 50,
  phone: 30,
  address: 200,
  keeper: 100,
  note: 500,
};

/** Checks one row's values; units and enterprises are resolved afterwards. */
function checkRow(row: number, get: (f: Field) => string, errors: RowError[]): Candidate | null {
  const before = errors.length;
  const fail = (field: Field, message: string) => errors.push({ row, field: headerOf(field), message });
  const textOf = (field: Field) => {
    const v = get(field);
    const max = LIMITS[field] ?? 100;
    if (v.length > max) fail(field, `不能超过 ${max} 个字符`);
    return v || null;
  };
  const name = textOf('name');
  if (!name) fail('name', '不能为空');
  const gender = genderOf(get('gender'));
  if (gender === 'bad') fail('gender', `“${get('gender')}”应为 男 或 女`);
  const birthText = get('birthYear').normalize('NFKC');
  const birthMatch = /^(\d{4})(?:\s*[-/.年]\s*\d{1,2}\s*月?)?$/.exec(birthText);
  const birthYear = birthMatch ? Number(birthMatch[1]) : null;
  if (birthText && (!birthYear || birthYear < 1900 || birthYear > LATEST_YEAR))
    fail('birthYear', `“${get('birthYear')}”不是 1900 年以后的四位年份`);
  const levelText = get('level');
  const level = levelText ? levelOf(levelText) : null;
  if (!levelText) fail('level', '不能为空');
  else if (!level) fail('level', `“${levelText}”不是可识别的劳模级别（市、省、全国）`);
  const yearText = get('year').normalize('NFKC').replace(/年$/, '');
  const year = Number(yearText);
  if (!yearText) fail('year', '不能为空');
  else if (!/^\d{4}$/.test(yearText) || year < EARLIEST_YEAR || year > LATEST_YEAR)
    fail('year', `“${get('year')}”不是 ${EARLIEST_YEAR}–${LATEST_YEAR} 之间的四位年份`);
  const unitName = textOf('unitName');
  if (!unitName) fail('unitName', '不能为空');
  const usccText = get('uscc');
  const uscc = usccText ? normalizeUscc(usccText) : null;
  const problem = uscc ? usccProblem(uscc) : null;
  if (problem) fail('uscc', problem);
  const status = statusOf(get('status'));
  if (!status) fail('status', `“${get('status')}”应为 在职、退休 或 已故`);
  const phone = textOf('phone');
  if (phone && !PHONE_PATTERN.test(phone)) fail('phone', `“${phone}”不是有效的电话号码`);
  const position = textOf('position');
  const field = textOf('field');
  const address = textOf('address');
  const keeper = textOf('keeper');
  const note = textOf('note');
  if (note === EXAMPLE_NOTE) fail('note', '这是模板中的示例行，请删除后再导入');
  if (errors.length > before || !name || !level || !unitName || !status) return null;
  return {
    row,
    name,
    gender: gender === 'bad' ? null : gender,
    birthYear,
    level,
    year,
    unitName,
    uscc,
    position,
    field,
    status,
    phone,
    address,
    keeper,
    note,
  };
}

const compact = (text: string) => text.replace(/[\s\u3000]+/g, '');
const keyOf = (w: { name: string; unitName: string; level: string; year: number }) =>
  [compact(w.name), compact(w.unitName), w.level, w.year].join('|');

/**
 * Imports a list of model workers: every row is checked; with any error nothing is written and
 * the answer is 400 naming each row and column; a dry run checks without writing.
 */
export async function importModelWorkers(
  actor: Actor,
  file: { filePath: string; originalName: string; dryRun: boolean },
): Promise<ModelWorkerImportResult> {
  requireAccess(actor, 'studio:manage');
  const format = await sniffFormat(file.filePath, file.originalName);
  const contacts = seesContacts(actor);
  let columns: (Field | null)[] | null = null;
  const errors: RowError[] = [];
  const candidates: Candidate[] = [];
  const warnings: string[] = [];
  let contactsIgnored = false;
  let rows = 0;
  for await (const { row, cells, problems } of readRows(file.filePath, format, {
    maxRows: MAX_IMPORT_ROWS,
  })) {
    if (!columns) {
      columns = columnsOf(cells);
      const unknown = cells.filter((c, i) => c && columns![i] === null);
      if (unknown.length) warnings.push(`以下列不认识，已忽略：${unknown.slice(0, 20).join('、')}`);
      continue;
    }
    rows += 1;
    const get = (f: Field) => {
      const i = columns!.indexOf(f);
      if (i < 0) return '';
      const value = (cells[i] ?? '').trim();
      if (!contacts && CONTACT_FIELDS.includes(f)) {
        if (value) contactsIgnored = true;
        return '';
      }
      return value;
    };
    for (const p of problems ?? []) {
      const field = columns[p.col];
      if (field) errors.push({ row, field: headerOf(field), message: p.reason });
    }
    const candidate = checkRow(row, get, errors);
    if (candidate) candidates.push(candidate);
  }
  if (!columns)
    throw new AppError(400, 'IMPORT_MISSING_COLUMNS', '文件中没有表头和数据，请使用导入模板填写后上传');
  if (!rows) throw new AppError(400, 'EMPTY_FILE', '文件中只有表头，没有劳模数据');
  if (contactsIgnored) warnings.push('联系电话、通讯地址只有生产部和劳模协会可以导入，文件中的这两列已忽略');

  return db.transaction(async (tx) => {
    const units = await orgsInScopeByKind(tx, actor, [...ORG_KINDS]);
    const unitByName = new Map<string, { id: string; name: string; path: string } | 'ambiguous'>();
    for (const u of units)
      for (const key of [u.name, u.shortName].filter((k): k is string => !!k).map(compact)) {
        const seen = unitByName.get(key);
        unitByName.set(key, seen && seen !== 'ambiguous' && seen.id !== u.id ? 'ambiguous' : u);
      }
    const own = units.find((u) => u.id === actor.orgId) ?? { id: actor.orgId, path: actor.scopePath };
    const firms = (
      await enterprisesByUsccOrName(
        tx,
        candidates.flatMap((c) => (c.uscc ? [c.uscc] : [])),
        candidates.map((c) => c.unitName),
      )
    ).filter((f) => f.orgPath.startsWith(actor.scopePath));
    const firmByUscc = new Map(firms.map((f) => [f.uscc, f]));
    const firmsByKey = new Map<string, typeof firms>();
    for (const f of firms) firmsByKey.set(f.nameKey, [...(firmsByKey.get(f.nameKey) ?? []), f]);
    const existing = await tx
      .select({
        name: modelWorkers.name,
        unitName: modelWorkers.unitName,
        level: modelWorkers.level,
        year: modelWorkers.year,
      })
      .from(modelWorkers)
      .where(scopeFilter(actor, modelWorkers.orgPath));
    const known = new Set(existing.map(keyOf));
    const inFile = new Map<string, number>();
    const values: NewModelWorker[] = [];
    for (const c of candidates) {
      const fail = (field: Field, message: string) =>
        errors.push({ row: c.row, field: headerOf(field), message });
      let firm: (typeof firms)[number] | null = null;
      if (c.uscc) {
        firm = firmByUscc.get(c.uscc) ?? null;
        if (!firm) {
          fail('uscc', '企业名录中没有该统一社会信用代码的企业，或不在您的管理范围内');
          continue;
        }
      } else {
        const matches = firmsByKey.get(nameKeyOf(c.unitName)) ?? [];
        // Two enterprises of one name: the record stays unlinked rather than guess.
        firm = matches.length === 1 ? matches[0]! : null;
      }
      let keeper: { id: string; path: string } = own;
      if (c.keeper) {
        const found = unitByName.get(compact(c.keeper));
        if (found === 'ambiguous') {
          fail('keeper', '有多个同名的工会组织，请写全称');
          continue;
        }
        if (!found) {
          fail('keeper', `组织体系中没有“${c.keeper}”，或不在您的管理范围内`);
          continue;
        }
        keeper = found;
      }
      const key = keyOf(c);
      if (known.has(key)) {
        fail('name', '劳模名册中已有同一姓名、工作单位、级别和年度的记录');
        continue;
      }
      const twin = inFile.get(key);
      if (twin !== undefined) {
        fail('name', `与第 ${twin} 行重复`);
        continue;
      }
      inFile.set(key, c.row);
      values.push({
        name: c.name,
        gender: c.gender,
        birthYear: c.birthYear,
        level: c.level,
        year: c.year,
        unitName: c.unitName,
        enterpriseId: firm?.id ?? null,
        position: c.position,
        field: c.field,
        status: c.status,
        phone: contacts ? c.phone : null,
        address: contacts ? c.address : null,
        note: c.note,
        orgId: keeper.id,
        orgPath: keeper.path,
        createdBy: actor.id,
      });
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppError(
        400,
        MODEL_WORKER_IMPORT_INVALID,
        `文件中有 ${errors.length} 处错误，未导入任何记录，请修改后重新上传`,
        { errors: errors.slice(0, MAX_ERRORS), total: errors.length },
      );
    }
    if (file.dryRun) return { dryRun: true, committed: false, rows, imported: values.length, warnings };
    await insertModelWorkers(tx, values);
    await audit(tx, actor, {
      action: 'modelWorker.import',
      entity: 'modelWorkerImport',
      entityId: newId(),
      orgPath: actor.scopePath,
      after: { file: file.originalName, rows, imported: values.length },
    });
    return { dryRun: false, committed: true, rows, imported: values.length, warnings };
  });
}

/** Writes the import template: the data sheet with its headers and an example, and instructions. */
export async function writeModelWorkerTemplate(output: Writable): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    width: Math.max(12, c.header.length * 2 + 6),
    style: c.field === 'uscc' || c.field === 'phone' ? { numFmt: '@' } : {},
  }));
  IMPORT_COLUMNS.forEach((c, i) => {
    data.getRow(1).getCell(i + 1).font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
  });
  data.addRow([
    '张三',
    '男',
    1968,
    '省',
    2015,
    '某某机械有限公司',
    '',
    '高级技师',
    '机械制造',
    '在职',
    '',
    '',
    '',
    EXAMPLE_NOTE,
  ]);
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 18 }, { width: 10 }, { width: 80 }];
  help.addRow(['列', '是否必填', '填写要求']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.note]);
  help.addRow([]);
  help.addRow(['说明', '', '任何一行有错误时整个文件都不导入，请按错误提示修改后重新上传。']);
  help.addRow(['', '', '支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）；第一行为表头，列的顺序不限。']);
  await workbook.xlsx.write(output);
}
