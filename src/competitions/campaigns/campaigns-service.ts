// Labour competitions (劳动竞赛, DOMAIN §5): a competition belongs to the organisation that runs
// it. A user sees those owned in the own subtree and those owned by the own ancestors (a district
// sees its own and the city's, never another district's), and manages only those owned in the
// own subtree. The staff of a participating unit (whose subtree holds a participant's unit)
// report that participant's values. Units, participants, indicators and commendations are
// parts of the competition: each change of them bumps its version.
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db, type Db } from '../../platform/db/client';
import { updateVersioned } from '../../platform/db/versioned';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { likeText, loadOrg, orgNamesByPath, orgRefs } from '../../orgs/service';
import { enterpriseRefs } from '../../enterprises/service';
import { recordCommendedHonour, revokeCommendedHonour } from '../honours/honours-service';
import {
  CampaignBody,
  CampaignPatchBody,
  CampaignQuery,
  CommendationBody,
  IndicatorBody,
  ParticipantBody,
  UnitsBody,
  type CampaignDetail,
  type CampaignKind,
  type CampaignLevel,
  type CampaignPage,
  type CampaignState,
  type CampaignView,
  type CommendationKind,
  type Cycle,
  type ParticipantKind,
  type Rollup,
} from './contract';
import { periodsBetween } from './periods';
import {
  campaignCommendations,
  campaignIndicators,
  campaignParticipants,
  campaigns,
  campaignUnits,
  campaignValues,
} from './tables';

export type CampaignRow = typeof campaigns.$inferSelect;
export type ParticipantRow = typeof campaignParticipants.$inferSelect;
export type IndicatorRow = typeof campaignIndicators.$inferSelect;
type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

/** The permission every competition operation needs. */
export const PERMISSION = 'competition:manage' as const;

/** '/1/12/305/' → ['/1/', '/1/12/', '/1/12/305/']: the paths of a node and its ancestors. */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** The path of the district (the unit directly under the city) a path lies in. */
export function districtPathOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return `/${parts.slice(0, Math.min(2, parts.length)).join('/')}/`;
}

/** Whether the actor sees the competition: owned in its subtree or by one of its ancestors. */
export const sees = (actor: Actor, row: { orgPath: string }) =>
  row.orgPath.startsWith(actor.scopePath) || actor.scopePath.startsWith(row.orgPath);

/** Whether the actor runs the competition: its owner lies in the actor's subtree. */
export const manages = (actor: Actor, row: { orgPath: string }) => row.orgPath.startsWith(actor.scopePath);

/** SQL: the competitions the actor sees. */
export function visibleFilter(actor: Actor): SQL {
  return or(
    scopeFilter(actor, campaigns.orgPath),
    inArray(campaigns.orgPath, pathAndAncestors(actor.scopePath)),
  )!;
}

/** Loads a competition the actor sees (404 otherwise), locked for a write when asked. */
export async function loadCampaign(tx: Db, actor: Actor, id: string, lock = false): Promise<CampaignRow> {
  const q = tx.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !sees(actor, row)) throw notFound('劳动竞赛');
  return row;
}

