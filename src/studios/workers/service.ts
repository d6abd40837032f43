// The model workers register (劳模名册): the list with its search and filters, one record with
// its history, new records and changes (a status change is a change, with its trail in the audit;
// nothing is ever deleted, so a studio's leader never vanishes), the studios' picker across the
// whole register, and the link to the honours register. Contact details are presented only to
// holders of studio:contacts (see contract.ts).
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { can, inScope, requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db, type Db } from '../../platform/db/client';
import { updateVersioned } from '../../platform/db/versioned';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors';
import { partOfName } from '../../platform/search';
import { auditLog } from '../../platform/tables';
import { loadOrg, orgNamesByPath, orgRefs, orgsOnPaths } from '../../orgs/service';
import { enterpriseRefs } from '../../enterprises/service';
import {
  conferredModelWorkerHonours,
  type ModelWorkerHonour,
} from '../../competitions/honours/honours-service';
import {
  LOOKUP_LIMIT,
  MODEL_WORKER_LEVEL_LABELS,
  MODEL_WORKER_STATUS_LABELS,
  type FromHonoursResult,
  type Gender,
  type HonourCandidates,
  type ModelWorkerCreateBody,
  type ModelWorkerDetail,
  type ModelWorkerEditBody,
  type ModelWorkerFields,
  type ModelWorkerHistoryItem,
  type ModelWorkerLevel,
  type ModelWorkerPage,
  type ModelWorkerQuery,
  type ModelWorkerRef,
  type ModelWorkerStatus,
  type ModelWorkerView,
} from './contract';
import { modelWorkers } from './tables';
import { insertModelWorkers, type NewModelWorker } from './workers-service';

export type ModelWorkerRow = typeof modelWorkers.$inferSelect;
type ParsedQuery = z.output<typeof ModelWorkerQuery>;
type ParsedFields = z.output<typeof ModelWorkerFields>;

const stepsOf = (path: string) => path.split('/').filter(Boolean);

/** The path of the district a record kept at `path` counts under (null at the city itself). */
const districtPathOf = (path: string) => {
  const steps = stepsOf(path);
  return steps.length >= 2 ? `/${steps[0]}/${steps[1]}/` : null;
};

/** Whether the actor reads and writes model workers' phones and addresses. */
export const seesContacts = (actor: Actor) => can(actor, 'studio:contacts');

const CONTACTS_REFUSED = '只有生产部和劳模协会可以填写或修改劳模的联系方式';

/** "市劳动模范" of an honour's level. */
const honourTitle = (level: string) => MODEL_WORKER_LEVEL_LABELS[level as ModelWorkerLevel] ?? '劳动模范';

