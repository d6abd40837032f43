// The designation of a studio (DOMAIN §6): the host unit's union (or a union above it) applies
// (已申报); the district or industry union above recommends (已推荐); the city reviews, approving
// (审核通过) or returning it with a reason (已退回, after which the applicant changes it and sends
// it again); the city designates the approved studio in a named batch of its level, whose plaque
// date it takes (已命名挂牌). A designated studio may apply to move up a level in a later batch,
// keeping the level it holds meanwhile, and the city may revoke it (摘牌) with a reason. Each step
// checks the version the user saw, enters the trail, is audited and tells the next unit. Members
// join and leave with dates, so that the studio's history of people stays.
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { requireAccess, type Actor, type Permission } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { notify } from '../../platform/notifications';
import { chinaToday } from '../../platform/shared/dates';
import { loadOrg, orgChain, orgRefs } from '../../orgs/service';
import { enterpriseRefs } from '../../enterprises/service';
import { modelWorkerRefs } from '../workers/workers-service';
import {
  STUDIO_ACTION_LABELS,
  STUDIO_LEVEL_LABELS,
  STUDIO_STATE_LABELS,
  type AddMemberBody,
  type DesignateBody,
  type MemberInput,
  type MemberLeaveBody,
  type StudioAction,
  type StudioApplyBody,
  type StudioDetail,
  type StudioEditBody,
  type StudioLevel,
  type StudioReviewBody,
  type StudioRevokeBody,
  type StudioState,
  type StudioVersionBody,
  type UpgradeBody,
} from './contract';
import { detailOf, mayAct, movesUp, stateAllows } from './service';
import { recordStudioEvent, revokeStudio, studioDistrictPath, type StudioRow } from './studios-service';
import { studioBatches, studioDesignations, studioMembers, studios } from './tables';

type Out<T extends z.ZodType> = z.output<T>;
type Fields = Omit<Out<typeof StudioEditBody>, 'version'>;

/** The page a notification of a studio opens. */
export const studioLink = (id: string) => `/studios/${id}`;

const PERMISSION_OF: Record<StudioAction, Permission | readonly Permission[]> = {
  edit: 'studio:apply',
  resubmit: 'studio:apply',
  upgrade: 'studio:apply',
  recommend: 'studio:manage',
  review: 'studio:manage',
  designate: 'studio:manage',
  revoke: 'studio:manage',
  members: ['studio:apply', 'studio:manage'],
};

const REFUSALS: Record<StudioAction, string> = {
  edit: '只有申报一方可以修改申报材料',
  resubmit: '只有申报一方可以重新申报',
  upgrade: '只有申报一方可以申报晋级',
  recommend: '申报由申报单位所在的区（县级市）或产业工会推荐',
  review: '申报由市总工会审核',
  designate: '工作室由市总工会命名',
  revoke: '摘牌由市总工会决定',
  members: '您不能管理该工作室的成员',
};

const unitName = async (tx: Db, actor: Actor) =>
  (await orgRefs(tx, [actor.orgId])).get(actor.orgId)?.name ?? actor.displayName;

/** The leader: a model worker of the register who is alive (400 naming `field` otherwise). */
async function leaderOf(tx: Db, id: string, field = 'leaderId') {
  const worker = (await modelWorkerRefs(tx, [id])).get(id);
  if (!worker) throw invalidField(field, '负责人须是劳模名册中的劳模，请从名册中选择');
  if (worker.status === 'deceased') throw invalidField(field, `${worker.name}已故，不能担任负责人`);
  return worker;
}

/**
 * The host unit's columns: an enterprise of the registry or an organisation of the actor's scope
 * (404 outside it) gives its name; otherwise the typed name.
 */
async function hostOf(tx: Db, actor: Actor, input: Fields) {
  if (input.enterpriseId && input.hostOrgId)
    throw invalidField('hostOrgId', '承载单位请在企业名录和工会组织中选择其一');
  if (input.enterpriseId) {
    const firm = (await enterpriseRefs(tx, [input.enterpriseId])).get(input.enterpriseId);
    if (!firm || !firm.orgPath.startsWith(actor.scopePath)) throw notFound('承载企业');
    return { enterpriseId: firm.id, hostOrgId: null, hostUnitName: firm.name };
  }
  if (input.hostOrgId) {
    const org = await loadOrg(tx, actor, input.hostOrgId, '承载单位');
    return { enterpriseId: null, hostOrgId: org.id, hostUnitName: input.hostUnitName ?? org.name };
  }
  if (!input.hostUnitName) throw invalidField('hostUnitName', '请选择承载企业或单位，或填写承载单位名称');
  return { enterpriseId: null, hostOrgId: null, hostUnitName: input.hostUnitName };
}

