// Factories of the studios' rooms: a model worker, a batch and a studio, written straight into
// their tables (the rooms' own tests drive the API for everything they test).
import { eq } from 'drizzle-orm';
import { db as database } from '../src/platform/db/client';
import { newId } from '../src/platform/ids';
import type { OrgDetail } from '../src/orgs/contract';
import { orgPathOf } from '../src/orgs/service';
import { insertModelWorkers } from '../src/studios/workers/workers-service';
import { modelWorkers } from '../src/studios/workers/tables';
import { studioBatches, studioDesignations, studioMembers, studios } from '../src/studios/register/tables';
import type { StudioLevel, StudioState } from '../src/studios/register/contract';
import { system } from './test-app';

let n = 0;
const db = () => database.orm;
const pathOf = async (org: OrgDetail) => (await orgPathOf(db(), org.id))!;
const unique = () => `${Date.now() % 100000}${++n}`;

export async function buildModelWorker(options: {
  org: OrgDetail;
  name?: string;
  level?: StudioLevel;
  year?: number;
  unitName?: string;
}): Promise<typeof modelWorkers.$inferSelect> {
  const [id] = await insertModelWorkers(db(), [
    {
      name: options.name ?? `劳模${unique()}`,
      gender: 'male',
      birthYear: 1970,
      level: options.level ?? 'city',
      year: options.year ?? 2010,
      unitName: options.unitName ?? `${options.org.name}所在单位`,
      position: '高级技师',
      field: '机械制造',
      status: 'active',
      phone: '13800000000',
      address: '苏州市某路1号',
      orgId: options.org.id,
      orgPath: await pathOf(options.org),
      createdBy: system.id,
    },
  ]);
  const [row] = await db().select().from(modelWorkers).where(eq(modelWorkers.id, id!));
  return row!;
}

export async function buildBatch(
  options: { year?: number; level?: StudioLevel; plaqueOn?: string; name?: string } = {},
): Promise<typeof studioBatches.$inferSelect> {
  const year = options.year ?? 2011;
  const [row] = await db()
    .insert(studioBatches)
    .values({
      id: newId(),
      year,
      name: options.name ?? `${year}年测试批次${unique()}`,
      level: options.level ?? 'city',
      awardingBody: '苏州市总工会',
      plaqueOn: options.plaqueOn ?? `${year}-04-28`,
      ceremony: '市总工会大礼堂',
      createdBy: system.id,
    })
    .returning();
  return row!;
}

/**
 * A studio applied for by `org` (its scope), designated at `level` in a new batch unless `state`
 * says otherwise; its leader is a new model worker of the same unit unless one is given.
 */
export async function buildStudio(options: {
  org: OrgDetail;
  name?: string;
  leaderId?: string;
  level?: StudioLevel;
  state?: StudioState;
  year?: number;
}): Promise<typeof studios.$inferSelect> {
  const state = options.state ?? 'designated';
  const level = options.level ?? 'city';
  const leaderId = options.leaderId ?? (await buildModelWorker({ org: options.org })).id;
  const batch =
    state === 'designated' || state === 'revoked' ? await buildBatch({ level, year: options.year }) : null;
  const id = newId();
  const [row] = await db()
    .insert(studios)
    .values({
      id,
      name: options.name ?? `测试劳模创新工作室${unique()}`,
      leaderId,
      hostUnitName: `${options.org.name}所在单位`,
      hostOrgId: options.org.id,
      field: '机械制造',
      level: batch ? level : null,
      appliedLevel: level,
      state,
      batchId: batch?.id ?? null,
      designatedOn: batch?.plaqueOn ?? null,
      plaqueOn: batch?.plaqueOn ?? null,
      applicantOrgId: options.org.id,
      orgPath: await pathOf(options.org),
      createdBy: system.id,
    })
    .returning();
  if (batch)
    await db().insert(studioDesignations).values({
      id: newId(),
      studioId: id,
      batchId: batch.id,
      level,
      plaqueOn: batch.plaqueOn,
      designatedBy: system.id,
    });
  await db()
    .insert(studioMembers)
    .values({
      id: newId(),
      studioId: id,
      name: '负责人',
      modelWorkerId: leaderId,
      role: 'leader',
      joinedOn: batch?.plaqueOn ?? '2011-01-01',
    });
  return row!;
}