/** Loads a competition the actor runs, at the version the actor saw when one is given. */
export async function loadManaged(tx: Db, actor: Actor, id: string, version?: number): Promise<CampaignRow> {
  requireAccess(actor, PERMISSION);
  const row = await loadCampaign(tx, actor, id, true);
  if (!manages(actor, row)) throw forbidden('只有主办单位（及其上级）可以管理该竞赛');
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

/** Bumps the competition's version after a change of one of its parts. */
async function touch(tx: Db, row: CampaignRow): Promise<void> {
  await tx
    .update(campaigns)
    .set({ version: sql`${campaigns.version} + 1`, updatedAt: new Date() })
    .where(eq(campaigns.id, row.id));
}

/** The level of a competition from its owner: the city federation, a district's, else a township's. */
function levelOf(owner: { kind: string; path: string }): CampaignLevel {
  if (owner.kind === 'cityFederation') return 'city';
  if (owner.kind === 'districtFederation') return 'district';
  if (owner.kind === 'townshipUnion') return 'township';
  // An industry or grassroots union: by its depth in the tree.
  const depth = owner.path.split('/').filter(Boolean).length;
  return depth <= 1 ? 'city' : depth === 2 ? 'district' : 'township';
}

async function present(tx: Db, actor: Actor, rows: CampaignRow[]): Promise<CampaignView[]> {
  const owners = await orgRefs(
    tx,
    rows.map((r) => r.ownerOrgId),
  );
  const ids = rows.map((r) => r.id);
  const units = ids.length
    ? await tx
        .select({ id: campaignUnits.campaignId, n: count() })
        .from(campaignUnits)
        .where(inArray(campaignUnits.campaignId, ids))
        .groupBy(campaignUnits.campaignId)
    : [];
  const people = ids.length
    ? await tx
        .select({ id: campaignParticipants.campaignId, n: count() })
        .from(campaignParticipants)
        .where(inArray(campaignParticipants.campaignId, ids))
        .groupBy(campaignParticipants.campaignId)
    : [];
  const unitCount = new Map(units.map((u) => [u.id, Number(u.n)]));
  const peopleCount = new Map(people.map((u) => [u.id, Number(u.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as CampaignKind,
    owner: { id: r.ownerOrgId, name: owners.get(r.ownerOrgId)?.name ?? '' },
    level: r.level as CampaignLevel,
    partners: r.partners,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    cycle: r.cycle as Cycle,
    state: r.state as CampaignState,
    description: r.description,
    manages: manages(actor, r),
    units: unitCount.get(r.id) ?? 0,
    participants: peopleCount.get(r.id) ?? 0,
    version: r.version,
  }));
}

/** The competitions the actor sees, filtered by kind, year (overlapping it), state and name. */
export async function listCampaigns(
  actor: Actor,
  query: Parsed<typeof CampaignQuery>,
): Promise<CampaignPage> {
  requireAccess(actor, PERMISSION);
  return db.readTransaction(async (tx) => {
    const t = campaigns;
    const where: SQL[] = [visibleFilter(actor)];
    if (query.kind) where.push(eq(t.kind, query.kind));
    if (query.state) where.push(eq(t.state, query.state));
    if (query.year)
      where.push(
        sql`${t.startsOn} <= ${`${query.year}-12-31`}::date and ${t.endsOn} >= ${`${query.year}-01-01`}::date`,
      );
    if (query.q) where.push(sql`${t.name} ilike ${likeText(query.q)}`);
    const condition = and(...where);
    const [total] = await tx.select({ n: count() }).from(t).where(condition);
    const rows = await tx
      .select()
      .from(t)
      .where(condition)
      .orderBy(asc(t.state), desc(t.startsOn), asc(t.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await present(tx, actor, rows), total: Number(total?.n ?? 0) };
  });
}

/** The participants of a competition the actor sees, with whether it may report each. */
export async function participantsOf(tx: Db, campaignId: string): Promise<ParticipantRow[]> {
  return tx
    .select()
    .from(campaignParticipants)
    .where(eq(campaignParticipants.campaignId, campaignId))
    .orderBy(
      asc(campaignParticipants.orgPath),
      asc(campaignParticipants.createdAt),
      asc(campaignParticipants.id),
    );
}

export async function indicatorsOf(tx: Db, campaignId: string): Promise<IndicatorRow[]> {
  return tx
    .select()
    .from(campaignIndicators)
    .where(eq(campaignIndicators.campaignId, campaignId))
    .orderBy(asc(campaignIndicators.sortOrder), asc(campaignIndicators.createdAt));
}

/** A competition with its units, participants, indicators, commendations and periods. */
export async function detailOf(tx: Db, actor: Actor, row: CampaignRow): Promise<CampaignDetail> {
  const [view] = await present(tx, actor, [row]);
  const units = await tx.select().from(campaignUnits).where(eq(campaignUnits.campaignId, row.id));
  const participants = await participantsOf(tx, row.id);
  const indicators = await indicatorsOf(tx, row.id);
  const commendations = await tx
    .select()
    .from(campaignCommendations)
    .where(eq(campaignCommendations.campaignId, row.id))
    .orderBy(asc(campaignCommendations.kind), asc(campaignCommendations.createdAt));
  const orgNames = await orgRefs(tx, [
    ...units.map((u) => u.orgId),
    ...participants.map((p) => p.orgId),
    ...commendations.map((c) => c.orgId),
  ]);
  const districts = await orgNamesByPath(
    tx,
    units.map((u) => districtPathOf(u.orgPath)),
  );
  const firms = await enterpriseRefs(
    tx,
    participants.flatMap((p) => (p.enterpriseId ? [p.enterpriseId] : [])),
  );
  const name = (id: string) => orgNames.get(id)?.name ?? '';
  return {
    ...view!,
    unitList: units
      .sort((a, b) => a.orgPath.localeCompare(b.orgPath))
      .map((u) => ({
        id: u.orgId,
        name: name(u.orgId),
        district: districts.get(districtPathOf(u.orgPath)) ?? null,
      })),
    participantList: participants.map((p) => ({
      id: p.id,
      kind: p.kind as ParticipantKind,
      name: p.name,
      org: { id: p.orgId, name: name(p.orgId) },
      enterprise: p.enterpriseId ? { id: p.enterpriseId, name: firms.get(p.enterpriseId)?.name ?? '' } : null,
      reportable: row.state === 'active' && p.orgPath.startsWith(actor.scopePath),
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      decimals: i.decimals,
      rollup: i.rollup as Rollup,
      sortOrder: i.sortOrder,
    })),
    commendations: commendations.map((c) => ({
      id: c.id,
      kind: c.kind as CommendationKind,
      name: c.name,
      title: c.title,
      org: { id: c.orgId, name: name(c.orgId) },
      participantId: c.participantId,
      awardedOn: c.awardedOn,
    })),
    periods: periodsBetween(row.cycle as Cycle, row.startsOn, row.endsOn),
  };
}

/** A competition the actor sees. */
export async function getCampaign(actor: Actor, id: string): Promise<CampaignDetail> {
  requireAccess(actor, PERMISSION);
  return db.readTransaction(async (tx) => detailOf(tx, actor, await loadCampaign(tx, actor, id)));
}

/** Starts a competition run by the actor's unit or a unit of its subtree. */
export async function createCampaign(
  actor: Actor,
  input: Parsed<typeof CampaignBody>,
): Promise<CampaignDetail> {
  requireAccess(actor, PERMISSION);
  return db.transaction(async (tx) => {
    const owner = await loadOrg(tx, actor, input.orgId ?? actor.orgId, '主办单位');
    const [row] = await tx
      .insert(campaigns)
      .values({
        id: newId(),
        name: input.name,
        kind: input.kind,
        ownerOrgId: owner.id,
        orgPath: owner.path,
        level: levelOf(owner),
        partners: [...new Set(input.partners)],
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        cycle: input.cycle,
        description: input.description,
        createdBy: actor.id,
      })
      .returning();
    await audit(tx, actor, {
      action: 'competition.campaign.create',
      entity: 'campaign',
      entityId: row!.id,
      orgPath: row!.orgPath,
      after: row,
    });
    return detailOf(tx, actor, row!);
  });
}

/** Changes a competition (its name, kind, organisers, period, cycle, state). */
export async function updateCampaign(
  actor: Actor,
  id: string,
  input: Parsed<typeof CampaignPatchBody>,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id, input.version);
    const startsOn = input.startsOn ?? row.startsOn;
    const endsOn = input.endsOn ?? row.endsOn;
    if (endsOn < startsOn) throw invalidField('endsOn', '结束日期不能早于开始日期');
    if (Number(endsOn.slice(0, 4)) - Number(startsOn.slice(0, 4)) > 5)
      throw invalidField('endsOn', '竞赛周期不能超过 5 年');
    const changesPeriods =
      startsOn !== row.startsOn ||
      endsOn !== row.endsOn ||
      (input.cycle !== undefined && input.cycle !== row.cycle);
    if (changesPeriods) {
      const [used] = await tx
        .select({ n: count() })
        .from(campaignValues)
        .where(eq(campaignValues.campaignId, id));
      if (Number(used?.n ?? 0) > 0 && input.cycle !== undefined && input.cycle !== row.cycle)
        throw invalidField('cycle', '已有填报数据，不能再修改填报周期');
    }
    const updated = await updateVersioned(tx, campaigns, id, input.version, {
      name: input.name ?? row.name,
      kind: input.kind ?? row.kind,
      partners: input.partners ? [...new Set(input.partners)] : row.partners,
      startsOn,
      endsOn,
      cycle: input.cycle ?? row.cycle,
      state: input.state ?? row.state,
      description: input.description === undefined ? row.description : input.description,
    });
    await audit(tx, actor, {
      action: 'competition.campaign.update',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      before: row,
      after: updated,
    });
    return detailOf(tx, actor, updated);
  });
}

