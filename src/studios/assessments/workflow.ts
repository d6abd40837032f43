// The year's assessment from opening to review: the city opens the year (one assessment per studio
// designated at that moment); the district above a studio scores it by the year's sheet, and the
// server computes the total and proposes the result from the thresholds; the city confirms or
// changes the result (a change needs a comment), and when a fail completes the sheet's number of
// fails in consecutive years the studio is revoked (摘牌) in the same transaction. An excellent
// studio may then be flagged for reward and publicity, linked to adopted bulletin items about it.
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { badRequest, conflict, forbidden, invalidField, staleVersion } from '../../platform/errors';
import type { FieldIssue } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { notify } from '../../platform/notifications';
import { orgsOnPaths } from '../../orgs/service';
import {
  actsForCity,
  designatedStudioRows,
  isDesignated,
  loadStudioFor,
  recordStudioEvent,
  revokeStudio,
} from '../register/studios-service';
import {
  hundredthsText,
  RESULT_LABELS,
  resultOf,
  totalHundredths,
  type AssessmentAction,
  type AssessmentDetail,
  type FlagBody,
  type OpenBody,
  type OpenResult,
  type ReviewBody,
  type ScoreBody,
} from './contract';
import {
  adoptedItemViews,
  detailOf,
  failYears,
  loadAssessment,
  mayAct,
  reviewedResults,
  scorerPath,
  stateBlocks,
  type AssessmentRow,
} from './service';
import { assessmentSheets, studioAssessments } from './tables';

/** The page a notification of an assessment opens. */
export const assessmentLink = (id: string) => `/studios/assessments?assessment=${id}`;

/** The organisations at exactly these paths, by path. */
async function unitsAt(tx: Db, paths: string[]): Promise<Map<string, string>> {
  const nodes = [...(await orgsOnPaths(tx, paths)).values()];
  return new Map(nodes.filter((n) => paths.includes(n.path)).map((n) => [n.path, n.id]));
}

/** The city's root unit (the first step of any path). */
const rootPathOf = (path: string) => `/${path.split('/').filter(Boolean)[0]}/`;

/** Opens the year: one open assessment per studio designated now; studios already assessed stay. */
export async function openYear(actor: Actor, input: z.output<typeof OpenBody>): Promise<OpenResult> {
  requireAccess(actor, 'studio:manage');
  if (!actsForCity(actor)) throw forbidden('年度考核由市总工会启动');
  return db.transaction(async (tx) => {
    const [sheet] = await tx.select().from(assessmentSheets).where(eq(assessmentSheets.id, input.sheetId));
    if (!sheet) throw invalidField('sheetId', '考核表不存在');
    if (sheet.year !== input.year)
      throw invalidField('sheetId', `所选考核表是 ${sheet.year} 年度的，不是 ${input.year} 年度的`);
    const studios = (await designatedStudioRows(tx)).filter((s) => s.orgPath.startsWith(actor.scopePath));
    const at = now();
    const inserted = studios.length
      ? await tx
          .insert(studioAssessments)
          .values(
            studios.map((s) => ({
              id: newId(),
              studioId: s.id,
              year: input.year,
              sheetId: sheet.id,
              level: s.level,
              batchId: s.batchId,
              orgPath: s.orgPath,
              state: 'open',
              createdAt: at,
              updatedAt: at,
            })),
          )
          .onConflictDoNothing({ target: [studioAssessments.studioId, studioAssessments.year] })
          .returning({ id: studioAssessments.id, orgPath: studioAssessments.orgPath })
      : [];
    const [existing] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(studioAssessments)
      .where(eq(studioAssessments.year, input.year));
    if (inserted.length) {
      await audit(tx, actor, {
        action: 'studio.assessment.open',
        entity: 'assessmentSheet',
        entityId: sheet.id,
        orgPath: actor.scopePath,
        after: { year: input.year, opened: inserted.length },
      });
      // Each district hears how many of its studios wait for its scoring.
      const perScorer = new Map<string, number>();
      for (const r of inserted) {
        const scorer = scorerPath(r.orgPath) ?? rootPathOf(r.orgPath);
        perScorer.set(scorer, (perScorer.get(scorer) ?? 0) + 1);
      }
      const units = await unitsAt(tx, [...perScorer.keys()]);
      for (const [path, n] of perScorer) {
        const unit = units.get(path);
        if (unit)
          await notify(tx, {
            orgPath: path,
            link: `/studios/assessments?year=${input.year}&due=score`,
            text: `${input.year} 年度劳模创新工作室督察考核已启动，${n} 家工作室待评分`,
            audience: { permission: 'studio:manage', unitsOf: [unit] },
          });
      }
    }
    return { opened: inserted.length, existing: Number(existing?.n ?? 0) - inserted.length };
  });
}