/** Presents records with the names of their units, enterprises and honours; contacts per reader. */
export async function presentModelWorkers(
  tx: Db,
  actor: Actor,
  rows: ModelWorkerRow[],
): Promise<ModelWorkerView[]> {
  const firms = await enterpriseRefs(
    tx,
    rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  const honours = new Map(
    (
      await conferredModelWorkerHonours(tx, { ids: rows.flatMap((r) => (r.honourId ? [r.honourId] : [])) })
    ).map((h) => [h.id, h]),
  );
  const units = await orgRefs(
    tx,
    rows.map((r) => r.orgId),
  );
  const districts = await orgNamesByPath(
    tx,
    rows.flatMap((r) => districtPathOf(r.orgPath) ?? []),
  );
  const contacts = seesContacts(actor);
  return rows.map((r) => {
    const district = districtPathOf(r.orgPath);
    const honour = r.honourId ? honours.get(r.honourId) : undefined;
    const firm = r.enterpriseId ? firms.get(r.enterpriseId) : undefined;
    return {
      id: r.id,
      name: r.name,
      gender: r.gender as Gender | null,
      birthYear: r.birthYear,
      level: r.level as ModelWorkerLevel,
      year: r.year,
      unitName: r.unitName,
      enterprise: r.enterpriseId ? { id: r.enterpriseId, name: firm?.name ?? r.unitName } : null,
      position: r.position,
      field: r.field,
      status: r.status as ModelWorkerStatus,
      phone: contacts ? r.phone : null,
      address: contacts ? r.address : null,
      contactsHidden: !contacts,
      honour:
        r.honourId && honour
          ? {
              id: r.honourId,
              title: `${honour.year}年${honourTitle(honour.level)}`,
              awardingBody: honour.awardingBody,
            }
          : null,
      note: r.note,
      org: { id: r.orgId, name: units.get(r.orgId)?.name ?? '' },
      district: district ? (districts.get(district) ?? '') : '市本级',
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** The conditions of the register's filters, within the actor's scope. */
export async function filterOf(
  tx: Db,
  actor: Actor,
  query: Omit<ParsedQuery, 'page' | 'pageSize'>,
): Promise<SQL> {
  const t = modelWorkers;
  const where: (SQL | undefined)[] = [scopeFilter(actor, t.orgPath)];
  if (query.orgId) {
    const org = await loadOrg(tx, actor, query.orgId, '单位');
    where.push(sql`${t.orgPath} like ${org.path + '%'}`);
  }
  if (query.level) where.push(eq(t.level, query.level));
  if (query.yearFrom !== undefined) where.push(gte(t.year, query.yearFrom));
  if (query.yearTo !== undefined) where.push(lte(t.year, query.yearTo));
  if (query.status) where.push(eq(t.status, query.status));
  if (query.field) where.push(eq(t.field, query.field));
  if (query.hasHonour) where.push(query.hasHonour === 'true' ? isNotNull(t.honourId) : isNull(t.honourId));
  if (query.q) where.push(partOfName(t.namePairs, sql`${t.name} || ' ' || ${t.unitName}`, query.q));
  return and(...where)!;
}

/** The register: model workers kept in the actor's subtree, the latest year first. */
export async function listModelWorkers(actor: Actor, query: ParsedQuery): Promise<ModelWorkerPage> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const condition = await filterOf(tx, actor, query);
    const [total] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(modelWorkers)
      .where(condition);
    const rows = await tx
      .select()
      .from(modelWorkers)
      .where(condition)
      .orderBy(desc(modelWorkers.year), asc(modelWorkers.name), asc(modelWorkers.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await presentModelWorkers(tx, actor, rows), total: Number(total?.n ?? 0) };
  });
}

/** Loads a record of the actor's scope (404 outside it). */
async function loadModelWorker(tx: Db, actor: Actor, id: string): Promise<ModelWorkerRow> {
  const [row] = await tx.select().from(modelWorkers).where(eq(modelWorkers.id, id));
  if (!row || !inScope(actor, row.orgPath)) throw notFound('劳模');
  return row;
}

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  birthYear: '出生年份',
  level: '级别',
  year: '授予年度',
  unitName: '工作单位',
  enterpriseId: '所在企业',
  position: '职务职称',
  field: '专业领域',
  status: '状态',
  phone: '联系电话',
  address: '通讯地址',
  honourId: '荣誉库关联',
  note: '备注',
  orgPath: '保管单位',
};

const ACTION_LABELS: Record<string, string> = {
  'modelWorker.create': '登记',
  'modelWorker.update': '修改',
  'modelWorker.fromHonour': '从荣誉库添加',
};

/** What a change changed, by the fields' names; a status change with its values. */
function changeText(before: unknown, after: unknown): string {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return '';
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const changed = Object.keys(FIELD_LABELS).filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return changed
    .map((k) =>
      k === 'status'
        ? `状态：${MODEL_WORKER_STATUS_LABELS[b[k] as ModelWorkerStatus] ?? ''} → ${MODEL_WORKER_STATUS_LABELS[a[k] as ModelWorkerStatus] ?? ''}`
        : FIELD_LABELS[k]!,
    )
    .join('、');
}

/** The record's history from the audit trail: who did what, never a contact's value. */
async function historyOf(tx: Db, row: ModelWorkerRow): Promise<ModelWorkerHistoryItem[]> {
  const entries = await tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'modelWorker'), eq(auditLog.entityId, row.id)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const items = entries.map((e) => ({
    at: e.at.toISOString(),
    actorName: e.actorName,
    action: ACTION_LABELS[e.action] ?? e.action,
    text: e.action === 'modelWorker.update' ? changeText(e.before, e.after) : '',
  }));
  // A record imported from a list has its import audited once for the whole file.
  if (!entries.some((e) => e.action !== 'modelWorker.update'))
    items.unshift({ at: row.createdAt.toISOString(), actorName: '', action: '导入', text: '' });
  return items;
}

async function detailOf(tx: Db, actor: Actor, row: ModelWorkerRow): Promise<ModelWorkerDetail> {
  const canEdit = can(actor, 'studio:manage') && inScope(actor, row.orgPath);
  return {
    ...(await presentModelWorkers(tx, actor, [row]))[0]!,
    history: await historyOf(tx, row),
    canEdit,
    canEditContacts: canEdit && seesContacts(actor),
  };
}

/** A model worker of the actor's scope, with its history. */
export async function getModelWorker(actor: Actor, id: string): Promise<ModelWorkerDetail> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => detailOf(tx, actor, await loadModelWorker(tx, actor, id)));
}

