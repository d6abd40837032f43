// Import of existing honour lists (历年荣誉名单) from .xlsx or CSV (UTF-8 or GBK, as Chinese Excel
// writes it), with the registry's all-or-nothing rule: every row is checked first, and either
// every honour is written in one transaction or, when any row is wrong, none is and each error is
// named by its row and column. Imported honours enter the register as conferred (已授予).
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { headerKey } from '../../platform/spreadsheets/cells';
import { readRows, sniffFormat } from '../../platform/spreadsheets/read-rows';
import { isCalendarDay } from '../../platform/shared/dates';
import { normalizeUscc, usccProblem } from '../../platform/shared/uscc';
import { ORG_KINDS } from '../../orgs/contract';
import { orgsInScopeByKind } from '../../orgs/service';
import { enterprisesByUsccOrName, nameKeyOf } from '../../enterprises/service';
import {
  EARLIEST_YEAR,
  GENDER_LABELS,
  HONOUR_KIND_LABELS,
  HONOUR_KINDS,
  HONOUR_LEVEL_LABELS,
  HONOUR_LEVELS,
  honourFieldIssues,
  LATEST_YEAR,
  MAX_IMPORT_ROWS,
  RECIPIENT_KIND_LABELS,
  RECIPIENT_KINDS,
  type Gender,
  type HonourImportResult,
  type HonourKind,
  type HonourLevel,
  type RecipientKind,
} from './contract';
import { honourEvents, honours } from './tables';

export const HONOUR_IMPORT_INVALID = 'HONOUR_IMPORT_INVALID';
export const TEMPLATE_SHEET = '荣誉名单';
const MAX_ERRORS = 500;
const CHUNK = 500;

type Field =
  | 'kind'
  | 'name'
  | 'level'
  | 'year'
  | 'awardingBody'
  | 'recipientKind'
  | 'recipientName'
  | 'gender'
  | 'jobTitle'
  | 'unitName'
  | 'uscc'
  | 'nominatingUnit'
  | 'conferredOn'
  | 'note';

/** The columns of the file: the template's header, other spellings accepted, required or not. */
export const IMPORT_COLUMNS: {
  field: Field;
  header: string;
  also: string[];
  required: boolean;
  note: string;
}[] = [
  {
    field: 'kind',
    header: '荣誉类型',
    also: ['荣誉种类', '类型'],
    required: true,
    note: Object.values(HONOUR_KIND_LABELS).join('、'),
  },
  {
    field: 'name',
    header: '荣誉名称',
    also: ['竞赛名称', '名称'],
    required: false,
    note: '劳动竞赛先进个人、先进集体填竞赛名称；其他荣誉填荣誉名称',
  },
  {
    field: 'level',
    header: '级别',
    also: ['荣誉级别', '层级'],
    required: true,
    note: Object.values(HONOUR_LEVEL_LABELS).join('、'),
  },
  {
    field: 'year',
    header: '年度',
    also: ['年份', '获奖年度', '授予年度'],
    required: true,
    note: '四位数年份，如 2015',
  },
  {
    field: 'awardingBody',
    header: '授予机关',
    also: ['授予单位', '颁发单位', '表彰单位'],
    required: true,
    note: '如 中华全国总工会、江苏省总工会、苏州市总工会、苏州市人民政府',
  },
  {
    field: 'recipientKind',
    header: '获奖对象类型',
    also: ['对象类型', '获奖类型'],
    required: true,
    note: '个人、集体(班组)、企业工会、工会组织',
  },
  {
    field: 'recipientName',
    header: '获奖对象',
    also: ['获奖对象名称', '姓名', '获奖者', '获奖单位'],
    required: true,
    note: '个人填姓名，集体填班组名称，企业工会填企业名称，工会组织填组织名称',
  },
  { field: 'gender', header: '性别', also: [], required: false, note: '男、女（个人）' },
  {
    field: 'jobTitle',
    header: '职务',
    also: ['职务职称', '职业'],
    required: false,
    note: '个人的职务或工种',
  },
  {
    field: 'unitName',
    header: '所在单位',
    also: ['工作单位', '单位'],
    required: false,
    note: '个人或集体所在的单位',
  },
  {
    field: 'uscc',
    header: '统一社会信用代码',
    also: ['信用代码'],
    required: false,
    note: '企业工会或所在单位在企业名录中时填写，用于关联企业',
  },
  { field: 'nominatingUnit', header: '推荐单位', also: [], required: false, note: '推荐该荣誉的工会' },
  {
    field: 'conferredOn',
    header: '授予日期',
    also: ['表彰日期'],
    required: false,
    note: '2015-04-28、2015/4/28 或 2015年4月28日',
  },
  { field: 'note', header: '备注', also: [], required: false, note: '' },
];

