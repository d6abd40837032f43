// Points of information work (DOMAIN §7): the points table of an editing unit, the events that
// earn points on an item (adoption into the own bulletin, awarded with the adoption; adoption by
// a higher outlet, a leader's instruction, a special reward, recorded by the editors) and the
// credits each event gives the item's units and authors by the split in force at that moment.
// Credits store their figures, so a later change of the table never rewrites history; an event
// is voided with a reason, never deleted.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { can, requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { conflict, notFound, staleVersion, AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { orgRefs, orgsOnPaths } from '../orgs/service';
import { loadSubmission, requireEditor, requireRead, type SubmissionRow } from './submission-access';
import {
  DEFAULT_POINTS_CONFIG,
  LEADER_LEVEL_LABELS,
  OUTLET_LEVEL_LABELS,
  PointsConfig,
  PointsConfigBody,
  PointsEventBody,
  VoidBody,
  type LeaderLevel,
  type OutletLevel,
  type PointsConfigView,
  type PointsEventList,
  type PointsEventView,
  type PointsReason,
} from './points-contract';
import { ADOPTION_KIND_LABELS, type AdoptionKind } from './contract';
import { pointsConfigs, pointsCredits, pointsEvents, submissionOrgs, submissions } from './tables';
import { chinaDay } from '../platform/shared/dates';

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

/** An organisation as the points module needs it. */
export interface Unit {
  id: string;
  name: string;
  path: string;
}

/** The top of a path: `/1/12/305/` → `/1/`. */
function rootPath(path: string): string {
  const m = /^\/\d+\//.exec(path);
  return m ? m[0] : '/';
}

async function unitOnPath(tx: Db, path: string): Promise<Unit | null> {
  const named = await orgsOnPaths(tx, [path]);
  for (const o of named.values()) if (o.path === path) return o;
  return null;
}

/**
 * The editing unit whose points table applies to the actor: an editor's own unit; for anyone
 * else (an officer) the top of the tree they belong to, i.e. the federation editing the bulletin.
 * `fallbackPath` names a path under the unit when the actor has no organisation (the system).
 */
export async function editingUnitOf(tx: Db, actor: Actor, fallbackPath?: string): Promise<Unit> {
  if (can(actor, 'bulletin:edit')) {
    const own = (await orgRefs(tx, [actor.orgId])).get(actor.orgId);
    if (own) return { id: own.id, name: own.name, path: own.path };
  }
  const unit = await unitOnPath(tx, rootPath(fallbackPath ?? actor.scopePath));
  if (!unit) throw notFound('编辑单位');
  return unit;
}

