// Figures from the bulletin: an adopted item about a competition is linked to it by its
// organiser, and the figures found in the item's text (415项, 32.27亿美元, 49位) are offered as
// values of the indicator whose unit of measure fits, converted to that unit exactly. The
// organiser accepts a figure as a participant's value of a period: it counts at once (accepted),
// keeps the item as its source, and the same figure is never accepted twice.
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { requireAccess, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db, execute, type Db } from '../../platform/db/client';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { now } from '../../platform/clock';
import {
  adoptedItemsByIds,
  searchAdoptedItems,
  type AdoptedItem,
} from '../../bulletin/adopted-items-service';
import {
  FigureAcceptBody,
  SourceLinkBody,
  SourceSearchQuery,
  type SourceList,
  type SourceView,
  type ValueView,
} from './contract';
import { indicatorsOf, loadCampaign, loadManaged, PERMISSION, type IndicatorRow } from './campaigns-service';
import { checkIndicator, checkPeriod, participantOf, presentValues, recordValueEvent } from './values';
import { shiftDown, trimDecimal } from './periods';
import { campaignSources, campaignValues } from './tables';

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

const MAGNITUDES: [string, number][] = [
  ['万亿', 12],
  ['亿', 8],
  ['万', 4],
  ['千', 3],
  ['百', 2],
];
/** Units that count the same thing (49位 advanced individuals are 49 人). */
const SAME: Record<string, string> = { 位: '人', 名: '人', 人: '人', 个: '个', 家: '家' };
const base = (unit: string) => SAME[unit] ?? unit;

/** An indicator's unit split into its magnitude (亿美元 → 8, 美元) and its base unit. */
export function splitUnit(unit: string): { power: number; base: string } {
  for (const [word, power] of MAGNITUDES)
    if (unit.startsWith(word) && unit.length > word.length)
      return { power, base: base(unit.slice(word.length)) };
  return { power: 0, base: base(unit) };
}

/** The indicator a figure fits, with the figure in the indicator's unit (exact). */
export function suggest(
  figure: { value: string; unit: string },
  indicators: Pick<IndicatorRow, 'id' | 'name' | 'unit'>[],
): { indicatorId: string; indicatorName: string; value: string } | null {
  if (!figure.unit) return null;
  for (const i of indicators) {
    const u = splitUnit(i.unit);
    if (u.base === base(figure.unit))
      return { indicatorId: i.id, indicatorName: i.name, value: shiftDown(figure.value, u.power) };
  }
  return null;
}

async function presentSources(tx: Db, campaignId: string, items: AdoptedItem[]): Promise<SourceView[]> {
  const indicators = await indicatorsOf(tx, campaignId);
  const accepted = await tx
    .select({
      id: campaignValues.id,
      item: campaignValues.sourceItemId,
      position: campaignValues.sourcePosition,
    })
    .from(campaignValues)
    .where(and(eq(campaignValues.campaignId, campaignId), isNotNull(campaignValues.sourceItemId)));
  const sums = await execute<{ id: string; total: string | null }>(
    tx,
    sql`select indicator_id::text as id, sum(value)::text as total from campaign_values
        where campaign_id = ${campaignId} and state = 'accepted' group by indicator_id`,
  );
  const totalOf = (indicatorId: string | undefined) => {
    const indicator = indicators.find((i) => i.id === indicatorId);
    if (!indicator || indicator.rollup !== 'sum') return null;
    return trimDecimal(sums.find((s) => s.id === indicatorId)?.total ?? '0');
  };
  return items.map((item) => ({
    itemId: item.id,
    title: item.title,
    adoptedOn: item.adoptedOn,
    org: { id: item.orgId, name: item.orgName },
    figures: item.figures.map((f) => ({
      position: f.position,
      raw: f.raw,
      unit: f.unit,
      approximate: f.approximate,
      suggestion: suggest(f, indicators),
      acceptedTotal: totalOf(suggest(f, indicators)?.indicatorId),
      acceptedValueId: accepted.find((a) => a.item === item.id && a.position === f.position)?.id ?? null,
    })),
  }));
}

/** The bulletin items linked to a competition the actor sees, with their figures. */
export async function listSources(actor: Actor, id: string): Promise<SourceList> {
  requireAccess(actor, PERMISSION);
  return db.readTransaction(async (tx) => {
    await loadCampaign(tx, actor, id);
    const links = await tx
      .select()
      .from(campaignSources)
      .where(eq(campaignSources.campaignId, id))
      .orderBy(asc(campaignSources.linkedAt));
    const items = await adoptedItemsByIds(
      tx,
      links.map((l) => l.itemId),
    );
    return {
      items: await presentSources(
        tx,
        id,
        links.flatMap((l) => items.get(l.itemId) ?? []),
      ),
    };
  });
}