const headerOf = (field: Field) => IMPORT_COLUMNS.find((c) => c.field === field)!.header;

// ---------- values ----------

function kindOf(text: string): { kind: HonourKind; level?: HonourLevel } | null {
  const t = text.replace(/\s+/g, '');
  const exact = HONOUR_KINDS.find((k) => HONOUR_KIND_LABELS[k] === t);
  if (exact) return { kind: exact };
  if (t.includes('奖章')) return { kind: 'mayDayMedal' };
  if (t.includes('奖状')) return { kind: 'mayDayCertificate' };
  if (t.includes('先锋号')) return { kind: 'pioneer' };
  if (t.includes('模范职工之家')) return { kind: 'modelHome' };
  if (t.includes('先进职工之家')) return { kind: 'advancedHome' };
  if (t.includes('劳动模范') || t.includes('劳模')) {
    const level = t.startsWith('全国')
      ? 'national'
      : t.startsWith('省')
        ? 'province'
        : t.startsWith('市')
          ? 'city'
          : undefined;
    return { kind: 'modelWorker', ...(level ? { level } : {}) };
  }
  if (t.includes('先进个人')) return { kind: 'competitionIndividual' };
  if (t.includes('先进集体')) return { kind: 'competitionCollective' };
  if (t === '其他' || t === '其他荣誉') return { kind: 'other' };
  return null;
}

function levelOf(text: string): HonourLevel | null {
  const t = text.replace(/\s+/g, '').normalize('NFKC');
  const exact = HONOUR_LEVELS.find((l) => HONOUR_LEVEL_LABELS[l].normalize('NFKC') === t);
  if (exact) return exact;
  if (/^(全国|国家|国家级|全国级)$/.test(t)) return 'national';
  if (/^(省|省级|江苏省)$/.test(t)) return 'province';
  if (/^(市|市级|地市|苏州市)$/.test(t)) return 'city';
  if (/^(区|区级|县|县级|县级市|区县|市\(区\)|区\(县级市\))$/.test(t)) return 'district';
  if (/^(乡镇|街道|乡镇级|镇|乡镇\(街道\)|街道级)$/.test(t)) return 'township';
  return null;
}

function recipientKindOf(text: string): RecipientKind | null {
  const t = text.replace(/\s+/g, '').normalize('NFKC');
  const exact = RECIPIENT_KINDS.find((k) => RECIPIENT_KIND_LABELS[k].normalize('NFKC') === t);
  if (exact) return exact;
  if (/^(个人|人)$/.test(t)) return 'person';
  if (/^(集体|班组|团队|集体\(班组\))$/.test(t)) return 'team';
  if (/^(企业|企业工会|单位)$/.test(t)) return 'enterprise';
  if (/^(组织|工会|工会组织)$/.test(t)) return 'org';
  return null;
}

function genderOf(text: string): Gender | null | 'bad' {
  if (!text) return null;
  const found = (Object.keys(GENDER_LABELS) as Gender[]).find((g) => GENDER_LABELS[g] === text);
  return found ?? 'bad';
}

/** A day written as 2015-04-28, 2015/4/28, 2015.4.28 or 2015年4月28日. */
export function dayOf(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC'));
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDay(day) ? day : null;
}

// ---------- reading and checking ----------

interface Candidate {
  row: number;
  kind: HonourKind;
  name: string | null;
  level: HonourLevel;
  year: number;
  awardingBody: string;
  recipientKind: RecipientKind;
  recipientName: string;
  gender: Gender | null;
  jobTitle: string | null;
  unitName: string | null;
  uscc: string | null;
  nominatingUnit: string | null;
  conferredOn: string | null;
  note: string | null;
}

type RowError = { row: number; field: string; message: string };

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

const MAX_TEXT = 100;
const EXAMPLE_NOTE = '示例行，导入前请删除';