/** Sets the participating units: organisations of the owner's subtree. */
export async function setUnits(
  actor: Actor,
  id: string,
  input: Parsed<typeof UnitsBody>,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id, input.version);
    const found = await orgRefs(tx, input.orgIds);
    input.orgIds.forEach((orgId, i) => {
      const org = found.get(orgId);
      if (!org || !org.active || !org.path.startsWith(row.orgPath))
        throw invalidField(`orgIds.${i}`, '参赛单位必须是主办单位本级或下级的组织');
    });
    const current = await tx.select().from(campaignUnits).where(eq(campaignUnits.campaignId, id));
    const removed = current.filter((u) => !input.orgIds.includes(u.orgId));
    if (removed.length) {
      const [used] = await tx
        .select({ n: count() })
        .from(campaignParticipants)
        .where(
          and(
            eq(campaignParticipants.campaignId, id),
            inArray(
              campaignParticipants.orgId,
              removed.map((u) => u.orgId),
            ),
          ),
        );
      if (Number(used?.n ?? 0) > 0) throw conflict('要移除的参赛单位下还有参赛对象，请先删除其参赛对象');
      await tx.delete(campaignUnits).where(
        and(
          eq(campaignUnits.campaignId, id),
          inArray(
            campaignUnits.orgId,
            removed.map((u) => u.orgId),
          ),
        ),
      );
    }
    const added = input.orgIds.filter((o) => !current.some((u) => u.orgId === o));
    if (added.length)
      await tx
        .insert(campaignUnits)
        .values(added.map((orgId) => ({ campaignId: id, orgId, orgPath: found.get(orgId)!.path })));
    await touch(tx, row);
    await audit(tx, actor, {
      action: 'competition.campaign.units',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      before: current.map((u) => u.orgId),
      after: input.orgIds,
    });
    return detailOf(tx, actor, await loadCampaign(tx, actor, id));
  });
}