async function configOf(tx: Db, orgId: string) {
  const [row] = await tx.select().from(pointsConfigs).where(eq(pointsConfigs.orgId, orgId));
  if (!row) return { config: DEFAULT_POINTS_CONFIG, version: 1, updatedAt: null as Date | null };
  // A stored table written by an older version gets today's defaults for what it lacks.
  const parsed = PointsConfig.safeParse({ ...DEFAULT_POINTS_CONFIG, ...row.config });
  return {
    config: parsed.success ? parsed.data : DEFAULT_POINTS_CONFIG,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

function presentConfig(unit: Unit, c: Awaited<ReturnType<typeof configOf>>): PointsConfigView {
  return {
    config: c.config,
    version: c.version,
    org: { id: unit.id, name: unit.name },
    updatedAt: c.updatedAt ? c.updatedAt.toISOString() : null,
  };
}

/** The points table of the actor's editing unit (the defaults until an editor saves one). */
export async function getPointsConfig(actor: Actor): Promise<PointsConfigView> {
  requireAccess(actor, ['bulletin:submit', 'bulletin:edit']);
  return db.transaction(async (tx) => {
    const unit = await editingUnitOf(tx, actor);
    return presentConfig(unit, await configOf(tx, unit.id));
  });
}

/** Saves the editor's unit's points table as a whole; 409 when someone saved it meanwhile. */
export async function setPointsConfig(
  actor: Actor,
  input: Parsed<typeof PointsConfigBody>,
): Promise<PointsConfigView> {
  requireAccess(actor, 'bulletin:edit');
  return db.transaction(async (tx) => {
    const unit = await editingUnitOf(tx, actor);
    const before = await configOf(tx, unit.id);
    if (before.version !== input.version) throw staleVersion();
    const values = {
      config: input.config as Record<string, unknown>,
      version: before.version + 1,
      updatedBy: actor.username === 'system' ? null : actor.id,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(pointsConfigs)
      .values({ orgId: unit.id, ...values })
      .onConflictDoUpdate({
        target: pointsConfigs.orgId,
        set: { ...values, version: sql`${pointsConfigs.version} + 1` },
      })
      .returning();
    // Two editors saving the same version at once: the loser finds the row bumped twice.
    if (!row || row.version !== input.version + 1) throw staleVersion();
    await audit(tx, actor, {
      action: 'bulletin.setPointsConfig',
      entity: 'pointsConfig',
      entityId: unit.id,
      orgPath: unit.path,
      before: before.config,
      after: input.config,
    });
    return presentConfig(unit, await configOf(tx, unit.id));
  });
}

// ---------------------------------------------------------------------------------------------
// Splitting an award

interface Beneficiaries {
  /** The submitting unit first, then the co-submitting units. */
  units: { orgId: string; orgPath: string }[];
  /** The authors of each unit, by unit id. */
  authors: Map<string, string[]>;
}

/**
 * Who an item credits: its units, and its authors under the unit they wrote for (the submitting
 * unit; for a merged item, the unit of the source each author came from).
 */
async function beneficiariesOf(tx: Db, row: SubmissionRow): Promise<Beneficiaries> {
  const co = await tx
    .select({ orgId: submissionOrgs.orgId, orgPath: submissionOrgs.orgPath })
    .from(submissionOrgs)
    .where(eq(submissionOrgs.submissionId, row.id))
    .orderBy(asc(submissionOrgs.orgPath));
  const units = [{ orgId: row.orgId, orgPath: row.orgPath }, ...co.filter((c) => c.orgId !== row.orgId)];
  const sources = await tx
    .select({ orgId: submissions.orgId, authors: submissions.authors })
    .from(submissions)
    .where(eq(submissions.mergedInto, row.id))
    .orderBy(asc(submissions.id));
  const authors = new Map<string, string[]>();
  const add = (orgId: string, names: string[]) => {
    const list = authors.get(orgId) ?? [];
    for (const n of names) if (n && !list.includes(n)) list.push(n);
    authors.set(orgId, list);
  };
  if (sources.length) for (const s of sources) add(s.orgId, s.authors);
  else add(row.orgId, row.authors);
  return { units, authors };
}

/** `total` hundredths in `n` parts that add up to it, the first parts taking the remainder. */
function parts(total: number, n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(total / n);
  const rest = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}

interface Credit {
  beneficiary: 'unit' | 'author';
  orgId: string;
  orgPath: string;
  author: string | null;
  /** In hundredths of a point. */
  cents: number;
}

/** The credits of `points` among the beneficiaries by the table's split. */
export function splitPoints(points: number, who: Beneficiaries, config: PointsConfig): Credit[] {
  const total = Math.round(points * 100);
  const n = who.units.length;
  let unitCents: number[];
  switch (config.unitSplit.mode) {
    case 'full':
      unitCents = who.units.map(() => total);
      break;
    case 'equal':
      unitCents = parts(total, n);
      break;
    case 'first': {
      if (n === 1) {
        unitCents = [total];
        break;
      }
      const first = Math.round((total * config.unitSplit.firstShare) / 100);
      unitCents = [first, ...parts(total - first, n - 1)];
      break;
    }
  }
  const credits: Credit[] = [];
  who.units.forEach((u, i) => {
    const cents = unitCents[i] ?? 0;
    credits.push({ beneficiary: 'unit', orgId: u.orgId, orgPath: u.orgPath, author: null, cents });
    const names = who.authors.get(u.orgId) ?? [];
    const each = config.authorSplit === 'full' ? names.map(() => cents) : parts(cents, names.length);
    names.forEach((name, j) =>
      credits.push({
        beneficiary: 'author',
        orgId: u.orgId,
        orgPath: u.orgPath,
        author: name,
        cents: each[j] ?? 0,
      }),
    );
  });
  return credits;
}

const cents = (points: string | number) => Math.round(Number(points) * 100);
const fromCents = (c: number) => (c / 100).toFixed(2);

interface NewEvent {
  reason: PointsReason;
  outletLevel?: string | null;
  outletName?: string | null;
  kind?: AdoptionKind | null;
  instructedBy?: string | null;
  note?: string | null;
  points: number;
  occurredOn: string;
}

/** Stores an event with its credits and audits it, in the caller's transaction. */
async function award(
  tx: Db,
  actor: Actor,
  row: SubmissionRow,
  unit: Unit,
  config: PointsConfig,
  e: NewEvent,
) {
  const id = newId();
  const who = await beneficiariesOf(tx, row);
  const credits = splitPoints(e.points, who, config);
  const [event] = await tx
    .insert(pointsEvents)
    .values({
      id,
      submissionId: row.id,
      reason: e.reason,
      outletLevel: e.outletLevel ?? null,
      outletName: e.outletName ?? null,
      kind: e.kind ?? null,
      instructedBy: e.instructedBy ?? null,
      note: e.note ?? null,
      points: fromCents(cents(e.points)),
      occurredOn: e.occurredOn,
      orgPath: unit.path,
      createdBy: actor.username === 'system' ? null : actor.id,
    })
    .returning();
  if (credits.length)
    await tx.insert(pointsCredits).values(
      credits.map((c) => ({
        id: newId(),
        eventId: id,
        beneficiary: c.beneficiary,
        orgId: c.orgId,
        orgPath: c.orgPath,
        author: c.author,
        points: fromCents(c.cents),
        occurredOn: e.occurredOn,
      })),
    );
  await audit(tx, actor, {
    action: 'bulletin.awardPoints',
    entity: 'pointsEvent',
    entityId: id,
    orgPath: row.orgPath,
    after: { ...event, credits: credits.map((c) => ({ ...c, points: c.cents / 100 })) },
  });
  return id;
}

/**
 * Awards the own bulletin's adoption points for an item just adopted (or made by a merge), in the
 * adoption's transaction, by the editing unit's table. Sources folded into a merged item give up
 * any adoption points they had: the merged item credits their units instead.
 */
export async function awardAdoption(tx: Db, actor: Actor, row: SubmissionRow, sourceIds: string[] = []) {
  if (sourceIds.length) {
    const earlier = await tx
      .select()
      .from(pointsEvents)
      .where(
        and(
          inArray(pointsEvents.submissionId, sourceIds),
          eq(pointsEvents.reason, 'adoption'),
          isNull(pointsEvents.voidedAt),
        ),
      );
    for (const e of earlier) await voidEvent(tx, actor, e, '稿件已并入合并稿，积分计入合并稿');
  }
  const unit = await editingUnitOf(tx, actor, row.orgPath);
  const { config } = await configOf(tx, unit.id);
  const kind = (row.adoptionKind ?? 'full') as AdoptionKind;
  return award(tx, actor, row, unit, config, {
    reason: 'adoption',
    outletLevel: 'own',
    kind,
    points: config.outlets.own[kind],
    occurredOn: chinaDay(row.adoptedAt ?? new Date()),
  });
}

/**
 * The editor changed an adopted item between full item and brief: its own-bulletin award is
 * voided and given again for the new kind by today's table, on the original adoption day.
 */
export async function reviseAdoption(tx: Db, actor: Actor, before: SubmissionRow, after: SubmissionRow) {
  if (before.adoptionKind === after.adoptionKind || !after.adoptionKind) return;
  const [current] = await tx
    .select()
    .from(pointsEvents)
    .where(
      and(
        eq(pointsEvents.submissionId, after.id),
        eq(pointsEvents.reason, 'adoption'),
        isNull(pointsEvents.voidedAt),
      ),
    );
  if (!current) return;
  const kind = after.adoptionKind as AdoptionKind;
  await voidEvent(tx, actor, current, `采用方式改为${ADOPTION_KIND_LABELS[kind]}`);
  const unit = await editingUnitOf(tx, actor, after.orgPath);
  const { config } = await configOf(tx, unit.id);
  await award(tx, actor, after, unit, config, {
    reason: 'adoption',
    outletLevel: 'own',
    kind,
    points: config.outlets.own[kind],
    occurredOn: current.occurredOn,
  });
}

async function voidEvent(
  tx: Db,
  actor: Actor,
  event: typeof pointsEvents.$inferSelect,
  reason: string,
): Promise<void> {
  const [updated] = await tx
    .update(pointsEvents)
    .set({
      voidedAt: new Date(),
      voidedBy: actor.username === 'system' ? null : actor.id,
      voidReason: reason,
    })
    .where(and(eq(pointsEvents.id, event.id), isNull(pointsEvents.voidedAt)))
    .returning();
  if (!updated) throw conflict('该积分事项已作废');
  await audit(tx, actor, {
    action: 'bulletin.voidPoints',
    entity: 'pointsEvent',
    entityId: event.id,
    orgPath: event.orgPath,
    before: event,
    after: updated,
  });
}

const EARNING_STATES = new Set(['adopted', 'published']);

/** Items earn further points only once adopted (or published). */
function requireEarning(row: SubmissionRow) {
  if (!EARNING_STATES.has(row.state))
    throw new AppError(400, 'INVALID_STATE', '只有已采用或已刊发的稿件才能记录积分');
}

/** Records a higher outlet's adoption, a leader's instruction or a special reward on an item. */
export async function recordPointsEvent(
  actor: Actor,
  id: string,
  input: Parsed<typeof PointsEventBody>,
): Promise<PointsEventList> {
  requireAccess(actor, 'bulletin:edit');
  await db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, id);
    requireEditor(actor, item);
    requireEarning(item.row);
    const unit = await editingUnitOf(tx, actor, item.row.orgPath);
    const { config } = await configOf(tx, unit.id);
    switch (input.reason) {
      case 'outlet':
        await award(tx, actor, item.row, unit, config, {
          reason: 'outlet',
          outletLevel: input.outletLevel,
          outletName: input.outletName,
          kind: input.kind,
          note: input.note,
          points: config.outlets[input.outletLevel][input.kind],
          occurredOn: input.occurredOn,
        });
        break;
      case 'instruction':
        await award(tx, actor, item.row, unit, config, {
          reason: 'instruction',
          // The leader's level is kept in the level column (city | province | central).
          outletLevel: input.leaderLevel,
          instructedBy: input.instructedBy,
          note: input.note,
          points: config.instructions[input.leaderLevel],
          occurredOn: input.occurredOn,
        });
        break;
      case 'special':
        await award(tx, actor, item.row, unit, config, {
          reason: 'special',
          note: input.note,
          points: input.points ?? config.specialDefault,
          occurredOn: input.occurredOn,
        });
        break;
    }
  });
  return listPointsEvents(actor, id);
}