/** Checks one row's values; the names of units and enterprises are resolved afterwards. */
function checkRow(row: number, get: (f: Field) => string, errors: RowError[]): Candidate | null {
  const before = errors.length;
  const fail = (field: Field, message: string) => errors.push({ row, field: headerOf(field), message });
  const textOf = (field: Field, max = MAX_TEXT) => {
    const v = get(field);
    if (v.length > max) fail(field, `不能超过 ${max} 个字符`);
    return v || null;
  };
  const kindText = get('kind');
  const kind = kindText ? kindOf(kindText) : null;
  if (!kindText) fail('kind', '不能为空');
  else if (!kind)
    fail('kind', `“${kindText}”不是可识别的荣誉类型（${Object.values(HONOUR_KIND_LABELS).join('、')}）`);
  const levelText = get('level');
  let level = levelText ? levelOf(levelText) : (kind?.level ?? null);
  if (!levelText && !level) fail('level', '不能为空');
  else if (!level) fail('level', `“${levelText}”不是可识别的级别（全国、省、市、区(县级市)、乡镇(街道)）`);
  level ??= null;
  const yearText = get('year').replace(/年$/, '');
  const year = Number(yearText);
  if (!yearText) fail('year', '不能为空');
  else if (!/^\d{4}$/.test(yearText) || year < EARLIEST_YEAR || year > LATEST_YEAR)
    fail('year', `“${get('year')}”不是 ${EARLIEST_YEAR}–${LATEST_YEAR} 之间的四位年份`);
  const awardingBody = textOf('awardingBody');
  if (!awardingBody) fail('awardingBody', '不能为空');
  const rkText = get('recipientKind');
  const recipientKind = rkText ? recipientKindOf(rkText) : null;
  if (!rkText) fail('recipientKind', '不能为空');
  else if (!recipientKind)
    fail('recipientKind', `“${rkText}”不是可识别的获奖对象类型（个人、集体(班组)、企业工会、工会组织）`);
  const recipientName = textOf('recipientName');
  if (!recipientName) fail('recipientName', '不能为空');
  const gender = genderOf(get('gender'));
  if (gender === 'bad') fail('gender', `“${get('gender')}”应为 男 或 女`);
  const usccText = get('uscc');
  const uscc = usccText ? normalizeUscc(usccText) : null;
  const problem = uscc ? usccProblem(uscc) : null;
  if (problem) fail('uscc', problem);
  const conferredText = get('conferredOn');
  const conferredOn = conferredText ? dayOf(conferredText) : null;
  if (conferredText && !conferredOn) fail('conferredOn', `“${conferredText}”不是有效的日期（如 2015-04-28）`);
  const name = textOf('name');
  if (kind && level && recipientKind) {
    for (const issue of honourFieldIssues({
      kind: kind.kind,
      name,
      level,
      recipientKind,
      recipientName,
      // Linked later, from the code or the name.
      enterpriseId: 'x',
      recipientOrgId: 'x',
    }))
      fail(
        issue.field === 'level' ? 'level' : issue.field === 'name' ? 'name' : 'recipientName',
        issue.message,
      );
  }
  const jobTitle = textOf('jobTitle');
  const unitName = textOf('unitName');
  const nominatingUnit = textOf('nominatingUnit');
  const note = textOf('note', 500);
  if (note === EXAMPLE_NOTE) fail('note', '这是模板中的示例行，请删除后再导入');
  if (errors.length > before || !kind || !level || !recipientKind || !awardingBody || !recipientName)
    return null;
  return {
    row,
    kind: kind.kind,
    name,
    level,
    year,
    awardingBody,
    recipientKind,
    recipientName,
    gender: gender === 'bad' ? null : gender,
    jobTitle: recipientKind === 'person' ? jobTitle : null,
    unitName: recipientKind === 'person' || recipientKind === 'team' ? unitName : null,
    uscc,
    nominatingUnit,
    conferredOn,
    note,
  };
}

const compact = (name: string) => name.replace(/[\s\u3000]+/g, '');

/**
 * Imports an honour list. Every row is checked; with any error nothing is written and the answer
 * is 400 naming each row and column; a dry run checks without writing.
 */
