// Seasonal campaigns (送清凉 in summer, 送温暖 in winter): each unit runs one per season and year,
// its cadres and those below record the deliveries (an enterprise or a place, the people reached
// by group and some by name, money and goods given), and a federation sees a season's totals for
// itself and each unit below, in the shape it reports upward.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { requireAccess, scopeFilter, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { conflict, forbidden, invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { childrenOf, likeText, loadOrg, orgNamesByPath, orgRefs } from '../orgs/service';
import { userRefs } from '../orgs/users-service';
import { enterpriseRefs } from '../enterprises/service';
import {
  CAMPAIGN_GROUPS,
  SEASON_LABELS,
  type CampaignBody,
  type CampaignGroup,
  type CampaignPatch,
  type CampaignQuery,
  type CampaignSeason,
  type CampaignTotals,
  type CampaignTotalsQuery,
  type CampaignTotalsView,
  type CampaignView,
  type CampaignVisitBody,
  type CampaignVisitPage,
  type CampaignVisitQuery,
  type CampaignVisitUpdate,
  type CampaignVisitView,
} from './contract';
import { pageRows, sees, servedEnterprise } from './guards';
import { serviceCampaigns, serviceCampaignVisits } from './tables';

type CampaignRow = typeof serviceCampaigns.$inferSelect;
type CampaignVisitRow = typeof serviceCampaignVisits.$inferSelect;
type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

/** The unit kinds that run a campaign: federations and township unions. */
const RUNNING_KINDS = new Set(['cityFederation', 'districtFederation', 'townshipUnion']);

/** Whether the actor may change the campaign: it is run in their subtree. */
const runsCampaign = (actor: Actor, c: { orgPath: string }) =>
  actor.permissions.has('service:record') && c.orgPath.startsWith(actor.scopePath);

async function loadCampaign(tx: Db, actor: Actor, id: string): Promise<CampaignRow> {
  requireAccess(actor, 'service:read');
  const [row] = await tx.select().from(serviceCampaigns).where(eq(serviceCampaigns.id, id));
  if (!row || !sees(actor, row)) throw notFound('慰问活动');
  return row;
}

