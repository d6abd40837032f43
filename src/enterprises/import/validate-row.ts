// Turns one row of the import into an EnterpriseRecord with its dated facts, or into every
// problem the row has (so the error report lists them all at once). Pure and total: any input,
// however odd, yields errors, never an exception.

import { normalizeUscc, usccProblem } from '../../platform/shared/uscc';
import { COLUMN_BY_FIELD, IMPORT_COLUMNS, type ImportField } from './headers';
import type { CellProblem } from '../../platform/spreadsheets/read-rows';
import type { EnterpriseRecord, FactInput, FactKind, FiveHaveItem, RowError } from './record';
import {
  MIN_YEAR,
  nameKey,
  normalizeText,
  parseBool,
  parseCount,
  parseDate,
  parseOwnership,
  parseStatus,
  type Parsed,
} from './values';
import { chinaToday } from '../../platform/shared/dates';

export interface ValidateRowOptions {
  /** The import's date (YYYY-MM-DD): events may not lie after it; membership is counted as of it. */
  today: string;
  /** Cells readRows could not read as values (formulas without a result, error values). */
  problems?: CellProblem[];
}

export type ValidatedRow = { record: EnterpriseRecord } | { errors: RowError[] };

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  name: 200,
  township: 100,
  address: 500,
  industry: 100,
  note: 2000,
  jointUnion: 200,
};

/** Most employees one enterprise can plausibly have: beyond it a typo is likelier. */
const MAX_EMPLOYEES = 5_000_000;

const LOST_DIGITS = '信用代码被 Excel 当作数字保存，丢失了位数，请将该列设为文本';

const EVENT_DATES: ImportField[] = [
  'registeredOn',
  'closedOn',
  'unionFoundedOn',
  'lastElectionOn',
  'workersCongressOn',
  'membersCongressOn',
  'collectiveContractSignedOn',
  'wageAgreementSignedOn',
  'womenContractSignedOn',
  'affairsDisclosureOn',
];

const CONTRACTS = [
  {
    kind: 'collectiveContract',
    signed: 'collectiveContractSignedOn',
    from: 'collectiveContractFrom',
    to: 'collectiveContractTo',
  },
  {
    kind: 'wageAgreement',
    signed: 'wageAgreementSignedOn',
    from: 'wageAgreementFrom',
    to: 'wageAgreementTo',
  },
  {
    kind: 'womenContract',
    signed: 'womenContractSignedOn',
    from: 'womenContractFrom',
    to: 'womenContractTo',
  },
] as const satisfies readonly { kind: FactKind; signed: ImportField; from: ImportField; to: ImportField }[];

const FIVE_HAVES = [
  'readingRoom',
  'equipment',
  'contactWindow',
  'studySpace',
  'noticeBoard',
] as const satisfies readonly (ImportField & FiveHaveItem)[];

const EVALUATION_VOTES = ['evaluationSatisfied', 'evaluationBasic', 'evaluationUnsatisfied'] as const;

/** Union facts that need the union's founding date (or a joint union covering the enterprise). */
const UNION_FIELDS: ImportField[] = [
  'unionUscc',
  'members',
  'termYears',
  'lastElectionOn',
  'workersCongressOn',
  'membersCongressOn',
  ...CONTRACTS.flatMap((c) => [c.signed, c.from, c.to]),
  'affairsDisclosureOn',
  'employeeDirectors',
  'employeeSupervisors',
  'evaluationYear',
  ...EVALUATION_VOTES,
  ...FIVE_HAVES,
];

/**
 * Whether an invalid code looks like one Excel stored as a number: 9.13205E+17 (Excel's CSV),
 * 9.13205001234568E+017 (LibreOffice), or 18 digits with those after the 15th zeroed. Only
 * asked of codes that fail the check, since a valid USCC may itself read 913205060000258E00.
 */
function lostDigits(raw: string): boolean {
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  if (/^\d(?:\.\d+)?E\+?\d{1,3}$/i.test(text)) return true;
  return /^\d{15}0+(?:\.0+)?$/.test(text) && text.replace(/\.0+$/, '').length >= 16;
}

/** A code as typed (spaces, lower case, full width) checked; null when the cell is empty. */
function parseUscc(raw: string): Parsed<string> | null {
  const cell = normalizeText(raw);
  if (cell === '') return null;
  const code = normalizeUscc(cell.normalize('NFKC'));
  const problem = usccProblem(code);
  if (problem === null) return { value: code };
  return { error: lostDigits(cell) ? LOST_DIGITS : problem };
}