/**
 * Checks the link to the honours register: a conferred 劳动模范 honour of the actor's scope at the
 * record's level and year, not linked to another record.
 */
async function checkHonour(
  tx: Db,
  actor: Actor,
  input: Pick<ParsedFields, 'honourId' | 'level' | 'year'>,
  exceptId: string | null,
): Promise<void> {
  if (!input.honourId) return;
  const [honour] = await conferredModelWorkerHonours(tx, { ids: [input.honourId] });
  if (!honour || !inScope(actor, honour.orgPath))
    throw invalidField('honourId', '荣誉库中没有这项已授予的劳动模范荣誉，或不在您的管理范围内');
  if (honour.level !== input.level)
    throw invalidField('level', `与荣誉库不一致：荣誉库中为${honourTitle(honour.level)}`);
  if (honour.year !== input.year)
    throw invalidField('year', `与荣誉库不一致：荣誉库中的授予年度为 ${honour.year} 年`);
  const [other] = await tx
    .select({ id: modelWorkers.id, name: modelWorkers.name })
    .from(modelWorkers)
    .where(
      and(eq(modelWorkers.honourId, input.honourId), exceptId ? ne(modelWorkers.id, exceptId) : undefined),
    )
    .limit(1);
  if (other)
    throw conflict(`这项荣誉已关联到劳模名册中的“${other.name}”`, [
      { field: 'honourId', message: `已关联到“${other.name}”` },
    ]);
}

/** The enterprise of the registry named as the unit, which must lie in the actor's scope. */
async function checkEnterprise(tx: Db, actor: Actor, enterpriseId: string | null | undefined) {
  if (!enterpriseId) return;
  const firm = (await enterpriseRefs(tx, [enterpriseId])).get(enterpriseId);
  if (!firm || !inScope(actor, firm.orgPath)) throw notFound('企业');
}

/** The columns a body writes, contacts only for those who may write them. */
function columnsOf(actor: Actor, input: ParsedFields) {
  if (!seesContacts(actor) && (input.phone || input.address)) throw forbidden(CONTACTS_REFUSED);
  return {
    name: input.name,
    gender: input.gender ?? null,
    birthYear: input.birthYear ?? null,
    level: input.level,
    year: input.year,
    unitName: input.unitName,
    enterpriseId: input.enterpriseId ?? null,
    position: input.position,
    field: input.field,
    status: input.status,
    honourId: input.honourId ?? null,
    note: input.note,
    ...(seesContacts(actor) ? { phone: input.phone, address: input.address } : {}),
  };
}

/** Enters a model worker into the register, kept by the actor's unit or one of its subtree. */
export async function createModelWorker(
  actor: Actor,
  input: z.output<typeof ModelWorkerCreateBody>,
): Promise<ModelWorkerDetail> {
  requireAccess(actor, 'studio:manage');
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor, input.orgId ?? actor.orgId, '保管单位');
    const values = columnsOf(actor, input);
    await checkEnterprise(tx, actor, input.enterpriseId);
    await checkHonour(tx, actor, input, null);
    const [id] = await insertModelWorkers(tx, [
      { ...values, orgId: org.id, orgPath: org.path, createdBy: actor.id },
    ]);
    const row = await loadModelWorker(tx, actor, id!);
    await audit(tx, actor, {
      action: 'modelWorker.create',
      entity: 'modelWorker',
      entityId: row.id,
      orgPath: row.orgPath,
      after: row,
    });
    return detailOf(tx, actor, row);
  });
}

/** Changes a record at the version the user saw (a status change too); 409 when stale. */
export async function editModelWorker(
  actor: Actor,
  id: string,
  input: z.output<typeof ModelWorkerEditBody>,
): Promise<ModelWorkerDetail> {
  requireAccess(actor, 'studio:manage');
  return db.transaction(async (tx) => {
    const before = await loadModelWorker(tx, actor, id);
    const values = columnsOf(actor, input);
    if (input.enterpriseId && input.enterpriseId !== before.enterpriseId)
      await checkEnterprise(tx, actor, input.enterpriseId);
    if (
      input.honourId &&
      (input.honourId !== before.honourId || input.level !== before.level || input.year !== before.year)
    )
      await checkHonour(tx, actor, input, before.id);
    const after = await updateVersioned(tx, modelWorkers, id, input.version, values);
    await audit(tx, actor, {
      action: 'modelWorker.update',
      entity: 'modelWorker',
      entityId: id,
      orgPath: after.orgPath,
      before,
      after,
    });
    return detailOf(tx, actor, after);
  });
}

/**
 * The studios' picker: model workers of the whole register (not deceased) by part of their name
 * or unit, at most twenty; names, level, year and unit only.
 */