/** Adds a participant (project, team or person) of a participating unit. */
export async function addParticipant(
  actor: Actor,
  id: string,
  input: Parsed<typeof ParticipantBody>,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id);
    const [unit] = await tx
      .select()
      .from(campaignUnits)
      .where(and(eq(campaignUnits.campaignId, id), eq(campaignUnits.orgId, input.orgId)));
    if (!unit) throw invalidField('orgId', '所属单位不是本竞赛的参赛单位');
    if (input.enterpriseId) {
      const firm = (await enterpriseRefs(tx, [input.enterpriseId])).get(input.enterpriseId);
      if (!firm || !firm.orgPath.startsWith(row.orgPath))
        throw invalidField('enterpriseId', '所选企业不存在，或不在主办单位的管理范围内');
    }
    const [participant] = await tx
      .insert(campaignParticipants)
      .values({
        id: newId(),
        campaignId: id,
        kind: input.kind,
        name: input.name,
        orgId: unit.orgId,
        orgPath: unit.orgPath,
        enterpriseId: input.enterpriseId ?? null,
      })
      .returning();
    await touch(tx, row);
    await audit(tx, actor, {
      action: 'competition.campaign.participant.add',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      after: participant,
    });
    return detailOf(tx, actor, await loadCampaign(tx, actor, id));
  });
}

/** Removes a participant that has no values yet. */
export async function removeParticipant(
  actor: Actor,
  id: string,
  participantId: string,
  version: number,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id, version);
    const [participant] = await tx
      .select()
      .from(campaignParticipants)
      .where(and(eq(campaignParticipants.id, participantId), eq(campaignParticipants.campaignId, id)));
    if (!participant) throw notFound('参赛对象');
    const [used] = await tx
      .select({ n: count() })
      .from(campaignValues)
      .where(eq(campaignValues.participantId, participantId));
    if (Number(used?.n ?? 0) > 0) throw conflict('该参赛对象已有填报数据，不能删除');
    await tx.delete(campaignParticipants).where(eq(campaignParticipants.id, participantId));
    await touch(tx, row);
    await audit(tx, actor, {
      action: 'competition.campaign.participant.remove',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      before: participant,
    });
    return detailOf(tx, actor, await loadCampaign(tx, actor, id));
  });
}

/** Adds an indicator with its unit of measure, decimals and roll-up. */
export async function addIndicator(
  actor: Actor,
  id: string,
  input: Parsed<typeof IndicatorBody>,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id);
    const existing = await indicatorsOf(tx, id);
    if (existing.some((i) => i.name === input.name)) throw invalidField('name', '本竞赛已有同名指标');
    if (existing.length >= 30) throw invalidField('name', '一个竞赛最多设 30 项指标');
    const [indicator] = await tx
      .insert(campaignIndicators)
      .values({
        id: newId(),
        campaignId: id,
        name: input.name,
        unit: input.unit,
        decimals: input.decimals,
        rollup: input.rollup,
        sortOrder: existing.length,
      })
      .returning();
    await touch(tx, row);
    await audit(tx, actor, {
      action: 'competition.campaign.indicator.add',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      after: indicator,
    });
    return detailOf(tx, actor, await loadCampaign(tx, actor, id));
  });
}

