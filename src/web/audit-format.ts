// How audit rows read to people: Chinese field names and values.
import dayjs from 'dayjs';
import {
  DEPARTMENT_LABELS,
  ORG_KIND_LABELS,
  ROLE_LABELS,
  type Department,
  type OrgKind,
  type Role,
} from '../orgs/contract';

/** Field names in the order people read them; bookkeeping fields last. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  displayName: '姓名',
  username: '用户名',
  shortName: '简称',
  kind: '组织类型',
  role: '角色',
  department: '部门',
  parentId: '上级组织编号',
  orgId: '所属组织编号',
  divisionCode: '行政区划代码',
  uscc: '统一社会信用代码',
  address: '地址',
  contactPhone: '联系电话',
  phone: '电话',
  sortOrder: '排序号',
  active: '在用',
  lastLoginAt: '最近登录',
  version: '版本',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  id: '编号',
  seq: '序号',
  path: '树路径',
  depth: '层级',
};
const FIELD_ORDER = Object.keys(AUDIT_FIELD_LABELS);
const rank = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
};

/** The name of what an audit entry is about, read from its stored row. */
export function auditSubject(row: unknown): string {
  if (row && typeof row === 'object') {
    const r = row as Record<string, unknown>;
    if (typeof r.name === 'string') return r.name;
    if (typeof r.displayName === 'string') {
      return typeof r.username === 'string' ? `${r.displayName}（${r.username}）` : r.displayName;
    }
  }
  return '';
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One stored value as text: labels for codes, dates in local time, — for empty. */
export function auditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') {
    if (field === 'kind' && value in ORG_KIND_LABELS) return ORG_KIND_LABELS[value as OrgKind];
    if (field === 'role' && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
    if (field === 'department' && value in DEPARTMENT_LABELS) return DEPARTMENT_LABELS[value as Department];
    if (ISO_INSTANT.test(value)) return dayjs(value).format('YYYY-MM-DD HH:mm:ss');
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export interface AuditDiffRow {
  field: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Before and after side by side, field by field, changed ones marked. */
export function auditDiff(before: unknown, after: unknown): AuditDiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort((x, y) => rank(x) - rank(y));
  return fields.map((field) => ({
    field,
    label: AUDIT_FIELD_LABELS[field] ?? field,
    before: field in b ? auditValue(field, b[field]) : '—',
    after: field in a ? auditValue(field, a[field]) : '—',
    changed: before != null && after != null && JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}