/** The members named in an application or added: each with a name, model workers checked. */
async function membersOf(tx: Db, members: readonly Out<typeof MemberInput>[], prefix: (i: number) => string) {
  const workers = await modelWorkerRefs(
    tx,
    members.flatMap((m) => (m.modelWorkerId ? [m.modelWorkerId] : [])),
  );
  return members.map((m, i) => {
    const worker = m.modelWorkerId ? workers.get(m.modelWorkerId) : undefined;
    if (m.modelWorkerId && !worker)
      throw invalidField(`${prefix(i)}modelWorkerId`, '该成员不在劳模名册中，请重新选择或不选');
    const name = m.name ?? worker?.name;
    if (!name) throw invalidField(`${prefix(i)}name`, '请填写成员姓名');
    return { name, position: m.position ?? null, modelWorkerId: worker?.id ?? null };
  });
}

/** The district (or industry union) above the studio's applicant, and the city at the top. */
async function unitsAbove(tx: Db, row: Pick<StudioRow, 'orgPath'>) {
  const chain = await orgChain(tx, row.orgPath);
  const districtPath = studioDistrictPath(row.orgPath);
  return {
    city: chain[0] ?? null,
    district: districtPath ? (chain.find((o) => o.path === districtPath) ?? null) : null,
  };
}

/** Tells the district above the applicant that an application waits for its recommendation. */
async function notifyDistrict(tx: Db, actor: Actor, row: StudioRow, what: string) {
  const { district } = await unitsAbove(tx, row);
  if (!district || district.id === actor.orgId) return;
  await notify(tx, {
    orgPath: row.orgPath,
    link: studioLink(row.id),
    text: `${row.name}${what}，请推荐`,
    audience: { permission: 'studio:manage', unitsOf: [district.id] },
  });
}

/** Tells the city's studio staff that a studio waits for them. */
async function notifyCity(tx: Db, row: StudioRow, text: string) {
  const { city } = await unitsAbove(tx, row);
  if (!city) return;
  await notify(tx, {
    orgPath: row.orgPath,
    link: studioLink(row.id),
    text: `${row.name}${text}`,
    audience: { permission: 'studio:manage', unitsOf: [city.id] },
  });
}

/** Tells the applying union what became of its studio. */
async function notifyApplicant(tx: Db, actor: Actor, row: StudioRow, text: string) {
  if (row.applicantOrgId === actor.orgId) return;
  await notify(tx, {
    orgPath: row.orgPath,
    link: studioLink(row.id),
    text: `${row.name}${text}`,
    audience: { permission: 'studio:apply', unitsOf: [row.applicantOrgId] },
  });
}