/**
 * Loads the assessment for `action` under a lock: 403 without studio:manage, 404 outside the
 * actor's scope, 403 for a unit that does not take this step, 409 for its state or a stale version.
 */
async function loadFor(tx: Db, actor: Actor, id: string, action: AssessmentAction, version: number) {
  requireAccess(actor, 'studio:manage');
  const row = await loadAssessment(tx, actor, id, true);
  if (!mayAct(actor, row, action))
    throw forbidden(
      action === 'score'
        ? '工作室由所在区（县级市）或产业工会评分，区级及市本级申报的由市总工会评分'
        : '考核结果由市总工会审定',
    );
  const blocked = stateBlocks(row, action);
  if (blocked) throw conflict(blocked);
  if (row.version !== version) throw staleVersion();
  return row;
}

/** Writes the change and its audit. */
async function update(
  tx: Db,
  actor: Actor,
  row: AssessmentRow,
  values: Partial<typeof studioAssessments.$inferInsert>,
  action: string,
): Promise<AssessmentRow> {
  const [after] = await tx
    .update(studioAssessments)
    .set({ ...values, version: row.version + 1, updatedAt: now() })
    .where(and(eq(studioAssessments.id, row.id), eq(studioAssessments.version, row.version)))
    .returning();
  if (!after) throw staleVersion();
  await audit(tx, actor, {
    action: `studio.assessment.${action}`,
    entity: 'studioAssessment',
    entityId: row.id,
    orgPath: row.orgPath,
    before: row,
    after,
  });
  return after;
}

/** Scores an assessment by its sheet: every criterion within 0..maxScore; the server totals it. */
export async function scoreAssessment(
  actor: Actor,
  id: string,
  input: z.output<typeof ScoreBody>,
): Promise<AssessmentDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'score', input.version);
    const [sheet] = await tx.select().from(assessmentSheets).where(eq(assessmentSheets.id, row.sheetId));
    const criteria = sheet!.criteria;
    const issues: FieldIssue[] = [];
    const given = new Map<string, number>();
    input.scores.forEach((s, i) => {
      const criterion = criteria.find((c) => c.key === s.key);
      if (!criterion) issues.push({ field: `scores.${i}.key`, message: `考核表中没有指标“${s.key}”` });
      else if (given.has(s.key))
        issues.push({ field: `scores.${i}.key`, message: `“${criterion.label}”重复评分` });
      else if (s.score > criterion.maxScore)
        issues.push({
          field: `scores.${i}.score`,
          message: `“${criterion.label}”的得分不能超过满分 ${criterion.maxScore}`,
        });
      given.set(s.key, i);
    });
    for (const c of criteria)
      if (!given.has(c.key)) issues.push({ field: 'scores', message: `请为“${c.label}”评分` });
    if (issues.length) throw badRequest(issues[0]!.message, issues);
    const scores = criteria.map((c) => {
      const s = input.scores[given.get(c.key)!]!;
      return { key: c.key, score: s.score, note: s.note };
    });
    const total = totalHundredths(criteria, scores);
    const proposed = resultOf(total, sheet!);
    const after = await update(
      tx,
      actor,
      row,
      {
        state: 'scored',
        scores,
        total: hundredthsText(total),
        proposedResult: proposed,
        scoredBy: actor.id,
        scoredAt: now(),
      },
      'score',
    );
    // The city hears of a score it did not give itself.
    if (!actsForCity(actor)) {
      const root = rootPathOf(row.orgPath);
      const unit = (await unitsAt(tx, [root])).get(root);
      const studio = await loadStudioFor(tx, actor, row.studioId);
      if (unit)
        await notify(tx, {
          orgPath: row.orgPath,
          link: assessmentLink(row.id),
          text: `${studio.name} ${row.year} 年度督察考核已评分（${hundredthsText(total)} 分，初评${RESULT_LABELS[proposed]}），请审定`,
          audience: { permission: 'studio:manage', unitsOf: [unit] },
        });
    }
    return detailOf(tx, actor, after);
  });
}

