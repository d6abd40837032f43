// Values of a competition's indicators: reported per participant and period by the staff of the
// participant's unit (its subtree), checked by the organiser: reported → accepted, or returned
// with a reason and reported again. Only accepted values count in totals. Every step is written
// to the value's trail and the audit.
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db, type Db } from '../../platform/db/client';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { now } from '../../platform/clock';
import { chinaDay } from '../../platform/shared/dates';
import { loadOrg, orgRefs } from '../../orgs/service';
import { userRefs } from '../../orgs/users-service';
import { adoptedItemsByIds } from '../../bulletin/adopted-items-service';
import {
  AcceptBody,
  ReturnBody,
  ValueBody,
  ValueQuery,
  periodLabel,
  type Cycle,
  type ValuePage,
  type ValueEventKind,
  type ValueState,
  type ValueView,
} from './contract';
import { loadCampaign, manages, PERMISSION, type CampaignRow } from './campaigns-service';
import { decimalsOf, periodsBetween, trimDecimal } from './periods';
import { campaignIndicators, campaignParticipants, campaignValueEvents, campaignValues } from './tables';

type ValueRow = typeof campaignValues.$inferSelect;
type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

export async function presentValues(
  tx: Db,
  actor: Actor,
  campaign: CampaignRow,
  rows: ValueRow[],
): Promise<ValueView[]> {
  if (!rows.length) return [];
  const participants = await tx
    .select()
    .from(campaignParticipants)
    .where(inArray(campaignParticipants.id, [...new Set(rows.map((r) => r.participantId))]));
  const byParticipant = new Map(participants.map((p) => [p.id, p]));
  const indicators = await tx
    .select()
    .from(campaignIndicators)
    .where(inArray(campaignIndicators.id, [...new Set(rows.map((r) => r.indicatorId))]));
  const byIndicator = new Map(indicators.map((i) => [i.id, i]));
  const units = await orgRefs(
    tx,
    participants.map((p) => p.orgId),
  );
  const items = await adoptedItemsByIds(
    tx,
    rows.flatMap((r) => (r.sourceItemId ? [r.sourceItemId] : [])),
  );
  const events = await tx
    .select()
    .from(campaignValueEvents)
    .where(
      inArray(
        campaignValueEvents.valueId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(campaignValueEvents.at), asc(campaignValueEvents.id));
  const people = await userRefs(tx, [
    ...rows.map((r) => r.reportedBy),
    ...rows.flatMap((r) => (r.checkedBy ? [r.checkedBy] : [])),
    ...events.map((e) => e.actorId),
  ]);
  const runs = manages(actor, campaign);
  return rows.map((r) => {
    const p = byParticipant.get(r.participantId)!;
    const ind = byIndicator.get(r.indicatorId)!;
    const state = r.state as ValueState;
    const actions: ValueView['actions'] = [];
    if (campaign.state === 'active') {
      if (runs && state === 'reported') actions.push('accept', 'return');
      if (state !== 'accepted' && p.orgPath.startsWith(actor.scopePath)) actions.push('report');
    }
    const item = r.sourceItemId ? items.get(r.sourceItemId) : undefined;
    return {
      id: r.id,
      participant: { id: p.id, name: p.name },
      org: { id: p.orgId, name: units.get(p.orgId)?.name ?? '' },
      indicator: { id: ind.id, name: ind.name, unit: ind.unit },
      period: r.period,
      periodLabel: periodLabel(r.period),
      value: trimDecimal(r.value),
      note: r.note,
      state,
      returnReason: r.returnReason,
      source: r.sourceItemId
        ? {
            itemId: r.sourceItemId,
            title: item?.title ?? '',
            raw: item?.figures.find((f) => f.position === r.sourcePosition)?.raw ?? '',
          }
        : null,
      reportedBy: { id: r.reportedBy, name: people.get(r.reportedBy)?.name ?? '' },
      reportedAt: r.reportedAt.toISOString(),
      checkedBy: r.checkedBy ? { id: r.checkedBy, name: people.get(r.checkedBy)?.name ?? '' } : null,
      checkedAt: r.checkedAt ? r.checkedAt.toISOString() : null,
      trail: events
        .filter((e) => e.valueId === r.id)
        .map((e) => ({
          at: e.at.toISOString(),
          kind: e.kind as ValueEventKind,
          actor: { id: e.actorId, name: people.get(e.actorId)?.name ?? '' },
          value: e.value === null ? null : trimDecimal(e.value),
          text: e.text,
        })),
      actions,
      version: r.version,
    };
  });
}

/** The values of a competition the actor sees: all for its organiser, its own units' for others. */
export async function listValues(
  actor: Actor,
  id: string,
  query: Parsed<typeof ValueQuery>,
): Promise<ValuePage> {
  requireAccess(actor, PERMISSION);
  return db.readTransaction(async (tx) => {
    const campaign = await loadCampaign(tx, actor, id);
    const t = campaignValues;
    const where: SQL[] = [eq(t.campaignId, id)];
    if (!manages(actor, campaign)) where.push(sql`${t.orgPath} like ${actor.scopePath + '%'}`);
    if (query.period) where.push(eq(t.period, query.period));
    if (query.indicatorId) where.push(eq(t.indicatorId, query.indicatorId));
    if (query.state) where.push(eq(t.state, query.state));
    if (query.orgId) {
      const org = await loadOrg(tx, actor, query.orgId, '参赛单位').catch(() => null);
      if (!org) throw invalidField('orgId', '参赛单位不存在，或不在您的管理范围内');
      where.push(sql`${t.orgPath} like ${org.path + '%'}`);
    }
    const condition = and(...where);
    const [total] = await tx.select({ n: count() }).from(t).where(condition);
    const rows = await tx
      .select()
      .from(t)
      .where(condition)
      .orderBy(sql`${t.state} = 'accepted'`, desc(t.period), asc(t.orgPath), asc(t.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await presentValues(tx, actor, campaign, rows), total: Number(total?.n ?? 0) };
  });
}

/** Checks that `period` is a period of the competition that has begun. */
export function checkPeriod(campaign: CampaignRow, period: string, field = 'period') {
  const known = periodsBetween(campaign.cycle as Cycle, campaign.startsOn, campaign.endsOn).find(
    (p) => p.period === period,
  );
  if (!known) throw invalidField(field, '填报期不在竞赛周期内，或与竞赛的填报周期不符');
  if (known.startsOn > chinaDay(now())) throw invalidField(field, '该填报期尚未开始，不能填报');
}

/** Checks an indicator of the competition and that the value fits its decimals. */
export async function checkIndicator(tx: Db, campaignId: string, indicatorId: string, value: string | null) {
  const [indicator] = await tx
    .select()
    .from(campaignIndicators)
    .where(and(eq(campaignIndicators.id, indicatorId), eq(campaignIndicators.campaignId, campaignId)));
  if (!indicator) throw invalidField('indicatorId', '指标不属于本竞赛');
  if (value !== null && decimalsOf(value) > indicator.decimals)
    throw invalidField(
      'value',
      indicator.decimals === 0
        ? `“${indicator.name}”应填写整数`
        : `“${indicator.name}”最多保留 ${indicator.decimals} 位小数`,
    );
  return indicator;
}

export async function participantOf(tx: Db, campaignId: string, participantId: string) {
  const [participant] = await tx
    .select()
    .from(campaignParticipants)
    .where(and(eq(campaignParticipants.id, participantId), eq(campaignParticipants.campaignId, campaignId)));
  if (!participant) throw invalidField('participantId', '参赛对象不属于本竞赛');
  return participant;
}

export async function recordValueEvent(
  tx: Db,
  actor: Actor,
  valueId: string,
  kind: string,
  value: string | null,
  text: string | null,
) {
  await tx
    .insert(campaignValueEvents)
    .values({ id: newId(), valueId, at: now(), kind, actorId: actor.id, value, text });
}

/**
 * Reports a participant's value of an indicator for a period; a value reported and not yet
 * checked, or returned, is reported again at the version seen. An accepted value stays.
 */
export async function reportValue(
  actor: Actor,
  id: string,
  input: Parsed<typeof ValueBody>,
): Promise<ValueView> {
  requireAccess(actor, PERMISSION);
  return db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, actor, id);
    const participant = await participantOf(tx, id, input.participantId);
    if (!participant.orgPath.startsWith(actor.scopePath))
      throw forbidden('只有参赛对象所在单位（及其上级）可以填报其数据');
    if (campaign.state !== 'active') throw conflict('竞赛已结束，不能再填报');
    await checkIndicator(tx, id, input.indicatorId, input.value);
    checkPeriod(campaign, input.period);
    const [existing] = await tx
      .select()
      .from(campaignValues)
      .where(
        and(
          eq(campaignValues.indicatorId, input.indicatorId),
          eq(campaignValues.participantId, input.participantId),
          eq(campaignValues.period, input.period),
        ),
      )
      .for('update');
    const at = now();
    let row: ValueRow;
    if (!existing) {
      [row] = (await tx
        .insert(campaignValues)
        .values({
          id: newId(),
          campaignId: id,
          indicatorId: input.indicatorId,
          participantId: input.participantId,
          period: input.period,
          value: input.value,
          note: input.note,
          state: 'reported',
          orgPath: participant.orgPath,
          reportedBy: actor.id,
          reportedAt: at,
        })
        .returning()) as [ValueRow];
    } else {
      if (existing.state === 'accepted') throw conflict('该数据已核实，不能再修改');
      if (input.version == null) throw conflict('该参赛对象本期的数据已填报，请刷新后在原数据上修改');
      if (existing.version !== input.version) throw staleVersion();
      [row] = (await tx
        .update(campaignValues)
        .set({
          value: input.value,
          note: input.note,
          state: 'reported',
          returnReason: null,
          reportedBy: actor.id,
          reportedAt: at,
          checkedBy: null,
          checkedAt: null,
          version: existing.version + 1,
          updatedAt: at,
        })
        .where(eq(campaignValues.id, existing.id))
        .returning()) as [ValueRow];
    }
    await recordValueEvent(tx, actor, row.id, existing ? 'rereported' : 'reported', input.value, input.note);
    await audit(tx, actor, {
      action: 'competition.campaign.value.report',
      entity: 'campaignValue',
      entityId: row.id,
      orgPath: row.orgPath,
      before: existing,
      after: row,
    });
    const [view] = await presentValues(tx, actor, campaign, [row]);
    return view!;
  });
}