/** Voids one event of an item with the reason; its credits leave every ranking. */
export async function voidPointsEvent(
  actor: Actor,
  id: string,
  eventId: string,
  input: Parsed<typeof VoidBody>,
): Promise<PointsEventList> {
  requireAccess(actor, 'bulletin:edit');
  await db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, id);
    requireEditor(actor, item);
    const [event] = await tx
      .select()
      .from(pointsEvents)
      .where(and(eq(pointsEvents.id, eventId), eq(pointsEvents.submissionId, id)));
    if (!event) throw notFound('积分事项');
    await voidEvent(tx, actor, event, input.reason);
  });
  return listPointsEvents(actor, id);
}

function levelLabel(reason: PointsReason, level: string | null): string | null {
  if (!level) return null;
  if (reason === 'instruction') return LEADER_LEVEL_LABELS[level as LeaderLevel] ?? level;
  return OUTLET_LEVEL_LABELS[level as OutletLevel] ?? level;
}

/** The points events of an item with their credits, for whoever may read the item. */
export async function listPointsEvents(actor: Actor, id: string): Promise<PointsEventList> {
  return db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, id);
    requireRead(actor, item);
    const events = await tx
      .select()
      .from(pointsEvents)
      .where(eq(pointsEvents.submissionId, id))
      .orderBy(asc(pointsEvents.occurredOn), asc(pointsEvents.createdAt));
    const credits = events.length
      ? await tx
          .select()
          .from(pointsCredits)
          .where(
            inArray(
              pointsCredits.eventId,
              events.map((e) => e.id),
            ),
          )
          .orderBy(asc(pointsCredits.beneficiary), asc(pointsCredits.id))
      : [];
    const named = await orgRefs(
      tx,
      credits.map((c) => c.orgId),
    );
    const items: PointsEventView[] = events.map((e) => ({
      id: e.id,
      reason: e.reason as PointsReason,
      level: e.outletLevel,
      levelLabel: levelLabel(e.reason as PointsReason, e.outletLevel),
      outletName: e.outletName,
      kind: e.kind as AdoptionKind | null,
      instructedBy: e.instructedBy,
      note: e.note,
      points: Number(e.points),
      occurredOn: e.occurredOn,
      createdAt: e.createdAt.toISOString(),
      voided: e.voidedAt !== null,
      voidedAt: e.voidedAt ? e.voidedAt.toISOString() : null,
      voidReason: e.voidReason,
      credits: credits
        .filter((c) => c.eventId === e.id)
        .map((c) => ({
          beneficiary: c.beneficiary as 'unit' | 'author',
          org: { id: c.orgId, name: named.get(c.orgId)?.name ?? '' },
          author: c.author,
          points: Number(c.points),
        })),
    }));
    const total = events.filter((e) => !e.voidedAt).reduce((s, e) => s + cents(e.points), 0) / 100;
    return { items, total, canEdit: item.editor && EARNING_STATES.has(item.row.state) };
  });
}
