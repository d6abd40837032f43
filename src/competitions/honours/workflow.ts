// The nomination workflow (DOMAIN §5): a unit nominates (已推荐); staff of a unit above review it
// (审核通过, or 退回 with a reason, after which the unit may change it and send it again); the
// approved nomination is publicised for a number of days (公示中) during which objections are
// recorded and resolved; once the period has ended and every objection is resolved it is conferred
// (已授予); at any step before, or after, it may be revoked (撤销) with a reason. Each step checks
// the version the user saw, enters the trail, is audited and tells the nominating unit.
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { notify } from '../../platform/notifications';
import { addDays, chinaToday } from '../../platform/shared/dates';
import { loadOrg, orgChain, orgRefs } from '../../orgs/service';
import { enterpriseRefs } from '../../enterprises/service';
import {
  ACTION_STATES,
  HONOUR_STATE_LABELS,
  honourTitle,
  type ConferBody,
  type HonourAction,
  type HonourDetail,
  type HonourKind,
  type HonourLevel,
  type HonourState,
  type NominationBody,
  type NominationEditBody,
  type ObjectionBody,
  type PubliciseBody,
  type ResolveObjectionBody,
  type ReviewBody,
  type RevokeBody,
} from './contract';
import { conferBlockedBy, detailOf, mayAct, type HonourRow } from './service';
import { honourEvents, honourObjections, honours } from './tables';

type Out<T extends z.ZodType> = z.output<T>;
type Fields = Omit<Out<typeof NominationEditBody>, 'version'>;

const ACTION_LABELS: Record<HonourAction, string> = {
  edit: '修改',
  review: '审核',
  publicise: '公示',
  object: '登记异议',
  resolve: '处理异议',
  confer: '授予',
  revoke: '撤销',
};

/** The page a notification of an honour opens. */
export const honourLink = (id: string) => `/competitions/honours?honour=${id}`;

const describe = (r: Pick<HonourRow, 'recipientName' | 'kind' | 'name' | 'level' | 'year'>) =>
  `${r.recipientName}（${r.year}年${honourTitle({ kind: r.kind as HonourKind, name: r.name, level: r.level as HonourLevel })}）`;

/** Adds an entry to an honour's trail. */
export async function recordEvent(
  tx: Db,
  honourId: string,
  event: { kind: string; at: Date; actorId: string | null; orgId: string | null; text: string },
): Promise<void> {
  await tx.insert(honourEvents).values({ id: newId(), honourId, ...event });
}

/**
 * The recipient's columns from the fields: an enterprise or an organisation of the actor's scope
 * (404 outside it) gives its name; a person's or team's unit defaults to the linked one's name.
 */
export async function recipientOf(tx: Db, actor: Actor, input: Fields) {
  let enterprise: { id: string; name: string; orgPath: string } | null = null;
  if (input.enterpriseId) {
    const e = (await enterpriseRefs(tx, [input.enterpriseId])).get(input.enterpriseId);
    if (!e || !e.orgPath.startsWith(actor.scopePath)) throw notFound('企业');
    enterprise = e;
  }
  const org = input.recipientOrgId ? await loadOrg(tx, actor, input.recipientOrgId, '获奖组织') : null;
  const person = input.recipientKind === 'person' || input.recipientKind === 'team';
  const recipientName = person
    ? input.recipientName!
    : input.recipientKind === 'enterprise'
      ? enterprise!.name
      : org!.name;
  return {
    kind: input.kind,
    name: input.name ?? null,
    level: input.level,
    year: input.year,
    awardingBody: input.awardingBody,
    recipientKind: input.recipientKind,
    recipientName,
    gender: input.recipientKind === 'person' ? (input.gender ?? null) : null,
    jobTitle: input.recipientKind === 'person' ? (input.jobTitle ?? null) : null,
    unitName: person ? (input.unitName ?? enterprise?.name ?? org?.name ?? null) : null,
    enterpriseId: input.recipientKind === 'org' ? null : (enterprise?.id ?? null),
    recipientOrgId: input.recipientKind === 'enterprise' ? null : (org?.id ?? null),
    note: input.note ?? null,
  };
}

/** Tells the competition staff of the unit above the nominating unit that a nomination waits. */
async function notifyReviewers(tx: Db, row: HonourRow, what: string) {
  const chain = await orgChain(tx, row.orgPath);
  const above = chain.length >= 2 ? chain[chain.length - 2]! : null;
  if (!above) return;
  await notify(tx, {
    orgPath: row.orgPath,
    link: honourLink(row.id),
    text: `${describe(row)}${what}，请审核`,
    audience: { permission: 'competition:manage', unitsOf: [above.id] },
  });
}