async function loadForCheck(tx: Db, actor: Actor, id: string, valueId: string, version: number) {
  requireAccess(actor, PERMISSION);
  const campaign = await loadCampaign(tx, actor, id);
  const [row] = await tx
    .select()
    .from(campaignValues)
    .where(and(eq(campaignValues.id, valueId), eq(campaignValues.campaignId, id)))
    .for('update');
  if (!row) throw notFound('填报数据');
  if (!manages(actor, campaign)) throw forbidden('只有主办单位（及其上级）可以核实数据');
  if (campaign.state !== 'active') throw conflict('竞赛已结束，不能再核实');
  if (row.version !== version) throw staleVersion();
  if (row.state !== 'reported')
    throw conflict(row.state === 'accepted' ? '该数据已核实' : '该数据已退回，待重新填报');
  return { campaign, row };
}

/** Accepts a reported value: from now on it counts in the totals. */
export async function acceptValue(
  actor: Actor,
  id: string,
  valueId: string,
  input: Parsed<typeof AcceptBody>,
): Promise<ValueView> {
  return db.transaction(async (tx) => {
    const { campaign, row } = await loadForCheck(tx, actor, id, valueId, input.version);
    const at = now();
    const [updated] = await tx
      .update(campaignValues)
      .set({ state: 'accepted', checkedBy: actor.id, checkedAt: at, version: row.version + 1, updatedAt: at })
      .where(eq(campaignValues.id, row.id))
      .returning();
    await recordValueEvent(tx, actor, row.id, 'accepted', row.value, null);
    await audit(tx, actor, {
      action: 'competition.campaign.value.accept',
      entity: 'campaignValue',
      entityId: row.id,
      orgPath: row.orgPath,
      before: { state: row.state },
      after: { state: 'accepted' },
    });
    const [view] = await presentValues(tx, actor, campaign, [updated!]);
    return view!;
  });
}

/** Returns a reported value to its unit with a reason, to be reported again. */
export async function returnValue(
  actor: Actor,
  id: string,
  valueId: string,
  input: Parsed<typeof ReturnBody>,
): Promise<ValueView> {
  return db.transaction(async (tx) => {
    const { campaign, row } = await loadForCheck(tx, actor, id, valueId, input.version);
    const at = now();
    const [updated] = await tx
      .update(campaignValues)
      .set({
        state: 'returned',
        returnReason: input.reason,
        checkedBy: actor.id,
        checkedAt: at,
        version: row.version + 1,
        updatedAt: at,
      })
      .where(eq(campaignValues.id, row.id))
      .returning();
    await recordValueEvent(tx, actor, row.id, 'returned', row.value, input.reason);
    await audit(tx, actor, {
      action: 'competition.campaign.value.return',
      entity: 'campaignValue',
      entityId: row.id,
      orgPath: row.orgPath,
      before: { state: row.state },
      after: { state: 'returned', reason: input.reason },
    });
    const [view] = await presentValues(tx, actor, campaign, [updated!]);
    return view!;
  });
}