/** The city reviews a scored assessment: confirms the district's proposal or changes it with a comment. */
export async function reviewAssessment(
  actor: Actor,
  id: string,
  input: z.output<typeof ReviewBody>,
): Promise<AssessmentDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'review', input.version);
    if (input.result !== row.proposedResult && !input.comment)
      throw invalidField('comment', '改变区级初评结果时须写明审定意见');
    const [sheet] = await tx.select().from(assessmentSheets).where(eq(assessmentSheets.id, row.sheetId));
    const results = await reviewedResults(tx, row.studioId);
    results.set(row.year, input.result);
    const run = failYears(results, row.year);
    const studio = await loadStudioFor(tx, actor, row.studioId, 'studio:manage');
    const revoke = run.length >= sheet!.failsToRevoke && isDesignated(studio);
    const after = await update(
      tx,
      actor,
      row,
      {
        state: 'reviewed',
        finalResult: input.result,
        reviewComment: input.comment,
        reviewedBy: actor.id,
        reviewedAt: now(),
        revokedStudio: revoke,
      },
      'review',
    );
    const label = RESULT_LABELS[input.result];
    await recordStudioEvent(tx, studio.id, {
      kind: 'assessment',
      actorId: actor.id,
      orgId: actor.orgId,
      text: `${row.year} 年度督察考核结果：${label}${input.comment ? `（${input.comment}）` : ''}`,
    });
    if (revoke)
      await revokeStudio(
        tx,
        actor,
        studio,
        `${run.map((y) => `${y}年`).join('、')}督察考核连续 ${run.length} 年不合格（考核表规定连续 ${sheet!.failsToRevoke} 年不合格予以摘牌）`,
      );
    // The applicant unit and the district that scored hear the result.
    const scorer = scorerPath(row.orgPath);
    const units = await unitsAt(tx, [row.orgPath, ...(scorer ? [scorer] : [])]);
    const text = `${studio.name} ${row.year} 年度督察考核结果：${label}${revoke ? '，连续不合格，已摘牌' : ''}`;
    const applicant = units.get(row.orgPath);
    if (applicant && applicant !== actor.orgId)
      await notify(tx, {
        orgPath: row.orgPath,
        link: assessmentLink(row.id),
        text,
        audience: { permission: 'studio:read', unitsOf: [applicant] },
      });
    const district = scorer ? units.get(scorer) : undefined;
    if (district && district !== applicant)
      await notify(tx, {
        orgPath: row.orgPath,
        link: assessmentLink(row.id),
        text,
        audience: { permission: 'studio:manage', unitsOf: [district] },
      });
    return detailOf(tx, actor, after);
  });
}

/** Flags an excellent studio for reward and publicity (or clears the flag), with adopted items about it. */
export async function flagAssessment(
  actor: Actor,
  id: string,
  input: z.output<typeof FlagBody>,
): Promise<AssessmentDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'flag', input.version);
    const ids = input.flagged ? [...new Set(input.bulletinItemIds)] : [];
    const items = await adoptedItemViews(tx, ids);
    const missing = ids.findIndex((i) => !items.has(i));
    if (missing >= 0) throw invalidField(`bulletinItemIds.${missing}`, '所选信息不存在或尚未录用');
    const after = await update(
      tx,
      actor,
      row,
      {
        flagged: input.flagged,
        flagNote: input.flagged ? input.note : null,
        bulletinItemIds: ids,
      },
      input.flagged ? 'flag' : 'unflag',
    );
    if (input.flagged && !row.flagged)
      await recordStudioEvent(tx, row.studioId, {
        kind: 'assessmentFlag',
        actorId: actor.id,
        orgId: actor.orgId,
        text: `${row.year} 年度督察考核优秀，列入表彰宣传${input.note ? `：${input.note}` : ''}`,
      });
    return detailOf(tx, actor, after);
  });
}