const unitName = async (tx: Db, actor: Actor) =>
  (await orgRefs(tx, [actor.orgId])).get(actor.orgId)?.name ?? actor.displayName;

/** Nominates a person, team, enterprise union or organisation for an honour (推荐). */
export async function nominate(actor: Actor, input: Out<typeof NominationBody>): Promise<HonourDetail> {
  requireAccess(actor, 'competition:manage');
  return db.transaction(async (tx) => {
    const unit = await loadOrg(tx, actor, input.orgId ?? actor.orgId, '推荐单位');
    const values = await recipientOf(tx, actor, input);
    const at = now();
    const [row] = await tx
      .insert(honours)
      .values({
        id: newId(),
        ...values,
        nominatingOrgId: unit.id,
        nominatingUnitName: unit.name,
        orgPath: unit.path,
        state: 'nominated',
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await recordEvent(tx, row!.id, {
      kind: 'nominated',
      at,
      actorId: actor.id,
      orgId: actor.orgId,
      text: `${unit.name}推荐`,
    });
    await notifyReviewers(tx, row!, `由${unit.name}推荐`);
    await audit(tx, actor, {
      action: 'honour.nominate',
      entity: 'honour',
      entityId: row!.id,
      orgPath: row!.orgPath,
      after: row,
    });
    return detailOf(tx, actor, row!);
  });
}

/**
 * Loads the honour for `action` under a lock: 404 outside the actor's scope, 403 for someone who
 * may not take it, 409 when its state does not allow it or the version is stale.
 */
async function loadFor(tx: Db, actor: Actor, id: string, action: HonourAction, version: number) {
  requireAccess(actor, 'competition:manage');
  const [row] = await tx.select().from(honours).where(eq(honours.id, id)).for('update');
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('荣誉');
  if (!mayAct(actor, row, action))
    throw forbidden(
      action === 'edit' ? '导入的历史荣誉不能在此修改' : '推荐由推荐单位的上级工会审核、公示和授予',
    );
  if (!ACTION_STATES[action].includes(row.state as HonourState))
    throw conflict(
      `该荣誉当前为“${HONOUR_STATE_LABELS[row.state as HonourState]}”，不能${ACTION_LABELS[action]}`,
    );
  if (row.version !== version) throw staleVersion();
  return row;
}

/** Writes the change, its trail entry, the audit and a notice to the nominating unit. */
async function move(
  tx: Db,
  actor: Actor,
  row: HonourRow,
  values: Partial<typeof honours.$inferInsert>,
  event: { kind: string; text: string },
  notice: string | null,
): Promise<HonourDetail> {
  const at = now();
  const [updated] = await tx
    .update(honours)
    .set({ ...values, version: row.version + 1, updatedAt: at })
    .where(and(eq(honours.id, row.id), eq(honours.version, row.version)))
    .returning();
  if (!updated) throw staleVersion();
  await recordEvent(tx, row.id, {
    kind: event.kind,
    at,
    actorId: actor.id,
    orgId: actor.orgId,
    text: event.text,
  });
  await audit(tx, actor, {
    action: `honour.${event.kind}`,
    entity: 'honour',
    entityId: row.id,
    orgPath: row.orgPath,
    before: row,
    after: updated,
  });
  if (notice && row.nominatingOrgId && actor.orgId !== row.nominatingOrgId)
    await notify(tx, {
      orgPath: row.orgPath,
      link: honourLink(row.id),
      text: `${describe(updated)}${notice}`,
      audience: { permission: 'competition:manage', unitsOf: [row.nominatingOrgId] },
    });
  return detailOf(tx, actor, updated);
}

/** Changes a nomination not yet reviewed, or a returned one, which is sent again for review. */
export async function editNomination(
  actor: Actor,
  id: string,
  input: Out<typeof NominationEditBody>,
): Promise<HonourDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'edit', input.version);
    const values = await recipientOf(tx, actor, input);
    const resent = row.state === 'returned';
    const detail = await move(
      tx,
      actor,
      row,
      { ...values, state: 'nominated', returnReason: resent ? row.returnReason : null },
      { kind: resent ? 'resubmitted' : 'edited', text: resent ? '修改后重新推荐' : '修改推荐材料' },
      null,
    );
    if (resent) await notifyReviewers(tx, { ...row, ...values }, '修改后重新推荐');
    return detail;
  });
}

