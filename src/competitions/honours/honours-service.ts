// What the honours register offers the other rooms: a labour competition's commendation of an
// advanced individual or collective (劳动竞赛先进个人/先进集体) enters the register as conferred,
// in the caller's transaction, and leaves it (revoked, with the reason) when withdrawn. The model
// workers register links its records to conferred 劳动模范 honours and finds them here.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { Db } from '../../platform/db/client';
import { newId } from '../../platform/ids';
import { now } from '../../platform/clock';
import { partOfName } from '../../platform/search';
import type { HonourLevel } from './contract';
import { honours } from './tables';
import { recordEvent } from './workflow';

export interface CommendedHonour {
  collective: boolean;
  /** The competition's name: the honour's name in the register. */
  competitionName: string;
  level: HonourLevel;
  awardingBody: string;
  recipientName: string;
  /** The organisation of the tree the recipient belongs to. */
  org: { id: string; name: string; path: string };
  /** The organisation that runs the competition: the register's nominating unit. */
  owner: { id: string; name: string };
  awardedOn: string;
}

/** Enters a competition's commendation into the honours register as conferred; returns its id. */
export async function recordCommendedHonour(tx: Db, actor: Actor, input: CommendedHonour): Promise<string> {
  const at = now();
  const [row] = await tx
    .insert(honours)
    .values({
      id: newId(),
      kind: input.collective ? 'competitionCollective' : 'competitionIndividual',
      name: input.competitionName,
      level: input.level,
      year: Number(input.awardedOn.slice(0, 4)),
      awardingBody: input.awardingBody,
      recipientKind: input.collective ? 'team' : 'person',
      recipientName: input.recipientName,
      unitName: input.org.name,
      recipientOrgId: input.org.id,
      nominatingOrgId: input.owner.id,
      nominatingUnitName: input.owner.name,
      orgPath: input.org.path,
      state: 'conferred',
      conferredOn: input.awardedOn,
      note: '劳动竞赛表彰',
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await recordEvent(tx, row!.id, {
    kind: 'conferred',
    at,
    actorId: actor.id,
    orgId: actor.orgId,
    text: `${input.owner.name}在“${input.competitionName}”中表彰，记入荣誉库`,
  });
  await audit(tx, actor, {
    action: 'honour.commend',
    entity: 'honour',
    entityId: row!.id,
    orgPath: row!.orgPath,
    after: row,
  });
  return row!.id;
}

/** Revokes the register's copy of a withdrawn commendation, with the reason. */
export async function revokeCommendedHonour(tx: Db, actor: Actor, honourId: string, reason: string) {
  const [row] = await tx
    .update(honours)
    .set({ state: 'revoked', revokeReason: reason, version: sql`${honours.version} + 1`, updatedAt: now() })
    .where(and(eq(honours.id, honourId), eq(honours.state, 'conferred')))
    .returning();
  if (!row) return;
  await recordEvent(tx, honourId, {
    kind: 'revoked',
    at: now(),
    actorId: actor.id,
    orgId: actor.orgId,
    text: reason,
  });
  await audit(tx, actor, {
    action: 'honour.revoke',
    entity: 'honour',
    entityId: honourId,
    orgPath: row.orgPath,
    after: row,
  });
}

/** A conferred 劳动模范 honour, as the model workers register links one. */
export interface ModelWorkerHonour {
  id: string;
  recipientName: string;
  gender: string | null;
  jobTitle: string | null;
  unitName: string | null;
  enterpriseId: string | null;
  /** city | province | national */
  level: string;
  year: number;
  awardingBody: string;
  orgPath: string;
}

/**
 * Conferred 劳动模范 honours of a person: those of `ids`, or those in the subtree of `scopePath`
 * matching part of the name or unit, a level and a year; the latest year first.
 */
export async function conferredModelWorkerHonours(
  tx: Db,
  options: {
    ids?: readonly string[];
    scopePath?: string;
    q?: string;
    level?: string;
    year?: number;
    limit?: number;
  },
): Promise<ModelWorkerHonour[]> {
  const t = honours;
  if (options.ids && options.ids.length === 0) return [];
  const where: (SQL | undefined)[] = [
    eq(t.kind, 'modelWorker'),
    eq(t.state, 'conferred'),
    eq(t.recipientKind, 'person'),
    inArray(t.level, ['city', 'province', 'national']),
    options.ids ? inArray(t.id, [...new Set(options.ids)]) : undefined,
    options.scopePath !== undefined ? sql`${t.orgPath} like ${options.scopePath + '%'}` : undefined,
    options.q
      ? partOfName(t.namePairs, sql`${t.recipientName} || ' ' || coalesce(${t.unitName}, '')`, options.q)
      : undefined,
    options.level ? eq(t.level, options.level) : undefined,
    options.year !== undefined ? eq(t.year, options.year) : undefined,
  ];
  const query = tx
    .select({
      id: t.id,
      recipientName: t.recipientName,
      gender: t.gender,
      jobTitle: t.jobTitle,
      unitName: t.unitName,
      enterpriseId: t.enterpriseId,
      level: t.level,
      year: t.year,
      awardingBody: t.awardingBody,
      orgPath: t.orgPath,
    })
    .from(t)
    .where(and(...where))
    .orderBy(desc(t.year), asc(t.recipientName), asc(t.id));
  return options.limit ? query.limit(options.limit) : query;
}