async function presentCampaigns(tx: Db, actor: Actor, rows: CampaignRow[]): Promise<CampaignView[]> {
  const orgsById = await orgRefs(
    tx,
    rows.map((r) => r.orgId),
  );
  const sums = rows.length
    ? await tx.execute<{ id: string; visits: number; people: number; money: number; goods: number }>(sql`
        select campaign_id as id, count(*) as visits, sum(people) as people,
          sum(money_fen) as money, sum(goods_value_fen) as goods
        from service_campaign_visits
        where campaign_id in (${sql.join(
          rows.map((r) => sql`${r.id}::uuid`),
          sql`, `,
        )}) and ${scopeFilter(actor, serviceCampaignVisits.orgPath)}
        group by 1`)
    : [];
  const byId = new Map(sums.map((s) => [s.id, s]));
  return rows.map((r) => {
    const s = byId.get(r.id);
    return {
      id: r.id,
      season: r.season as CampaignSeason,
      year: r.year,
      name: r.name,
      org: { id: r.orgId, name: orgsById.get(r.orgId)?.name ?? '' },
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      description: r.description,
      editable: runsCampaign(actor, r),
      totals: {
        visits: Number(s?.visits ?? 0),
        people: Number(s?.people ?? 0),
        moneyFen: Number(s?.money ?? 0),
        goodsValueFen: Number(s?.goods ?? 0),
      },
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** The campaigns the actor sees (of their subtree and those run above them), the newest first. */
export async function listCampaigns(
  actor: Actor,
  query: Parsed<typeof CampaignQuery>,
): Promise<{ items: CampaignView[] }> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const where: SQL[] = [
      sql`(${scopeFilter(actor, serviceCampaigns.orgPath)} or ${actor.scopePath} like ${serviceCampaigns.orgPath} || '%')`,
    ];
    if (query.season) where.push(eq(serviceCampaigns.season, query.season));
    if (query.year) where.push(eq(serviceCampaigns.year, query.year));
    const rows = await tx
      .select()
      .from(serviceCampaigns)
      .where(and(...where))
      .orderBy(desc(serviceCampaigns.startsOn), serviceCampaigns.orgPath)
      .limit(200);
    return { items: await presentCampaigns(tx, actor, rows) };
  });
}

export async function getCampaign(actor: Actor, id: string): Promise<CampaignView> {
  return db.readTransaction(
    async (tx) => (await presentCampaigns(tx, actor, [await loadCampaign(tx, actor, id)]))[0]!,
  );
}

/** Creates a unit's campaign of a season; a unit runs one per season and year. */
export async function createCampaign(
  actor: Actor,
  input: Parsed<typeof CampaignBody>,
): Promise<CampaignView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor, input.orgId ?? actor.orgId);
    if (!RUNNING_KINDS.has(org.kind)) {
      throw input.orgId
        ? invalidField('orgId', '慰问活动由市、市(区)总工会或乡镇(街道)工会组织')
        : forbidden('慰问活动由市、市(区)总工会或乡镇(街道)工会组织');
    }
    const [existing] = await tx
      .select({ id: serviceCampaigns.id })
      .from(serviceCampaigns)
      .where(
        and(
          eq(serviceCampaigns.orgId, org.id),
          eq(serviceCampaigns.season, input.season),
          eq(serviceCampaigns.year, input.year),
        ),
      );
    if (existing)
      throw conflict(
        `${org.name}的 ${input.year} 年${SEASON_LABELS[input.season]}活动已经建立，请在原活动中登记`,
      );
    const [row] = await tx
      .insert(serviceCampaigns)
      .values({
        id: newId(),
        orgId: org.id,
        orgPath: org.path,
        season: input.season,
        year: input.year,
        name: input.name ?? `${input.year}年${SEASON_LABELS[input.season]}`,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        description: input.description,
        createdBy: actor.id,
      })
      .returning();
    await audit(tx, actor, {
      action: 'service.createCampaign',
      entity: 'serviceCampaign',
      entityId: row!.id,
      orgPath: org.path,
      after: row,
    });
    return (await presentCampaigns(tx, actor, [row!]))[0]!;
  });
}

/** Changes a campaign's name, period or description; its deliveries must stay within the period. */
export async function updateCampaign(
  actor: Actor,
  id: string,
  input: Parsed<typeof CampaignPatch>,
): Promise<CampaignView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadCampaign(tx, actor, id);
    if (!runsCampaign(actor, before)) throw forbidden('只有组织该活动的单位可以修改');
    const startsOn = input.startsOn ?? before.startsOn;
    const endsOn = input.endsOn ?? before.endsOn;
    if (endsOn < startsOn) throw invalidField('endsOn', '结束日期不能早于开始日期');
    if (!startsOn.startsWith(`${before.year}-`)) throw invalidField('startsOn', '开始日期必须在活动年度内');
    const [outside] = await tx.execute<{ first: string; last: string }>(sql`
      select min(visited_on)::text as first, max(visited_on)::text as last
      from service_campaign_visits where campaign_id = ${id}`);
    if (outside?.first && outside.first < startsOn)
      throw invalidField('startsOn', `已有 ${outside.first} 的慰问记录，开始日期不能晚于该日`);
    if (outside?.last && outside.last > endsOn)
      throw invalidField('endsOn', `已有 ${outside.last} 的慰问记录，结束日期不能早于该日`);
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, serviceCampaigns, id, version, changes);
    await audit(tx, actor, {
      action: 'service.updateCampaign',
      entity: 'serviceCampaign',
      entityId: id,
      orgPath: before.orgPath,
      before,
      after,
    });
    return (await presentCampaigns(tx, actor, [after]))[0]!;
  });
}