/** Applies for a studio (申报) led by a model worker, hosted by an enterprise or a unit. */
export async function applyForStudio(
  actor: Actor,
  input: Out<typeof StudioApplyBody>,
): Promise<StudioDetail> {
  requireAccess(actor, 'studio:apply');
  return db.transaction(async (tx) => {
    const applicant = await loadOrg(tx, actor, input.orgId ?? actor.orgId, '申报单位');
    const host = await hostOf(tx, actor, input);
    const leader = await leaderOf(tx, input.leaderId);
    const members = await membersOf(tx, input.members, (i) => `members.${i}.`);
    const at = now();
    const today = chinaToday(at);
    const [row] = await tx
      .insert(studios)
      .values({
        id: newId(),
        name: input.name,
        leaderId: leader.id,
        ...host,
        field: input.field,
        level: null,
        appliedLevel: input.appliedLevel,
        state: 'applied',
        introduction: input.introduction,
        applicantOrgId: applicant.id,
        orgPath: applicant.path,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    const studio = row!;
    await tx.insert(studioMembers).values([
      {
        id: newId(),
        studioId: studio.id,
        name: leader.name,
        modelWorkerId: leader.id,
        position: '负责人',
        role: 'leader',
        joinedOn: today,
      },
      ...members
        .filter((m) => m.modelWorkerId !== leader.id)
        .map((m) => ({ id: newId(), studioId: studio.id, ...m, role: 'member', joinedOn: today })),
    ]);
    await recordStudioEvent(tx, studio.id, {
      kind: 'applied',
      at,
      actorId: actor.id,
      orgId: actor.orgId,
      text: `${applicant.name}申报${STUDIO_LEVEL_LABELS[input.appliedLevel]}，负责人${leader.name}`,
    });
    await notifyDistrict(tx, actor, studio, `由${applicant.name}申报`);
    await audit(tx, actor, {
      action: 'studio.apply',
      entity: 'studio',
      entityId: studio.id,
      orgPath: studio.orgPath,
      after: { ...studio, members },
    });
    return detailOf(tx, actor, studio);
  });
}

/**
 * Loads the studio for `action` under a lock: 403 for a role that may never take it, 404 outside
 * the actor's scope, 403 for a unit that may not take it here, 409 for a state that does not
 * allow it or a stale version.
 */
async function loadFor(tx: Db, actor: Actor, id: string, action: StudioAction, version?: number) {
  requireAccess(actor, PERMISSION_OF[action]);
  const [row] = await tx.select().from(studios).where(eq(studios.id, id)).for('update');
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('劳模创新工作室');
  if (!mayAct(actor, action)) throw forbidden(REFUSALS[action]);
  if (!stateAllows(row, action))
    throw conflict(
      `该工作室当前为“${STUDIO_STATE_LABELS[row.state as StudioState]}”，不能${STUDIO_ACTION_LABELS[action]}`,
    );
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

/** Writes the change, its trail entry and the audit; returns the changed row. */
async function move(
  tx: Db,
  actor: Actor,
  row: StudioRow,
  values: Partial<typeof studios.$inferInsert>,
  event: { kind: string; text: string },
): Promise<StudioRow> {
  const at = now();
  const [updated] = await tx
    .update(studios)
    .set({ ...values, version: row.version + 1, updatedAt: at })
    .where(and(eq(studios.id, row.id), eq(studios.version, row.version)))
    .returning();
  if (!updated) throw staleVersion();
  await recordStudioEvent(tx, row.id, {
    kind: event.kind,
    at,
    actorId: actor.id,
    orgId: actor.orgId,
    text: event.text,
  });
  await audit(tx, actor, {
    action: `studio.${event.kind}`,
    entity: 'studio',
    entityId: row.id,
    orgPath: row.orgPath,
    before: row,
    after: updated,
  });
  return updated;
}

/** Changes an application not yet recommended, or a returned one (the applicant side). */
export async function editStudio(
  actor: Actor,
  id: string,
  input: Out<typeof StudioEditBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'edit', input.version);
    if (!movesUp(row.level, input.appliedLevel))
      throw invalidField(
        'appliedLevel',
        `该工作室已是${STUDIO_LEVEL_LABELS[row.level as StudioLevel]}，申报级别须高于现有级别`,
      );
    const host = await hostOf(tx, actor, input);
    const leader = await leaderOf(tx, input.leaderId);
    const updated = await move(
      tx,
      actor,
      row,
      {
        name: input.name,
        leaderId: leader.id,
        ...host,
        field: input.field,
        appliedLevel: input.appliedLevel,
        introduction: input.introduction,
      },
      { kind: 'edited', text: '修改申报材料' },
    );
    if (leader.id !== row.leaderId) {
      // Before its designation the application names its leader; the member row follows it.
      await tx
        .update(studioMembers)
        .set({ name: leader.name, modelWorkerId: leader.id })
        .where(
          and(
            eq(studioMembers.studioId, row.id),
            eq(studioMembers.role, 'leader'),
            isNull(studioMembers.leftOn),
          ),
        );
      await recordStudioEvent(tx, row.id, {
        kind: 'leader',
        actorId: actor.id,
        orgId: actor.orgId,
        text: `负责人改为${leader.name}`,
      });
    }
    return detailOf(tx, actor, updated);
  });
}