/** Reviews a nomination: approves it, or returns it to the nominating unit with the reason. */
export async function reviewNomination(
  actor: Actor,
  id: string,
  input: Out<typeof ReviewBody>,
): Promise<HonourDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'review', input.version);
    const unit = await unitName(tx, actor);
    if (input.decision === 'approve')
      return move(
        tx,
        actor,
        row,
        { state: 'approved', returnReason: null },
        { kind: 'approved', text: `${unit}审核通过` },
        '的推荐已审核通过',
      );
    return move(
      tx,
      actor,
      row,
      { state: 'returned', returnReason: input.reason },
      { kind: 'returned', text: `${unit}退回：${input.reason}` },
      `的推荐被退回：${input.reason}`,
    );
  });
}

/** Starts the publicity (公示) of an approved nomination: from a day, for a number of days. */
export async function publiciseNomination(
  actor: Actor,
  id: string,
  input: Out<typeof PubliciseBody>,
): Promise<HonourDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'publicise', input.version);
    const endsOn = addDays(input.startsOn, input.days - 1);
    return move(
      tx,
      actor,
      row,
      {
        state: 'publicising',
        publicityStartsOn: input.startsOn,
        publicityDays: input.days,
        publicityEndsOn: endsOn,
      },
      { kind: 'publicised', text: `公示 ${input.days} 天（${input.startsOn} 至 ${endsOn}）` },
      `进入公示（${input.startsOn} 至 ${endsOn}）`,
    );
  });
}

/** Records an objection received during the publicity. */
export async function recordObjection(
  actor: Actor,
  id: string,
  input: Out<typeof ObjectionBody>,
): Promise<HonourDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'object', input.version);
    if (row.publicityStartsOn && input.receivedOn < row.publicityStartsOn)
      throw invalidField('receivedOn', `收到异议日期不能早于公示开始日期 ${row.publicityStartsOn}`);
    if (input.receivedOn > chinaToday(now())) throw invalidField('receivedOn', '收到异议日期不能晚于今天');
    await tx.insert(honourObjections).values({
      id: newId(),
      honourId: row.id,
      receivedOn: input.receivedOn,
      content: input.content,
      recordedBy: actor.id,
    });
    return move(
      tx,
      actor,
      row,
      { openObjections: row.openObjections + 1 },
      { kind: 'objection', text: `${input.receivedOn} 收到异议：${input.content}` },
      '公示期间收到异议，正在核实处理',
    );
  });
}

/** Records how an objection was resolved. */
export async function resolveObjection(
  actor: Actor,
  id: string,
  objectionId: string,
  input: Out<typeof ResolveObjectionBody>,
): Promise<HonourDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'resolve', input.version);
    const [objection] = await tx
      .select()
      .from(honourObjections)
      .where(and(eq(honourObjections.id, objectionId), eq(honourObjections.honourId, row.id)));
    if (!objection) throw notFound('异议');
    if (objection.resolvedOn) throw conflict('该异议已处理');
    if (input.resolvedOn < objection.receivedOn)
      throw invalidField('resolvedOn', `处理日期不能早于收到异议的日期 ${objection.receivedOn}`);
    if (input.resolvedOn > chinaToday(now())) throw invalidField('resolvedOn', '处理日期不能晚于今天');
    await tx
      .update(honourObjections)
      .set({ resolvedOn: input.resolvedOn, resolution: input.resolution })
      .where(eq(honourObjections.id, objection.id));
    return move(
      tx,
      actor,
      row,
      { openObjections: Math.max(row.openObjections - 1, 0) },
      { kind: 'resolved', text: `异议处理：${input.resolution}` },
      null,
    );
  });
}

/** Confers the honour (授予): only after the publicity ended with every objection resolved. */
export async function conferHonour(
  actor: Actor,
  id: string,
  input: Out<typeof ConferBody>,
): Promise<HonourDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'confer', input.version);
    const blocked = conferBlockedBy(row);
    if (blocked) throw conflict(blocked);
    const on = input.conferredOn ?? chinaToday(now());
    if (row.publicityEndsOn && on <= row.publicityEndsOn)
      throw invalidField('conferredOn', `授予日期应在公示期满（${row.publicityEndsOn}）之后`);
    return move(
      tx,
      actor,
      row,
      { state: 'conferred', conferredOn: on },
      { kind: 'conferred', text: `${on} 授予` },
      '已授予',
    );
  });
}

/** Revokes a nomination (withdrawn) or a conferred honour, with the reason. */
export async function revokeHonour(
  actor: Actor,
  id: string,
  input: Out<typeof RevokeBody>,
): Promise<HonourDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'revoke', input.version);
    return move(
      tx,
      actor,
      row,
      { state: 'revoked', revokeReason: input.reason },
      { kind: 'revoked', text: `撤销：${input.reason}` },
      `已撤销：${input.reason}`,
    );
  });
}
