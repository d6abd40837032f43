import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { requireAccess, scopeFilter, type Actor } from './access';
import { db, type Db } from './db/client';
import type { AuditQuery } from './shared/audit-contract';
import { newId } from './ids';
import { auditLog } from './tables';
import { chinaDayRange, chinaDayStart } from './shared/dates';

/** Fields never written to the audit trail. */
const SECRET_FIELDS = new Set(['passwordHash', 'password']);

function clean(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_FIELDS.has(k)) out[k] = clean(v);
    return out;
  }
  return value;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  /** Path of the organisation that owns the entity, so the trail is scoped like the data. */
  orgPath: string;
  before?: unknown;
  after?: unknown;
}

/** Records one write in the write's own transaction (DESIGN rule 5). */
export async function audit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId(),
    actorId: actor.username === 'system' ? null : actor.id,
    actorName: actor.username === 'system' ? '系统' : `${actor.displayName}（${actor.username}）`,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    orgPath: entry.orgPath,
    before: clean(entry.before),
    after: clean(entry.after),
  });
}

/** The audit trail of the actor's subtree, newest first, filtered. */
export async function listAudit(actor: Actor, query: ReturnType<typeof AuditQuery.parse>) {
  requireAccess(actor, 'audit:read');
  const where: SQL[] = [scopeFilter(actor, auditLog.orgPath)];
  if (query.actor)
    where.push(
      sql`${auditLog.actorName} ilike ${'%' + query.actor.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`,
    );
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.action) where.push(eq(auditLog.action, query.action));
  // Days as China counts them.
  if (query.from) where.push(gte(auditLog.at, chinaDayStart(query.from)));
  if (query.to) where.push(lt(auditLog.at, chinaDayRange(query.to, query.to).end));
  const condition = and(...where);
  return db.transaction(async (tx) => {
    const [total] = await tx.select({ n: count() }).from(auditLog).where(condition);
    const rows = await tx
      .select()
      .from(auditLog)
      .where(condition)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return {
      total: total?.n ?? 0,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
      })),
    };
  });
}