/** Sends a returned application again: it waits for the district's recommendation once more. */
export async function resubmitStudio(
  actor: Actor,
  id: string,
  input: Out<typeof StudioVersionBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'resubmit', input.version);
    const updated = await move(
      tx,
      actor,
      row,
      { state: 'applied', returnReason: null },
      { kind: 'resubmitted', text: '修改后重新申报' },
    );
    await notifyDistrict(tx, actor, updated, '修改后重新申报');
    return detailOf(tx, actor, updated);
  });
}

/** The district (or industry union) above the applicant recommends the application to the city. */
export async function recommendStudio(
  actor: Actor,
  id: string,
  input: Out<typeof StudioVersionBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'recommend', input.version);
    const unit = await unitName(tx, actor);
    const updated = await move(
      tx,
      actor,
      row,
      { state: 'recommended' },
      { kind: 'recommended', text: `${unit}推荐` },
    );
    await notifyCity(tx, updated, `由${unit}推荐，请审核`);
    return detailOf(tx, actor, updated);
  });
}

/** The city reviews a recommended application: approves it, or returns it with the reason. */
export async function reviewStudio(
  actor: Actor,
  id: string,
  input: Out<typeof StudioReviewBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'review', input.version);
    const unit = await unitName(tx, actor);
    if (input.decision === 'approve') {
      const updated = await move(
        tx,
        actor,
        row,
        { state: 'approved', returnReason: null },
        { kind: 'approved', text: `${unit}审核通过，待命名` },
      );
      return detailOf(tx, actor, updated);
    }
    const updated = await move(
      tx,
      actor,
      row,
      { state: 'returned', returnReason: input.reason },
      { kind: 'returned', text: `${unit}退回：${input.reason}` },
    );
    await notifyApplicant(tx, actor, updated, `的申报被退回：${input.reason}`);
    return detailOf(tx, actor, updated);
  });
}

/** The city designates an approved studio in a batch of the level applied for (命名挂牌). */
export async function designateStudio(
  actor: Actor,
  id: string,
  input: Out<typeof DesignateBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'designate', input.version);
    const [batch] = await tx.select().from(studioBatches).where(eq(studioBatches.id, input.batchId));
    if (!batch) throw notFound('命名批次');
    if (batch.level !== row.appliedLevel)
      throw invalidField(
        'batchId',
        `“${batch.name}”命名的是${STUDIO_LEVEL_LABELS[batch.level as StudioLevel]}，与申报的${STUDIO_LEVEL_LABELS[row.appliedLevel as StudioLevel]}不符`,
      );
    if (row.plaqueOn && batch.plaqueOn <= row.plaqueOn)
      throw invalidField('batchId', `晋级的命名批次须晚于该工作室上次挂牌的日期 ${row.plaqueOn}`);
    const upgraded = row.level !== null;
    const updated = await move(
      tx,
      actor,
      row,
      {
        state: 'designated',
        level: batch.level,
        batchId: batch.id,
        designatedOn: batch.plaqueOn,
        plaqueOn: batch.plaqueOn,
        returnReason: null,
      },
      {
        kind: 'designated',
        text: `${upgraded ? '晋级' : '命名'}为${STUDIO_LEVEL_LABELS[batch.level as StudioLevel]}（${batch.name}，${batch.plaqueOn} 挂牌）`,
      },
    );
    await tx.insert(studioDesignations).values({
      id: newId(),
      studioId: row.id,
      batchId: batch.id,
      level: batch.level,
      plaqueOn: batch.plaqueOn,
      designatedBy: actor.id,
    });
    await notifyApplicant(
      tx,
      actor,
      updated,
      `已命名为${STUDIO_LEVEL_LABELS[batch.level as StudioLevel]}（${batch.name}），${batch.plaqueOn} 挂牌`,
    );
    return detailOf(tx, actor, updated);
  });
}