/** Checks one data row; `columns` comes from mapHeaders. Never throws. */
export function validateRow(
  row: number,
  cells: string[],
  columns: (ImportField | null)[],
  options: ValidateRowOptions,
): ValidatedRow {
  try {
    return check(row, cells, columns, options);
  } catch (err) {
    // Unreachable by design (a property test feeds random rows); a last guard so that one odd
    // row can never abort a whole import.
    return {
      errors: [
        {
          row,
          column: '',
          value: '',
          reason: `无法校验此行：${err instanceof Error ? err.message : String(err)}`,
        },
      ],
    };
  }
}

function check(
  row: number,
  cells: string[],
  columns: (ImportField | null)[],
  options: ValidateRowOptions,
): ValidatedRow {
  const errors: RowError[] = [];
  const raw = new Map<ImportField, string>();
  const unusable = new Set<ImportField>();
  const cellList: unknown[] = Array.isArray(cells) ? cells : [];
  const columnList: unknown[] = Array.isArray(columns) ? columns : [];
  const problemByCol = new Map<number, string>();
  for (const p of options.problems ?? []) if (!problemByCol.has(p.col)) problemByCol.set(p.col, p.reason);

  for (let i = 0; i < columnList.length; i++) {
    const field = columnList[i];
    if (typeof field !== 'string' || !(field in COLUMN_BY_FIELD) || raw.has(field as ImportField)) continue;
    const key = field as ImportField;
    const cell = cellList[i];
    const text =
      typeof cell === 'string'
        ? cell
        : typeof cell === 'number' || typeof cell === 'boolean'
          ? String(cell)
          : '';
    raw.set(key, text);
    const problem = problemByCol.get(i);
    if (problem !== undefined) {
      unusable.add(key);
      errors.push({ row, column: COLUMN_BY_FIELD[key].header, value: text, reason: problem });
    }
  }

  const header = (field: ImportField) => COLUMN_BY_FIELD[field].header;
  const rawOf = (field: ImportField) => raw.get(field) ?? '';
  const fail = (field: ImportField, reason: string, value = rawOf(field)) => {
    errors.push({ row, column: header(field), value, reason });
  };
  /** Parses a cell unless readRows already reported it; a failed parse records the error. */
  function parsed<T>(field: ImportField, parser: (input: string) => Parsed<T>): T | null {
    if (unusable.has(field)) return null;
    const result = parser(rawOf(field));
    if ('error' in result) {
      fail(field, result.error);
      unusable.add(field);
      return null;
    }
    return result.value;
  }
  const text = (field: ImportField): string | null => {
    if (unusable.has(field)) return null;
    const value = normalizeText(rawOf(field));
    const max = MAX_LENGTH[field];
    if (max !== undefined && value.length > max) {
      fail(field, `内容过长（${value.length} 个字），不能超过 ${max} 个字`);
      unusable.add(field);
      return null;
    }
    return value === '' ? null : value;
  };
  const today = /^\d{4}-\d{2}-\d{2}$/.test(String(options.today)) ? options.today : chinaToday();

  // --- The enterprise ---------------------------------------------------------------------
  let uscc: string | null = null;
  if (!unusable.has('uscc')) {
    const result = parseUscc(rawOf('uscc'));
    if (result === null) fail('uscc', '统一社会信用代码不能为空');
    else if ('error' in result) fail('uscc', result.error);
    else uscc = result.value;
  }
  const name = text('name');
  if (name === null && !unusable.has('name')) fail('name', '企业名称不能为空');
  const township = text('township');
  if (township === null && !unusable.has('township')) fail('township', '所属乡镇(街道)不能为空');
  const address = text('address');
  const industry = text('industry');
  const note = text('note');
  const jointUnion = text('jointUnion');
  const ownership = parsed('ownership', parseOwnership);
  const employees = parsed('employees', parseCount);
  if (employees !== null && employees > MAX_EMPLOYEES) {
    fail('employees', `职工人数 ${employees} 过大，请核实`);
    unusable.add('employees');
  }
  const aboveDesignatedSize = parsed('aboveDesignatedSize', parseBool);
  const global500 = parsed('global500', parseBool);
  const statusCell = normalizeText(rawOf('status'));
  let status = parsed('status', parseStatus);

  const dates = new Map<ImportField, string>();
  for (const column of IMPORT_COLUMNS) {
    if (column.kind !== 'date') continue;
    const value = parsed(column.key, parseDate);
    if (value !== null) dates.set(column.key, value);
  }
  for (const field of EVENT_DATES) {
    const value = dates.get(field);
    if (value !== undefined && value > today) {
      fail(field, `日期 ${value} 晚于今天（${today}），请核实`);
      dates.delete(field);
      unusable.add(field);
    }
  }

  const registeredOn = dates.get('registeredOn') ?? null;
  const closedOn = dates.get('closedOn') ?? null;
  if (registeredOn && closedOn && closedOn < registeredOn) {
    fail('closedOn', `注销日期 ${closedOn} 早于成立日期 ${registeredOn}`);
  }
  if (closedOn && status !== null) {
    if (statusCell === '') status = 'closed';
    else if (status === 'operating')
      fail('status', `经营状态为“${statusCell}”，但填写了注销日期 ${closedOn}，请核实`);
  }

  // --- The union --------------------------------------------------------------------------
  const unionFoundedOn = dates.get('unionFoundedOn') ?? null;
  let unionUscc: string | null = null;
  if (!unusable.has('unionUscc')) {
    const result = parseUscc(rawOf('unionUscc'));
    if (result === null) {
      // Not given.
    } else if ('error' in result) {
      fail('unionUscc', result.error === LOST_DIGITS ? LOST_DIGITS : `工会${result.error}`);
    } else if (!result.value.startsWith('81')) {
      fail('unionUscc', '工会的统一社会信用代码应以 81 开头（工会法人），请核实是否填成了企业的代码');
    } else if (result.value === uscc) fail('unionUscc', '工会的统一社会信用代码与企业的相同，请核实');
    else unionUscc = result.value;
  }

  const members = parsed('members', parseCount);
  if (members !== null && employees !== null && members > employees && note === null) {
    fail('members', `会员人数 ${members} 超过职工人数 ${employees}，请核实或在备注中说明`);
  }

  const termYears = parsed('termYears', parseCount);
  if (termYears !== null && termYears !== 3 && termYears !== 5) {
    fail('termYears', `任期年限应为 3 年或 5 年，填写的是 ${termYears}`);
  }

  for (const c of CONTRACTS) {
    const from = dates.get(c.from);
    const to = dates.get(c.to);
    const label = header(c.signed).replace(/签订日期$/, '');
    if (from && to && to < from) fail(c.to, `${label}的到期日期 ${to} 早于生效日期 ${from}`);
    if (to && !from && !unusable.has(c.from)) fail(c.from, `填写了${label}的到期日期，也要填写生效日期`, '');
  }

  const votes = EVALUATION_VOTES.map((field) => parsed(field, parseCount));
  const evaluationYear = parsed('evaluationYear', parseCount);
  const anyVotes = votes.some((v) => v !== null);
  const todayYear = Number(today.slice(0, 4));
  if (evaluationYear !== null && (evaluationYear < MIN_YEAR || evaluationYear > todayYear)) {
    fail('evaluationYear', `会员评家年度应为 ${MIN_YEAR} 到 ${todayYear} 之间的年份，例如 ${todayYear}`);
  } else if (evaluationYear !== null && !anyVotes && EVALUATION_VOTES.every((f) => !unusable.has(f))) {
    fail('evaluationYear', '填写了会员评家年度，但没有填写满意、基本满意、不满意票数');
  }
  if (anyVotes && votes.every((v) => v === null || v === 0)) {
    fail('evaluationSatisfied', '会员评家的满意、基本满意、不满意票数合计为 0，请核实');
  }
  if (anyVotes && evaluationYear === null && !unusable.has('evaluationYear')) {
    fail('evaluationYear', '填写了会员评家票数，但没有填写评家年度', rawOf('evaluationYear'));
  }

  const haves: { item: FiveHaveItem; date: string | null }[] = [];
  for (const item of FIVE_HAVES) {
    if (unusable.has(item)) continue;
    const cell = rawOf(item);
    const asBool = parseBool(cell);
    if ('value' in asBool) {
      if (asBool.value === true) haves.push({ item, date: null });
      continue;
    }
    const asDate = parseDate(cell);
    if ('error' in asDate) {
      fail(item, `“${normalizeText(cell)}”无法识别，请填写“是”“否”或建立日期（例如 2015-06-01）`);
      unusable.add(item);
    } else if (asDate.value !== null) {
      if (asDate.value > today) {
        fail(item, `日期 ${asDate.value} 晚于今天（${today}），请核实`);
        unusable.add(item);
      } else haves.push({ item, date: asDate.value });
    }
  }

  // Union facts only make sense for an enterprise with a union, or covered by a joint union.
  if (unionFoundedOn === null && jointUnion === null && !unusable.has('unionFoundedOn')) {
    const given = UNION_FIELDS.find((field) => unionFactGiven(field, rawOf(field)));
    if (given !== undefined) {
      fail('unionFoundedOn', `填写了工会信息（${header(given)}）但缺少建会日期`, '');
    }
  }

  if (errors.length > 0 || uscc === null || name === null || township === null || status === null) {
    return { errors };
  }

  // --- Facts ------------------------------------------------------------------------------
  const facts: FactInput[] = [];
  const fact = (kind: FactKind, f: Partial<Omit<FactInput, 'kind'>>) =>
    facts.push({ kind, eventDate: null, validFrom: null, validTo: null, value: null, data: null, ...f });

  // The head count holds since registration for a new enterprise (an existing one's change is
  // dated at the import: see the merge).
  if (employees !== null) fact('headcount', { value: employees });
  // Members are as of today (a membership fact), not as of the founding.
  if (unionFoundedOn) fact('unionFounded', { eventDate: unionFoundedOn });
  if (members !== null) fact('membership', { eventDate: today, value: members });
  const lastElectionOn = dates.get('lastElectionOn') ?? null;
  if (lastElectionOn !== null || termYears !== null) {
    fact('termElection', { eventDate: lastElectionOn ?? unionFoundedOn, value: termYears });
  }
  const workersCongressOn = dates.get('workersCongressOn');
  if (workersCongressOn) fact('workersCongress', { eventDate: workersCongressOn });
  const membersCongressOn = dates.get('membersCongressOn');
  if (membersCongressOn) fact('membersCongress', { eventDate: membersCongressOn });
  for (const c of CONTRACTS) {
    const signed = dates.get(c.signed) ?? null;
    const from = dates.get(c.from) ?? null;
    const to = dates.get(c.to) ?? null;
    if (signed || from || to) fact(c.kind, { eventDate: signed ?? from, validFrom: from, validTo: to });
  }
  const affairsDisclosureOn = dates.get('affairsDisclosureOn');
  if (affairsDisclosureOn) fact('affairsDisclosure', { eventDate: affairsDisclosureOn });
  const directors = parsed('employeeDirectors', parseCount);
  if (directors) fact('employeeDirector', { value: directors });
  const supervisors = parsed('employeeSupervisors', parseCount);
  if (supervisors) fact('employeeSupervisor', { value: supervisors });
  if (evaluationYear !== null && anyVotes) {
    const [satisfied, basic, unsatisfied] = votes.map((v) => v ?? 0);
    fact('memberEvaluation', {
      value: evaluationYear,
      data: { satisfied: satisfied!, basic: basic!, unsatisfied: unsatisfied! },
    });
  }
  for (const have of haves) fact('fiveHave', { eventDate: have.date, data: { item: have.item } });

  return {
    record: {
      uscc,
      name,
      nameKey: nameKey(name),
      township,
      address,
      ownership,
      industry,
      employees,
      aboveDesignatedSize,
      global500,
      status,
      registeredOn,
      closedOn,
      note,
      jointUnion,
      unionUscc,
      facts,
    },
  };
}

/** A cell says something about a union: not empty, and not a plain "no" (否, 0). */
function unionFactGiven(field: ImportField, cell: string): boolean {
  const text = normalizeText(cell);
  if (text === '') return false;
  const kind = COLUMN_BY_FIELD[field].kind;
  if (kind === 'haveOrDate' || kind === 'bool') {
    const b = parseBool(text);
    return !('value' in b) || b.value === true;
  }
  if (kind === 'count') {
    const n = parseCount(text);
    return !('value' in n) || (n.value !== null && n.value > 0);
  }
  return true;
}