// ---------- deliveries ----------

async function presentVisits(tx: Db, actor: Actor, rows: CampaignVisitRow[]): Promise<CampaignVisitView[]> {
  const campaigns = rows.length
    ? await tx
        .select()
        .from(serviceCampaigns)
        .where(
          sql`${serviceCampaigns.id} in (${sql.join(
            [...new Set(rows.map((r) => r.campaignId))].map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        )
    : [];
  const campaignById = new Map(campaigns.map((c) => [c.id, c]));
  const firms = await enterpriseRefs(
    tx,
    rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  const units = await orgNamesByPath(
    tx,
    rows.map((r) => r.orgPath),
  );
  const people = await userRefs(tx, [...new Set(rows.map((r) => r.createdBy))]);
  return rows.map((r) => {
    const c = campaignById.get(r.campaignId);
    const e = r.enterpriseId ? firms.get(r.enterpriseId) : undefined;
    return {
      id: r.id,
      campaign: {
        id: r.campaignId,
        name: c?.name ?? '',
        season: r.season as CampaignSeason,
        year: r.year,
      },
      enterprise: r.enterpriseId ? { id: r.enterpriseId, name: e?.name ?? '' } : null,
      place: r.place,
      orgName: e?.orgName ?? units.get(r.orgPath) ?? '',
      visitedOn: r.visitedOn,
      leaders: r.leaders,
      groups: Object.fromEntries(CAMPAIGN_GROUPS.map((g) => [g, Number(r.groups[g] ?? 0)])) as Record<
        CampaignGroup,
        number
      >,
      people: r.people,
      workers: r.workers.map((w) => ({ name: w.name, group: w.group as CampaignGroup, note: w.note })),
      moneyFen: r.moneyFen,
      goods: r.goods,
      goodsValueFen: r.goodsValueFen,
      note: r.note,
      editable: actor.permissions.has('service:record') && r.orgPath.startsWith(actor.scopePath),
      createdBy: { id: r.createdBy, name: people.get(r.createdBy)?.name ?? '' },
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

/** The row a delivery writes: checked against the campaign and the actor's scope. */
async function deliveryValues(
  tx: Db,
  actor: Actor,
  campaign: CampaignRow,
  input: Parsed<typeof CampaignVisitBody>,
) {
  if (input.visitedOn < campaign.startsOn || input.visitedOn > campaign.endsOn)
    throw invalidField('visitedOn', `慰问日期必须在活动期间（${campaign.startsOn} 至 ${campaign.endsOn}）内`);
  let orgPath: string;
  if (input.enterpriseId) {
    const e = await servedEnterprise(tx, actor, input.enterpriseId);
    if (!e.orgPath.startsWith(campaign.orgPath))
      throw invalidField('enterpriseId', `${e.name}不在本活动组织单位的范围内`);
    orgPath = e.orgPath;
  } else {
    // A place outside the registry counts under the recording unit, or the campaign's when deeper.
    orgPath = actor.scopePath.length > campaign.orgPath.length ? actor.scopePath : campaign.orgPath;
  }
  const groups = Object.fromEntries(CAMPAIGN_GROUPS.map((g) => [g, input.groups[g]]));
  return {
    campaignId: campaign.id,
    season: campaign.season,
    year: campaign.year,
    enterpriseId: input.enterpriseId ?? null,
    place: input.enterpriseId ? null : input.place,
    orgPath,
    visitedOn: input.visitedOn,
    leaders: input.leaders,
    groups,
    people: CAMPAIGN_GROUPS.reduce((n, g) => n + input.groups[g], 0),
    workers: input.workers,
    moneyFen: input.moneyFen,
    goods: input.goods,
    goodsValueFen: input.goodsValueFen,
    note: input.note,
  };
}

/** Records a delivery of a campaign the actor sees, at an enterprise or place in their scope. */
export async function createCampaignVisit(
  actor: Actor,
  campaignId: string,
  input: Parsed<typeof CampaignVisitBody>,
): Promise<CampaignVisitView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, actor, campaignId);
    const values = await deliveryValues(tx, actor, campaign, input);
    const [row] = await tx
      .insert(serviceCampaignVisits)
      .values({ id: newId(), ...values, createdBy: actor.id })
      .returning();
    await audit(tx, actor, {
      action: 'service.createCampaignVisit',
      entity: 'serviceCampaignVisit',
      entityId: row!.id,
      orgPath: row!.orgPath,
      after: row,
    });
    return (await presentVisits(tx, actor, [row!]))[0]!;
  });
}

async function loadDelivery(tx: Db, actor: Actor, id: string): Promise<CampaignVisitRow> {
  requireAccess(actor, 'service:read');
  const [row] = await tx.select().from(serviceCampaignVisits).where(eq(serviceCampaignVisits.id, id));
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('慰问记录');
  return row;
}

export async function getCampaignVisit(actor: Actor, id: string): Promise<CampaignVisitView> {
  return db.readTransaction(
    async (tx) => (await presentVisits(tx, actor, [await loadDelivery(tx, actor, id)]))[0]!,
  );
}

/** Corrects a delivery (versioned). */
export async function updateCampaignVisit(
  actor: Actor,
  id: string,
  input: Parsed<typeof CampaignVisitUpdate>,
): Promise<CampaignVisitView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadDelivery(tx, actor, id);
    const campaign = await loadCampaign(tx, actor, before.campaignId);
    const { version, ...body } = input;
    const values = await deliveryValues(tx, actor, campaign, body);
    const after = await updateVersioned(tx, serviceCampaignVisits, id, version, values);
    await audit(tx, actor, {
      action: 'service.updateCampaignVisit',
      entity: 'serviceCampaignVisit',
      entityId: id,
      orgPath: after.orgPath,
      before,
      after,
    });
    return (await presentVisits(tx, actor, [after]))[0]!;
  });
}

/** Deletes a delivery recorded in error (versioned; the audit keeps what it was). */
export async function deleteCampaignVisit(actor: Actor, id: string, version: number): Promise<{ ok: true }> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadDelivery(tx, actor, id);
    const gone = await tx
      .delete(serviceCampaignVisits)
      .where(and(eq(serviceCampaignVisits.id, id), eq(serviceCampaignVisits.version, version)))
      .returning({ id: serviceCampaignVisits.id });
    if (!gone.length) throw conflict('该记录已被他人修改，请刷新后重试');
    await audit(tx, actor, {
      action: 'service.deleteCampaignVisit',
      entity: 'serviceCampaignVisit',
      entityId: id,
      orgPath: before.orgPath,
      before,
    });
    return { ok: true as const };
  });
}

/** The deliveries in the actor's scope, the latest first. */
export async function listCampaignVisits(
  actor: Actor,
  query: Parsed<typeof CampaignVisitQuery>,
): Promise<CampaignVisitPage> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const t = serviceCampaignVisits;
    const where: SQL[] = [scopeFilter(actor, t.orgPath)];
    if (query.campaignId) {
      await loadCampaign(tx, actor, query.campaignId);
      where.push(eq(t.campaignId, query.campaignId));
    }
    if (query.season) where.push(eq(t.season, query.season));
    if (query.year) where.push(eq(t.year, query.year));
    if (query.orgId) {
      const org = await loadOrg(tx, actor, query.orgId);
      where.push(sql`${t.orgPath} like ${org.path + '%'}`);
    }
    if (query.q) {
      const like = `%${likeText(query.q)}%`;
      where.push(
        sql`(${t.place} like ${like} or ${t.enterpriseId} in (select id from enterprises where name like ${like}))`,
      );
    }
    const { rows, total } = await pageRows(
      tx,
      t,
      where,
      [desc(t.visitedOn), desc(t.createdAt), asc(t.id)],
      query,
    );
    return { items: await presentVisits(tx, actor, rows), total };
  });
}

// ---------- a season's totals up the tree ----------

const emptyTotals = (): CampaignTotals => ({
  campaigns: 0,
  visits: 0,
  places: 0,
  people: 0,
  moneyFen: 0,
  goodsValueFen: 0,
  groups: Object.fromEntries(CAMPAIGN_GROUPS.map((g) => [g, 0])) as Record<CampaignGroup, number>,
});

/** A season's deliveries in a unit's subtree (every campaign in it), for it and each unit below. */
export async function campaignTotals(
  actor: Actor,
  query: Parsed<typeof CampaignTotalsQuery>,
): Promise<CampaignTotalsView> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const node = await loadOrg(tx, actor, query.orgId ?? actor.orgId);
    const path = node.path;
    const below = sql.raw(`split_part(substr(org_path, ${path.length + 1}), '/', 1)`);
    const groupSums = CAMPAIGN_GROUPS.map((g) => sql`sum((groups->>${g})::int) as ${sql.identifier(g)}`);
    const visits = await tx.execute<Record<string, string | number>>(sql`
      select ${below} as k, count(*) as visits,
        count(distinct coalesce(enterprise_id::text, place)) as places,
        sum(people) as people, sum(money_fen) as money, sum(goods_value_fen) as goods,
        ${sql.join(groupSums, sql`, `)}
      from service_campaign_visits
      where season = ${query.season} and year = ${query.year} and org_path like ${path + '%'}
      group by 1`);
    const campaigns = await tx.execute<{ k: string; n: number }>(sql`
      select ${below} as k, count(*) as n from service_campaigns
      where season = ${query.season} and year = ${query.year} and org_path like ${path + '%'}
      group by 1`);
    const totalsOf = (key: string): CampaignTotals => {
      const v = visits.find((r) => String(r.k) === key);
      const c = campaigns.find((r) => String(r.k) === key);
      const t = emptyTotals();
      t.campaigns = Number(c?.n ?? 0);
      if (!v) return t;
      t.visits = Number(v.visits);
      t.places = Number(v.places);
      t.people = Number(v.people);
      t.moneyFen = Number(v.money);
      t.goodsValueFen = Number(v.goods);
      for (const g of CAMPAIGN_GROUPS) t.groups[g] = Number(v[g] ?? 0);
      return t;
    };
    const children = await childrenOf(tx, node.id);
    const rows: CampaignTotalsView['rows'] = children.map((c) => ({
      org: { id: c.id, name: c.name },
      ...totalsOf(c.path.slice(path.length, -1)),
    }));
    const own = totalsOf('');
    if (own.campaigns || own.visits) rows.push({ org: null, ...own });
    const total = emptyTotals();
    for (const r of rows) {
      for (const key of ['campaigns', 'visits', 'places', 'people', 'moneyFen', 'goodsValueFen'] as const)
        total[key] += r[key];
      for (const g of CAMPAIGN_GROUPS) total.groups[g] += r.groups[g];
    }
    // The same enterprise reached by two units counts once in the whole.
    const [distinct] = await tx.execute<{ n: number }>(sql`
      select count(distinct coalesce(enterprise_id::text, place)) as n from service_campaign_visits
      where season = ${query.season} and year = ${query.year} and org_path like ${path + '%'}`);
    total.places = Number(distinct?.n ?? 0);
    // Below a township stand grassroots unions: only those with something to count are rows.
    const shown =
      node.kind === 'townshipUnion' ? rows.filter((r) => r.org === null || r.visits || r.campaigns) : rows;
    return {
      season: query.season,
      year: query.year,
      org: { id: node.id, name: node.name },
      total,
      rows: shown,
    };
  });
}