/** A designated studio applies to move up a level; it keeps the level it holds meanwhile. */
export async function upgradeStudio(
  actor: Actor,
  id: string,
  input: Out<typeof UpgradeBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'upgrade', input.version);
    if (!movesUp(row.level, input.appliedLevel))
      throw invalidField(
        'appliedLevel',
        `该工作室已是${STUDIO_LEVEL_LABELS[row.level as StudioLevel]}，申报级别须高于现有级别`,
      );
    const updated = await move(
      tx,
      actor,
      row,
      {
        state: 'applied',
        appliedLevel: input.appliedLevel,
        introduction: input.introduction ?? row.introduction,
        returnReason: null,
      },
      { kind: 'upgrade', text: `申报晋级为${STUDIO_LEVEL_LABELS[input.appliedLevel]}` },
    );
    await notifyDistrict(tx, actor, updated, `申报晋级为${STUDIO_LEVEL_LABELS[input.appliedLevel]}`);
    return detailOf(tx, actor, updated);
  });
}

/** The city revokes a designated studio (摘牌) with the reason and the day. */
export async function revokeDesignation(
  actor: Actor,
  id: string,
  input: Out<typeof StudioRevokeBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'revoke', input.version);
    const today = chinaToday(now());
    const on = input.on ?? today;
    if (on > today) throw invalidField('on', '摘牌日期不能晚于今天');
    if (row.plaqueOn && on < row.plaqueOn)
      throw invalidField('on', `摘牌日期不能早于挂牌日期 ${row.plaqueOn}`);
    const updated = await revokeStudio(tx, actor, row, input.reason, on);
    await notifyApplicant(tx, actor, updated, `已摘牌：${input.reason}`);
    return detailOf(tx, actor, updated);
  });
}

/** Adds a member to the studio from a day (default today). */
export async function addMember(
  actor: Actor,
  id: string,
  input: Out<typeof AddMemberBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'members');
    const today = chinaToday(now());
    const joinedOn = input.joinedOn ?? today;
    if (joinedOn > today) throw invalidField('joinedOn', '加入日期不能晚于今天');
    const [member] = await membersOf(tx, [input], () => '');
    if (member!.modelWorkerId) {
      const [present] = await tx
        .select({ id: studioMembers.id })
        .from(studioMembers)
        .where(
          and(
            eq(studioMembers.studioId, row.id),
            eq(studioMembers.modelWorkerId, member!.modelWorkerId),
            isNull(studioMembers.leftOn),
          ),
        );
      if (present) throw conflict(`${member!.name}已是该工作室的成员`);
    }
    const values = { id: newId(), studioId: row.id, ...member!, role: 'member', joinedOn };
    await tx.insert(studioMembers).values(values);
    await recordStudioEvent(tx, row.id, {
      kind: 'member-joined',
      actorId: actor.id,
      orgId: actor.orgId,
      text: `${member!.name}${member!.position ? `（${member!.position}）` : ''}于 ${joinedOn} 加入`,
    });
    await audit(tx, actor, {
      action: 'studio.member.join',
      entity: 'studio',
      entityId: row.id,
      orgPath: row.orgPath,
      after: values,
    });
    return detailOf(tx, actor, row);
  });
}

/** Records that a member left the studio on a day (the leader stays). */
export async function memberLeaves(
  actor: Actor,
  id: string,
  memberId: string,
  input: Out<typeof MemberLeaveBody>,
): Promise<StudioDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'members');
    const [member] = await tx
      .select()
      .from(studioMembers)
      .where(and(eq(studioMembers.id, memberId), eq(studioMembers.studioId, row.id)));
    if (!member) throw notFound('成员');
    if (member.leftOn) throw conflict(`${member.name}已于 ${member.leftOn} 退出`);
    if (member.role === 'leader') throw conflict('负责人不能退出工作室');
    if (input.leftOn < member.joinedOn)
      throw invalidField('leftOn', `退出日期不能早于加入日期 ${member.joinedOn}`);
    if (input.leftOn > chinaToday(now())) throw invalidField('leftOn', '退出日期不能晚于今天');
    await tx.update(studioMembers).set({ leftOn: input.leftOn }).where(eq(studioMembers.id, member.id));
    await recordStudioEvent(tx, row.id, {
      kind: 'member-left',
      actorId: actor.id,
      orgId: actor.orgId,
      text: `${member.name}于 ${input.leftOn} 退出`,
    });
    await audit(tx, actor, {
      action: 'studio.member.leave',
      entity: 'studio',
      entityId: row.id,
      orgPath: row.orgPath,
      before: member,
      after: { ...member, leftOn: input.leftOn },
    });
    return detailOf(tx, actor, row);
  });
}