/** Removes an indicator that has no values yet. */
export async function removeIndicator(
  actor: Actor,
  id: string,
  indicatorId: string,
  version: number,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id, version);
    const [indicator] = await tx
      .select()
      .from(campaignIndicators)
      .where(and(eq(campaignIndicators.id, indicatorId), eq(campaignIndicators.campaignId, id)));
    if (!indicator) throw notFound('指标');
    const [used] = await tx
      .select({ n: count() })
      .from(campaignValues)
      .where(eq(campaignValues.indicatorId, indicatorId));
    if (Number(used?.n ?? 0) > 0) throw conflict('该指标已有填报数据，不能删除');
    await tx.delete(campaignIndicators).where(eq(campaignIndicators.id, indicatorId));
    await touch(tx, row);
    await audit(tx, actor, {
      action: 'competition.campaign.indicator.remove',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      before: indicator,
    });
    return detailOf(tx, actor, await loadCampaign(tx, actor, id));
  });
}

/** Commends an advanced individual or collective of a participating unit (or of the owner). */
export async function addCommendation(
  actor: Actor,
  id: string,
  input: Parsed<typeof CommendationBody>,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id);
    const org = (await orgRefs(tx, [input.orgId])).get(input.orgId);
    if (!org || !org.path.startsWith(row.orgPath))
      throw invalidField('orgId', '所在单位必须是主办单位本级或下级的组织');
    if (input.participantId) {
      const [p] = await tx
        .select({ id: campaignParticipants.id })
        .from(campaignParticipants)
        .where(
          and(eq(campaignParticipants.id, input.participantId), eq(campaignParticipants.campaignId, id)),
        );
      if (!p) throw invalidField('participantId', '参赛对象不属于本竞赛');
    }
    if (input.awardedOn < row.startsOn) throw invalidField('awardedOn', '表彰日期不能早于竞赛开始日期');
    const [commendation] = await tx
      .insert(campaignCommendations)
      .values({
        id: newId(),
        campaignId: id,
        kind: input.kind,
        name: input.name,
        title: input.title,
        orgId: org.id,
        orgPath: org.path,
        participantId: input.participantId ?? null,
        awardedOn: input.awardedOn,
        createdBy: actor.id,
      })
      .returning();
    // The commendation is an honour: it enters the register as conferred.
    const owner = (await orgRefs(tx, [row.ownerOrgId])).get(row.ownerOrgId);
    const honourId = await recordCommendedHonour(tx, actor, {
      collective: input.kind === 'collective',
      competitionName: row.name,
      level: row.level as 'city' | 'district' | 'township',
      awardingBody: [owner?.name ?? '', ...row.partners].filter(Boolean).join('、'),
      recipientName: input.name,
      org: { id: org.id, name: org.name, path: org.path },
      owner: { id: row.ownerOrgId, name: owner?.name ?? '' },
      awardedOn: input.awardedOn,
    });
    await tx
      .update(campaignCommendations)
      .set({ honourId })
      .where(eq(campaignCommendations.id, commendation!.id));
    await touch(tx, row);
    await audit(tx, actor, {
      action: 'competition.campaign.commend',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      after: commendation,
    });
    return detailOf(tx, actor, await loadCampaign(tx, actor, id));
  });
}

/** Withdraws a commendation entered by mistake. */
export async function removeCommendation(
  actor: Actor,
  id: string,
  commendationId: string,
  version: number,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await loadManaged(tx, actor, id, version);
    const [c] = await tx
      .delete(campaignCommendations)
      .where(and(eq(campaignCommendations.id, commendationId), eq(campaignCommendations.campaignId, id)))
      .returning();
    if (!c) throw notFound('表彰记录');
    if (c.honourId) await revokeCommendedHonour(tx, actor, c.honourId, `“${row.name}”撤回该表彰`);
    await touch(tx, row);
    await audit(tx, actor, {
      action: 'competition.campaign.commendation.remove',
      entity: 'campaign',
      entityId: id,
      orgPath: row.orgPath,
      before: c,
    });
    return detailOf(tx, actor, await loadCampaign(tx, actor, id));
  });
}

/** Moves the competitions' copies of an organisation's path with it (wired in src/wiring.ts). */
export const rewriteCampaignPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(
    tx,
    [campaigns, campaignUnits, campaignParticipants, campaignValues, campaignCommendations],
    oldPrefix,
    newPrefix,
  );