export async function importHonours(
  actor: Actor,
  file: { filePath: string; originalName: string; dryRun: boolean },
): Promise<HonourImportResult> {
  requireAccess(actor, 'competition:manage');
  const format = await sniffFormat(file.filePath, file.originalName);
  let columns: (Field | null)[] | null = null;
  const errors: RowError[] = [];
  const candidates: Candidate[] = [];
  const warnings: string[] = [];
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
      return i < 0 ? '' : (cells[i] ?? '').trim();
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
  if (!rows) throw new AppError(400, 'EMPTY_FILE', '文件中只有表头，没有荣誉数据');

  return db.transaction(async (tx) => {
    // Units of the tree in the actor's scope, by full and short name.
    const units = await orgsInScopeByKind(tx, actor, [...ORG_KINDS]);
    const unitByName = new Map<string, { id: string; name: string; path: string } | 'ambiguous'>();
    for (const u of units)
      for (const key of [u.name, u.shortName].filter((k): k is string => !!k).map(compact)) {
        const seen = unitByName.get(key);
        unitByName.set(key, seen && seen !== 'ambiguous' && seen.id !== u.id ? 'ambiguous' : u);
      }
    const firms = await enterprisesByUsccOrName(
      tx,
      candidates.flatMap((c) => (c.uscc ? [c.uscc] : [])),
      candidates.flatMap((c) =>
        [c.recipientKind === 'enterprise' ? c.recipientName : null, c.unitName].filter(
          (n): n is string => !!n,
        ),
      ),
    );
    const inScope = firms.filter((f) => f.orgPath.startsWith(actor.scopePath));
    const firmByUscc = new Map(inScope.map((f) => [f.uscc, f]));
    const firmsByKey = new Map<string, typeof inScope>();
    for (const f of inScope) firmsByKey.set(f.nameKey, [...(firmsByKey.get(f.nameKey) ?? []), f]);
    const existing = await tx
      .select({
        kind: honours.kind,
        name: honours.name,
        level: honours.level,
        year: honours.year,
        recipientName: honours.recipientName,
        unitName: honours.unitName,
      })
      .from(honours)
      .where(scopeOf(actor));
    const keyOf = (h: {
      kind: string;
      name: string | null;
      level: string;
      year: number;
      recipientName: string;
      unitName: string | null;
    }) =>
      [h.kind, h.name ?? '', h.level, h.year, compact(h.recipientName), compact(h.unitName ?? '')].join('|');
    const known = new Set(existing.map(keyOf));
    const inFile = new Map<string, number>();
    const values: (typeof honours.$inferInsert)[] = [];
    const at = now();
    for (const c of candidates) {
      const fail = (field: Field, message: string) =>
        errors.push({ row: c.row, field: headerOf(field), message });
      let firm: (typeof inScope)[number] | null = null;
      if (c.uscc) {
        firm = firmByUscc.get(c.uscc) ?? null;
        if (!firm) {
          fail('uscc', '企业名录中没有该统一社会信用代码的企业，或不在您的管理范围内');
          continue;
        }
      } else if (c.recipientKind === 'enterprise' || c.unitName) {
        const matches =
          firmsByKey.get(nameKeyOf(c.recipientKind === 'enterprise' ? c.recipientName : c.unitName!)) ?? [];
        if (matches.length > 1) {
          fail(
            c.recipientKind === 'enterprise' ? 'recipientName' : 'unitName',
            '企业名录中有多家同名企业，请填写统一社会信用代码',
          );
          continue;
        }
        firm = matches[0] ?? null;
      }
      let recipientOrg: { id: string; name: string; path: string } | null = null;
      const orgKey =
        c.recipientKind === 'org' ? c.recipientName : c.recipientKind === 'enterprise' ? null : c.unitName;
      if (orgKey) {
        const found = unitByName.get(compact(orgKey));
        if (found === 'ambiguous') {
          fail(c.recipientKind === 'org' ? 'recipientName' : 'unitName', '有多个同名的工会组织，请写全称');
          continue;
        }
        recipientOrg = found ?? null;
      }
      if (c.recipientKind === 'enterprise' && !firm) {
        fail(
          'recipientName',
          `企业名录中没有“${c.recipientName}”，或不在您的管理范围内；请先登记企业或填写统一社会信用代码`,
        );
        continue;
      }
      if (c.recipientKind === 'org' && !recipientOrg) {
        fail('recipientName', `组织体系中没有“${c.recipientName}”，或不在您的管理范围内`);
        continue;
      }
      let nominating: { id: string; name: string; path: string } | null = null;
      if (c.nominatingUnit) {
        const found = unitByName.get(compact(c.nominatingUnit));
        nominating = found && found !== 'ambiguous' ? found : null;
      }
      const recipientName =
        c.recipientKind === 'enterprise'
          ? firm!.name
          : c.recipientKind === 'org'
            ? recipientOrg!.name
            : c.recipientName;
      const row = {
        kind: c.kind,
        name: c.name,
        level: c.level,
        year: c.year,
        recipientName,
        unitName:
          c.unitName ??
          (c.recipientKind === 'person' || c.recipientKind === 'team' ? (firm?.name ?? null) : null),
      };
      const key = keyOf(row);
      if (known.has(key)) {
        fail('recipientName', '荣誉库中已有同一年度、类型、级别和获奖对象的荣誉');
        continue;
      }
      const twin = inFile.get(key);
      if (twin !== undefined) {
        fail('recipientName', `与第 ${twin} 行重复`);
        continue;
      }
      inFile.set(key, c.row);
      values.push({
        id: newId(),
        ...row,
        awardingBody: c.awardingBody,
        recipientKind: c.recipientKind,
        gender: c.recipientKind === 'person' ? c.gender : null,
        jobTitle: c.jobTitle,
        enterpriseId: c.recipientKind === 'org' ? null : (firm?.id ?? null),
        recipientOrgId: c.recipientKind === 'enterprise' ? null : (recipientOrg?.id ?? null),
        nominatingOrgId: nominating?.id ?? null,
        nominatingUnitName: c.nominatingUnit,
        // The recipient's place first; else the nominating unit's; else the importer's own.
        orgPath: firm?.orgPath ?? recipientOrg?.path ?? nominating?.path ?? actor.scopePath,
        state: 'conferred',
        imported: true,
        conferredOn: c.conferredOn,
        note: c.note,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      });
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppError(
        400,
        HONOUR_IMPORT_INVALID,
        `文件中有 ${errors.length} 处错误，未导入任何荣誉，请修改后重新上传`,
        { errors: errors.slice(0, MAX_ERRORS), total: errors.length },
      );
    }
    if (file.dryRun) return { dryRun: true, committed: false, rows, imported: values.length, warnings };
    for (let i = 0; i < values.length; i += CHUNK) {
      const chunk = values.slice(i, i + CHUNK);
      await tx.insert(honours).values(chunk);
      await tx.insert(honourEvents).values(
        chunk.map((v) => ({
          id: newId(),
          honourId: v.id,
          at,
          kind: 'imported',
          actorId: actor.id,
          orgId: actor.orgId,
          text: `从名单“${file.originalName}”导入`,
        })),
      );
    }
    await audit(tx, actor, {
      action: 'honour.import',
      entity: 'honourImport',
      entityId: newId(),
      orgPath: actor.scopePath,
      after: { file: file.originalName, rows, imported: values.length },
    });
    return { dryRun: false, committed: true, rows, imported: values.length, warnings };
  });
}

const scopeOf = (actor: Actor) => scopeFilter(actor, honours.orgPath);

/** Writes the import template: the data sheet with the headers and two examples, and instructions. */
export async function writeHonourTemplate(output: Writable): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    width: Math.max(12, c.header.length * 2 + 6),
    style: c.field === 'uscc' ? { numFmt: '@' } : {},
  }));
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = data.getRow(1).getCell(i + 1);
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
  });
  data.addRow([
    '劳动模范',
    '',
    '省',
    2015,
    '江苏省人民政府',
    '个人',
    '张三',
    '男',
    '车间主任',
    '某某机械有限公司',
    '',
    '吴中区总工会',
    '2015-04-28',
    EXAMPLE_NOTE,
  ]);
  data.addRow([
    '工人先锋号',
    '',
    '市',
    2018,
    '苏州市总工会',
    '集体(班组)',
    '装配一班',
    '',
    '',
    '某某机械有限公司',
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
  help.addRow([
    '说明',
    '',
    '导入的荣誉直接记为“已授予”。任何一行有错误时整个文件都不导入，请按错误提示修改后重新上传。',
  ]);
  help.addRow(['', '', '支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）；第一行为表头，列的顺序不限。']);
  await workbook.xlsx.write(output);
}