/** Adopted items of the organiser's scope matching `q` that are not linked yet. */
export async function searchSources(
  actor: Actor,
  id: string,
  query: Parsed<typeof SourceSearchQuery>,
): Promise<SourceList> {
  return db.transaction(async (tx) => {
    await loadManaged(tx, actor, id);
    const linked = await tx.select().from(campaignSources).where(eq(campaignSources.campaignId, id));
    const found = await searchAdoptedItems(tx, actor.scopePath, query.q ?? undefined, 20 + linked.length);
    return {
      items: await presentSources(
        tx,
        id,
        found.filter((i) => !linked.some((l) => l.itemId === i.id)).slice(0, 20),
      ),
    };
  });
}

/** Links an adopted item of the organiser's scope to the competition. */
export async function linkSource(
  actor: Actor,
  id: string,
  input: Parsed<typeof SourceLinkBody>,
): Promise<SourceList> {
  await db.transaction(async (tx) => {
    const campaign = await loadManaged(tx, actor, id);
    const item = (await adoptedItemsByIds(tx, [input.itemId])).get(input.itemId);
    if (!item || !item.orgPath.startsWith(actor.scopePath))
      throw invalidField('itemId', '所选信息不存在、尚未录用，或不在您的管理范围内');
    const [already] = await tx
      .select()
      .from(campaignSources)
      .where(and(eq(campaignSources.campaignId, id), eq(campaignSources.itemId, item.id)));
    if (already)
      throw conflict('该信息已关联到本竞赛', [{ field: 'itemId', message: '该信息已关联到本竞赛' }]);
    await tx
      .insert(campaignSources)
      .values({ campaignId: id, itemId: item.id, linkedBy: actor.id, linkedAt: now() });
    await audit(tx, actor, {
      action: 'competition.campaign.source.link',
      entity: 'campaign',
      entityId: id,
      orgPath: campaign.orgPath,
      after: { itemId: item.id, title: item.title },
    });
  });
  return listSources(actor, id);
}

/** Accepts a figure of a linked item as a participant's value of a period, keeping its source. */
export async function acceptFigure(
  actor: Actor,
  params: { id: string; itemId: string; position: number },
  input: Parsed<typeof FigureAcceptBody>,
): Promise<ValueView> {
  return db.transaction(async (tx) => {
    const campaign = await loadManaged(tx, actor, params.id);
    const [link] = await tx
      .select()
      .from(campaignSources)
      .where(and(eq(campaignSources.campaignId, campaign.id), eq(campaignSources.itemId, params.itemId)));
    if (!link) throw notFound('关联的信息');
    const item = (await adoptedItemsByIds(tx, [params.itemId])).get(params.itemId);
    const figure = item?.figures.find((f) => f.position === params.position);
    if (!figure) throw invalidField('position', '该信息中没有这个数字');
    if (campaign.state !== 'active') throw conflict('竞赛已结束，不能再采用数据');
    const participant = await participantOf(tx, campaign.id, input.participantId);
    const indicators = await indicatorsOf(tx, campaign.id);
    const indicator = indicators.find((i) => i.id === input.indicatorId);
    if (!indicator) throw invalidField('indicatorId', '指标不属于本竞赛');
    const fits = suggest(figure, [indicator]);
    const value = input.value ?? fits?.value;
    if (!value)
      throw invalidField(
        'value',
        `数字“${figure.raw}”的单位与指标的计量单位（${indicator.unit}）不一致，请填写换算后的数值`,
      );
    await checkIndicator(tx, campaign.id, indicator.id, value);
    checkPeriod(campaign, input.period);
    const [taken] = await tx
      .select({ id: campaignValues.id })
      .from(campaignValues)
      .where(
        and(
          eq(campaignValues.campaignId, campaign.id),
          eq(campaignValues.sourceItemId, params.itemId),
          eq(campaignValues.sourcePosition, params.position),
        ),
      );
    if (taken)
      throw conflict(`数字“${figure.raw}”已被采用，不能重复采用`, [
        { field: 'position', message: '该数字已被采用' },
      ]);
    const [occupied] = await tx
      .select({ id: campaignValues.id })
      .from(campaignValues)
      .where(
        and(
          eq(campaignValues.indicatorId, indicator.id),
          eq(campaignValues.participantId, participant.id),
          eq(campaignValues.period, input.period),
        ),
      );
    if (occupied)
      throw conflict('该参赛对象本期的这项指标已有数据', [
        { field: 'participantId', message: '该参赛对象本期的这项指标已有数据' },
      ]);
    const at = now();
    const [row] = await tx
      .insert(campaignValues)
      .values({
        id: newId(),
        campaignId: campaign.id,
        indicatorId: indicator.id,
        participantId: participant.id,
        period: input.period,
        value,
        note: `采自工作动态：${item!.title}`,
        state: 'accepted',
        orgPath: participant.orgPath,
        sourceItemId: params.itemId,
        sourcePosition: params.position,
        reportedBy: actor.id,
        reportedAt: at,
        checkedBy: actor.id,
        checkedAt: at,
      })
      .returning();
    await recordValueEvent(tx, actor, row!.id, 'fromBulletin', value, figure.raw);
    await audit(tx, actor, {
      action: 'competition.campaign.value.fromBulletin',
      entity: 'campaignValue',
      entityId: row!.id,
      orgPath: row!.orgPath,
      after: row,
    });
    const [view] = await presentValues(tx, actor, campaign, [row!]);
    return view!;
  });
}