export async function lookupModelWorkers(actor: Actor, q: string | undefined): Promise<ModelWorkerRef[]> {
  requireAccess(actor, ['studio:apply', 'studio:manage']);
  return db.readTransaction(async (tx) => {
    const t = modelWorkers;
    const rows = await tx
      .select({ id: t.id, name: t.name, level: t.level, year: t.year, unitName: t.unitName })
      .from(t)
      .where(
        and(
          ne(t.status, 'deceased'),
          q ? partOfName(t.namePairs, sql`${t.name} || ' ' || ${t.unitName}`, q) : undefined,
        ),
      )
      .orderBy(desc(t.year), asc(t.name), asc(t.id))
      .limit(LOOKUP_LIMIT);
    return rows.map((r) => ({ ...r, level: r.level as ModelWorkerLevel }));
  });
}

/** Conferred 劳动模范 honours of the actor's scope for the form's "从荣誉库选择". */
export async function honourCandidates(actor: Actor, q: string | undefined): Promise<HonourCandidates> {
  requireAccess(actor, 'studio:manage');
  return db.readTransaction(async (tx) => {
    const found = await conferredModelWorkerHonours(tx, { scopePath: actor.scopePath, q, limit: 20 });
    const linked = await linksOf(tx, found);
    const firms = await enterpriseRefs(
      tx,
      found.flatMap((h) => (h.enterpriseId ? [h.enterpriseId] : [])),
    );
    return {
      items: found.map((h) => ({
        id: h.id,
        name: h.recipientName,
        gender: h.gender as Gender | null,
        level: h.level as ModelWorkerLevel,
        year: h.year,
        unitName: h.unitName,
        enterprise: h.enterpriseId
          ? { id: h.enterpriseId, name: firms.get(h.enterpriseId)?.name ?? h.unitName ?? '' }
          : null,
        position: h.jobTitle,
        awardingBody: h.awardingBody,
        linkedTo: linked.get(h.id) ?? null,
      })),
    };
  });
}

/** The names of the records linked to the honours, by honour. */
async function linksOf(tx: Db, honours: ModelWorkerHonour[]): Promise<Map<string, string>> {
  if (!honours.length) return new Map();
  const rows = await tx
    .select({ honourId: modelWorkers.honourId, name: modelWorkers.name })
    .from(modelWorkers)
    .where(
      inArray(
        modelWorkers.honourId,
        honours.map((h) => h.id),
      ),
    );
  return new Map(rows.map((r) => [r.honourId!, r.name]));
}

/**
 * Adds to the register every conferred 劳动模范 honour of the actor's scope not linked yet, each
 * kept by the unit the honour belongs to; returns how many were added.
 */
export async function addFromHonours(actor: Actor): Promise<FromHonoursResult> {
  requireAccess(actor, 'studio:manage');
  return db.transaction(async (tx) => {
    const all = await conferredModelWorkerHonours(tx, { scopePath: actor.scopePath });
    const linked = await linksOf(tx, all);
    const fresh = all.filter((h) => !linked.has(h.id));
    if (!fresh.length) return { added: 0 };
    const onPaths = await orgsOnPaths(
      tx,
      fresh.map((h) => h.orgPath),
    );
    const orgByPath = new Map([...onPaths.values()].map((o) => [o.path, o]));
    const firms = await enterpriseRefs(
      tx,
      fresh.flatMap((h) => (h.enterpriseId ? [h.enterpriseId] : [])),
    );
    const rows: NewModelWorker[] = [];
    for (const h of fresh) {
      // An honour kept at a unit no longer in the tree is kept by the actor's own unit.
      const org = orgByPath.get(h.orgPath) ?? { id: actor.orgId, path: actor.scopePath, name: '' };
      const firm = h.enterpriseId ? firms.get(h.enterpriseId) : undefined;
      rows.push({
        name: h.recipientName,
        gender: h.gender,
        level: h.level,
        year: h.year,
        honourId: h.id,
        unitName: h.unitName ?? firm?.name ?? org.name,
        enterpriseId: h.enterpriseId,
        position: h.jobTitle,
        status: 'active',
        orgId: org.id,
        orgPath: org.path,
        createdBy: actor.id,
      });
    }
    const ids = await insertModelWorkers(tx, rows);
    const inserted = await tx.select().from(modelWorkers).where(inArray(modelWorkers.id, ids));
    for (const row of inserted)
      await audit(tx, actor, {
        action: 'modelWorker.fromHonour',
        entity: 'modelWorker',
        entityId: row.id,
        orgPath: row.orgPath,
        after: row,
      });
    return { added: ids.length };
  });
}
