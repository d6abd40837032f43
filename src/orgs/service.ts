import { and, asc, count, eq, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { inScope, requireAccess, scopeFilter, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { conflict, invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { orgInUse, rewritePaths } from '../platform/org-paths';
import {
  ALLOWED_PARENT_KINDS,
  GRASSROOTS_KINDS,
  ORG_KIND_LABELS,
  OrgCreateBody,
  OrgListQuery,
  OrgPatchBody,
  type OrgDetail,
  type OrgKind,
  type OrgMoveBody,
  type OrgView,
} from './contract';
import { orgs, users } from './tables';
import { likeText } from '../platform/search';

export type OrgRow = typeof orgs.$inferSelect;
type CreateInput = ReturnType<typeof OrgCreateBody.parse>;
type PatchInput = ReturnType<typeof OrgPatchBody.parse>;

/** Escapes LIKE wildcards in user text (platform/search.ts). */
export { likeText };

/** Sequence numbers along a path: '/1/12/305/' → [1, 12, 305]. */
function pathSeqs(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Ancestors of each row that lie inside the actor's scope, top first, in one query. */
async function ancestorsOf(
  tx: Db,
  actor: Actor,
  rows: OrgRow[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const scopeDepth = pathSeqs(actor.scopePath).length;
  const wanted = new Set<number>();
  for (const row of rows) {
    const seqs = pathSeqs(row.path);
    for (const seq of seqs.slice(Math.max(0, scopeDepth - 1), -1)) wanted.add(seq);
  }
  const found = wanted.size
    ? await tx
        .select({ seq: orgs.seq, id: orgs.id, name: orgs.name, path: orgs.path })
        .from(orgs)
        .where(inArray(orgs.seq, [...wanted]))
    : [];
  const bySeq = new Map(
    found.filter((o) => inScope(actor, o.path)).map((o) => [o.seq, { id: o.id, name: o.name }]),
  );
  const result = new Map<string, { id: string; name: string }[]>();
  for (const row of rows) {
    const chain = pathSeqs(row.path)
      .slice(0, -1)
      .map((s) => bySeq.get(s))
      .filter((x): x is { id: string; name: string } => x !== undefined);
    result.set(row.id, chain);
  }
  return result;
}

function present(row: OrgRow, childCount: number, ancestors: { id: string; name: string }[]): OrgView {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as OrgKind,
    divisionCode: row.divisionCode,
    uscc: row.uscc,
    address: row.address,
    contactPhone: row.contactPhone,
    sortOrder: row.sortOrder,
    active: row.active,
    depth: row.depth,
    childCount,
    ancestors,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// Written out: inside the subquery Drizzle would render the outer id unqualified.
const childCountSql = sql<number>`(select count(*)::int from orgs c where c.parent_id = orgs.id and c.active)`;

/** Loads an organisation the actor may see, or 404. */
export async function loadOrg(tx: Db, actor: Actor, id: string, what = '组织'): Promise<OrgRow> {
  const [row] = await tx.select().from(orgs).where(eq(orgs.id, id));
  if (!row || !inScope(actor, row.path)) throw notFound(what);
  return row;
}

/** Lists organisations in the actor's subtree: children of a node, or a search by name. */
export async function listOrgs(actor: Actor, query: ReturnType<typeof OrgListQuery.parse>) {
  requireAccess(actor, 'org:read');
  return db.transaction(async (tx) => {
    const where: SQL[] = [scopeFilter(actor, orgs.path)];
    if (query.parentId) {
      const parent = await loadOrg(tx, actor, query.parentId, '上级组织');
      where.push(eq(orgs.parentId, parent.id));
    }
    if (query.q)
      where.push(
        sql`(${orgs.name} ilike ${likeText(query.q)} or ${orgs.shortName} ilike ${likeText(query.q)})`,
      );
    if (query.kind) where.push(eq(orgs.kind, query.kind));
    if (query.active !== 'all') where.push(eq(orgs.active, query.active === 'true'));
    const condition = and(...where);
    const [totalRow] = await tx.select({ n: count() }).from(orgs).where(condition);
    const rows = await tx
      .select({ org: orgs, childCount: childCountSql })
      .from(orgs)
      .where(condition)
      .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const ancestors = await ancestorsOf(
      tx,
      actor,
      rows.map((r) => r.org),
    );
    return {
      items: rows.map((r) => present(r.org, r.childCount, ancestors.get(r.org.id) ?? [])),
      total: totalRow?.n ?? 0,
    };
  });
}

async function detailOf(tx: Db, actor: Actor, row: OrgRow): Promise<OrgDetail> {
  const [counts] = await tx
    .select({
      children: sql<number>`(select count(*)::int from ${orgs} c where c.parent_id = ${row.id})`,
      activeChildren: sql<number>`(select count(*)::int from ${orgs} c where c.parent_id = ${row.id} and c.active)`,
      users: sql<number>`(select count(*)::int from ${users} u where u.org_id = ${row.id} and u.active)`,
    })
    .from(sql`(select 1) as one`);
  const ancestors = await ancestorsOf(tx, actor, [row]);
  return {
    ...present(row, counts?.activeChildren ?? 0, ancestors.get(row.id) ?? []),
    activeChildCount: counts?.activeChildren ?? 0,
    userCount: counts?.users ?? 0,
  };
}

/** One organisation with its ancestry and counts. */
export async function getOrg(actor: Actor, id: string): Promise<OrgDetail> {
  return db.transaction(async (tx) => {
    requireAccess(actor, 'org:read');
    const row = await loadOrg(tx, actor, id);
    requireAccess(actor, 'org:read', row.path);
    return detailOf(tx, actor, row);
  });
}

function checkParentKind(kind: OrgKind, parentKind: OrgKind | null) {
  if (!ALLOWED_PARENT_KINDS[kind].includes(parentKind)) {
    const allowed = ALLOWED_PARENT_KINDS[kind]
      .map((k) => (k ? ORG_KIND_LABELS[k] : '（无上级，即根节点）'))
      .join('、');
    throw invalidField(
      'kind',
      `${ORG_KIND_LABELS[kind]}不能设在${parentKind ? ORG_KIND_LABELS[parentKind] : '根节点位置'}之下；其上级只能是：${allowed}`,
    );
  }
}

function checkUsccForKind(kind: OrgKind, uscc: string | null) {
  if (uscc && GRASSROOTS_KINDS.includes(kind) && !uscc.startsWith('81')) {
    throw invalidField(
      'uscc',
      '基层工会的统一社会信用代码应以 81 开头（登记管理部门代码 8 为工会，机构类别 1 为基层工会）',
    );
  }
}

async function checkUsccUnique(tx: Db, uscc: string | null, exceptId?: string) {
  if (!uscc) return;
  const where = exceptId ? and(eq(orgs.uscc, uscc), ne(orgs.id, exceptId)) : eq(orgs.uscc, uscc);
  const [other] = await tx.select({ id: orgs.id }).from(orgs).where(where);
  if (other) throw invalidField('uscc', '该统一社会信用代码已被另一个组织使用');
}

async function checkSiblingName(tx: Db, parentId: string | null, name: string, exceptId?: string) {
  const conditions = [
    parentId ? eq(orgs.parentId, parentId) : sql`${orgs.parentId} is null`,
    eq(orgs.name, name),
  ];
  if (exceptId) conditions.push(ne(orgs.id, exceptId));
  const [other] = await tx
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(...conditions));
  if (other) throw invalidField('name', `同一上级下已有名为“${name}”的组织`);
}

async function nextSeq(tx: Db): Promise<number> {
  const [row] = await tx.execute<{ seq: number }>(
    sql`select nextval(pg_get_serial_sequence('orgs', 'seq'))::int as seq`,
  );
  if (!row) throw new Error('no sequence value');
  return row.seq;
}

/** Creates an organisation under a parent in the actor's scope (the root only when none exists). */
export async function createOrg(actor: Actor, input: CreateInput): Promise<OrgDetail> {
  return db.transaction(async (tx) => {
    requireAccess(actor, 'org:write');
    let parent: OrgRow | null = null;
    if (input.parentId) {
      parent = await loadOrg(tx, actor, input.parentId, '上级组织');
      requireAccess(actor, 'org:write', parent.path);
      if (!parent.active) throw invalidField('parentId', '上级组织已停用，不能在其下新建组织');
    } else {
      requireAccess(actor, 'org:write');
      const [root] = await tx
        .select({ id: orgs.id })
        .from(orgs)
        .where(sql`${orgs.parentId} is null`);
      if (root) throw invalidField('parentId', '请选择上级组织（根节点市总工会已存在）');
      requireAccess(actor, 'org:write', '/');
    }
    checkParentKind(input.kind, (parent?.kind as OrgKind | undefined) ?? null);
    checkUsccForKind(input.kind, input.uscc);
    await checkUsccUnique(tx, input.uscc);
    await checkSiblingName(tx, parent?.id ?? null, input.name);
    const seq = await nextSeq(tx);
    const [row] = await tx
      .insert(orgs)
      .values({
        id: newId(),
        seq,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${seq}/`,
        depth: (parent?.depth ?? -1) + 1,
        name: input.name,
        shortName: input.shortName,
        kind: input.kind,
        divisionCode: input.divisionCode,
        uscc: input.uscc,
        address: input.address,
        contactPhone: input.contactPhone,
        sortOrder: input.sortOrder,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await audit(tx, actor, {
      action: 'org.create',
      entity: 'org',
      entityId: row.id,
      orgPath: row.path,
      after: row,
    });
    return detailOf(tx, actor, row);
  });
}

/** Changes an organisation's fields; `active: true` reactivates it. */
export async function updateOrg(actor: Actor, id: string, input: PatchInput): Promise<OrgDetail> {
  return db.transaction(async (tx) => {
    requireAccess(actor, 'org:write');
    const row = await loadOrg(tx, actor, id);
    requireAccess(actor, 'org:write', row.path);
    const kind = (input.kind ?? row.kind) as OrgKind;
    let parentKind: OrgKind | null = null;
    let parent: OrgRow | undefined;
    if (row.parentId) {
      [parent] = await tx.select().from(orgs).where(eq(orgs.id, row.parentId));
      parentKind = (parent?.kind as OrgKind | undefined) ?? null;
    }
    if (input.kind && input.kind !== row.kind) {
      checkParentKind(kind, parentKind);
      const childKinds = await tx
        .selectDistinct({ kind: orgs.kind })
        .from(orgs)
        .where(eq(orgs.parentId, row.id));
      for (const child of childKinds) {
        if (!ALLOWED_PARENT_KINDS[child.kind as OrgKind].includes(kind)) {
          throw invalidField(
            'kind',
            `其下级有${ORG_KIND_LABELS[child.kind as OrgKind]}，不能改为${ORG_KIND_LABELS[kind]}`,
          );
        }
      }
    }
    const uscc = input.uscc === undefined ? row.uscc : input.uscc;
    checkUsccForKind(kind, uscc);
    if (input.uscc !== undefined) await checkUsccUnique(tx, input.uscc, row.id);
    if (input.name !== undefined && input.name !== row.name)
      await checkSiblingName(tx, row.parentId, input.name, row.id);
    if (input.active === true && !row.active && parent && !parent.active) {
      throw invalidField('active', '上级组织已停用，请先启用上级组织');
    }
    if (input.active === false && row.active) await checkCanDeactivate(tx, actor, row);
    const { version, ...changes } = input;
    const updated = await updateVersioned(tx, orgs, row.id, version, changes);
    await audit(tx, actor, {
      action: 'org.update',
      entity: 'org',
      entityId: row.id,
      orgPath: row.path,
      before: row,
      after: updated,
    });
    return detailOf(tx, actor, updated);
  });
}

async function checkCanDeactivate(tx: Db, actor: Actor, row: OrgRow) {
  if (row.path === actor.scopePath) throw conflict('不能停用您本人所属的组织');
  const [children] = await tx
    .select({ n: count() })
    .from(orgs)
    .where(and(eq(orgs.parentId, row.id), eq(orgs.active, true)));
  if ((children?.n ?? 0) > 0)
    throw conflict(`该组织下还有 ${children?.n} 个在用的下级组织，请先停用或移走它们`);
  const [members] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.orgId, row.id), eq(users.active, true)));
  if ((members?.n ?? 0) > 0)
    throw conflict(`该组织还有 ${members?.n} 个启用的用户账号，请先停用或调走这些账号`);
  const reason = await orgInUse(tx, row.id);
  if (reason) throw conflict(reason);
}

/** Deactivates an organisation without active children or users (kept for history). */
export async function deactivateOrg(actor: Actor, id: string, version: number): Promise<OrgDetail> {
  return db.transaction(async (tx) => {
    requireAccess(actor, 'org:write');
    const row = await loadOrg(tx, actor, id);
    requireAccess(actor, 'org:write', row.path);
    if (!row.active) return detailOf(tx, actor, row);
    await checkCanDeactivate(tx, actor, row);
    const updated = await updateVersioned(tx, orgs, row.id, version, { active: false });
    await audit(tx, actor, {
      action: 'org.deactivate',
      entity: 'org',
      entityId: row.id,
      orgPath: row.path,
      before: row,
      after: updated,
    });
    return detailOf(tx, actor, updated);
  });
}

/**
 * Moves a node with its whole subtree under a new parent: every path below it is rewritten in
 * the same transaction, and a move under its own subtree is refused.
 */
export async function moveOrg(actor: Actor, id: string, input: OrgMoveBody): Promise<OrgDetail> {
  return db.transaction(async (tx) => {
    requireAccess(actor, 'org:write');
    const row = await loadOrg(tx, actor, id);
    requireAccess(actor, 'org:write', row.path);
    const parent = await loadOrg(tx, actor, input.parentId, '新的上级组织');
    requireAccess(actor, 'org:write', parent.path);
    if (row.path === actor.scopePath) throw conflict('不能移动您本人所属的组织');
    if (parent.path.startsWith(row.path)) {
      throw invalidField('parentId', '不能把组织移到它自己或它的下级组织之下');
    }
    if (parent.id === row.parentId) throw invalidField('parentId', '新的上级组织与当前上级相同');
    if (!parent.active) throw invalidField('parentId', '新的上级组织已停用');
    checkParentKind(row.kind as OrgKind, parent.kind as OrgKind);
    await checkSiblingName(tx, parent.id, row.name, row.id);
    const oldPath = row.path;
    const newPath = `${parent.path}${row.seq}/`;
    const depthDelta = parent.depth + 1 - row.depth;
    const updated = await updateVersioned(tx, orgs, row.id, input.version, {
      parentId: parent.id,
      path: newPath,
      depth: row.depth + depthDelta,
    });
    await tx
      .update(orgs)
      .set({
        path: sql`${newPath} || substr(${orgs.path}, ${oldPath.length + 1})`,
        depth: sql`${orgs.depth} + ${depthDelta}`,
      })
      .where(and(like(orgs.path, `${oldPath}%`), ne(orgs.id, row.id)));
    await rewritePaths(tx, oldPath, newPath);
    await audit(tx, actor, {
      action: 'org.move',
      entity: 'org',
      entityId: row.id,
      orgPath: newPath,
      before: row,
      after: updated,
    });
    return detailOf(tx, actor, updated);
  });
}

/** Organisation path of an id, for features that stamp rows with their owner's path. */
export async function orgPathOf(tx: Db, id: string): Promise<string | null> {
  const [row] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id));
  return row?.path ?? null;
}

/** Minimal facts about organisations for features that show owners: by id, in one query. */
export async function orgRefs(
  tx: Db,
  ids: string[],
): Promise<Map<string, { id: string; name: string; kind: OrgKind; path: string; active: boolean }>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: orgs.id, name: orgs.name, kind: orgs.kind, path: orgs.path, active: orgs.active })
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { ...r, kind: r.kind as OrgKind }]));
}

/** Active organisations by exact name (or short name), for resolving names printed in texts. */
export async function orgsByNames(
  tx: Db,
  names: string[],
): Promise<{ id: string; name: string; shortName: string | null }[]> {
  const wanted = [...new Set(names)];
  if (!wanted.length) return [];
  return tx
    .select({ id: orgs.id, name: orgs.name, shortName: orgs.shortName })
    .from(orgs)
    .where(and(eq(orgs.active, true), or(inArray(orgs.name, wanted), inArray(orgs.shortName, wanted))));
}

/** Names of the nodes on the given paths, keyed by sequence number (for breadcrumbs and labels). */
export async function orgsOnPaths(
  tx: Db,
  paths: string[],
): Promise<Map<number, { id: string; name: string; path: string }>> {
  const seqs = new Set<number>();
  for (const p of paths) for (const s of pathSeqs(p)) seqs.add(s);
  if (!seqs.size) return new Map();
  const rows = await tx
    .select({ seq: orgs.seq, id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(inArray(orgs.seq, [...seqs]));
  return new Map(rows.map((r) => [r.seq, { id: r.id, name: r.name, path: r.path }]));
}

/** The units on a path from the root down to the unit itself, with their kinds. */
export async function orgChain(
  tx: Db,
  path: string,
): Promise<{ id: string; name: string; kind: OrgKind; path: string }[]> {
  const seqs = pathSeqs(path);
  if (!seqs.length) return [];
  const rows = await tx
    .select({ seq: orgs.seq, id: orgs.id, name: orgs.name, kind: orgs.kind, path: orgs.path })
    .from(orgs)
    .where(inArray(orgs.seq, seqs));
  const bySeq = new Map(
    rows.map((r) => [r.seq, { id: r.id, name: r.name, kind: r.kind as OrgKind, path: r.path }]),
  );
  return seqs.flatMap((s) => bySeq.get(s) ?? []);
}

/** Names of the organisations at the given paths, keyed by path. */
export async function orgNamesByPath(tx: Db, paths: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(paths)];
  if (!wanted.length) return new Map();
  const rows = await tx
    .select({ path: orgs.path, name: orgs.name })
    .from(orgs)
    .where(inArray(orgs.path, wanted));
  return new Map(rows.map((r) => [r.path, r.name]));
}

/** Organisations in the actor's scope whose name matches, for resolving names typed in files. */
export async function orgsInScopeByKind(
  tx: Db,
  actor: Actor,
  kinds: OrgKind[],
): Promise<
  {
    id: string;
    name: string;
    shortName: string | null;
    kind: OrgKind;
    path: string;
    divisionCode: string | null;
  }[]
> {
  const rows = await tx
    .select({
      id: orgs.id,
      name: orgs.name,
      shortName: orgs.shortName,
      kind: orgs.kind,
      path: orgs.path,
      divisionCode: orgs.divisionCode,
    })
    .from(orgs)
    .where(and(scopeFilter(actor, orgs.path), inArray(orgs.kind, kinds), eq(orgs.active, true)));
  return rows.map((r) => ({ ...r, kind: r.kind as OrgKind }));
}

/** The active children of a node, in display order. */
export async function childrenOf(
  tx: Db,
  parentId: string,
): Promise<{ id: string; name: string; path: string }[]> {
  return tx
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.parentId, parentId), eq(orgs.active, true)))
    .orderBy(asc(orgs.sortOrder), asc(orgs.name));
}
