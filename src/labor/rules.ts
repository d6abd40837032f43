// The grading rule of the early-warning system (预警分级标准): set by the city federation's legal
// department, every version kept; a report is graded by the version in force when it is reported
// and keeps that grade.
import { desc } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { forbidden, staleVersion } from '../platform/errors';
import { loadOrg } from '../orgs/service';
import { DEFAULT_GRADING_RULE, GradingRuleBody, type GradingRule, type GradingRuleView } from './contract';
import { laborGradingRules } from './tables';

/** The rule in force and its version (0: the default). */
export async function ruleInForce(
  tx: Db,
): Promise<{ rule: GradingRule; version: number; updatedAt: Date | null }> {
  const [row] = await tx.select().from(laborGradingRules).orderBy(desc(laborGradingRules.version)).limit(1);
  // Versions saved before deadlines were part of the rule take the default deadlines.
  return row
    ? { rule: { ...DEFAULT_GRADING_RULE, ...row.rule }, version: row.version, updatedAt: row.createdAt }
    : { rule: DEFAULT_GRADING_RULE, version: 0, updatedAt: null };
}

const view = (r: Awaited<ReturnType<typeof ruleInForce>>): GradingRuleView => ({
  ...r.rule,
  version: r.version,
  updatedAt: r.updatedAt?.toISOString() ?? null,
});

export async function getGradingRule(actor: Actor): Promise<GradingRuleView> {
  requireAccess(actor, 'labor:report');
  return view(await db.readTransaction((tx) => ruleInForce(tx)));
}

/** Saves a new version of the rule: the city federation's legal department only. */
export async function setGradingRule(
  actor: Actor,
  input: ReturnType<typeof GradingRuleBody.parse>,
): Promise<GradingRuleView> {
  requireAccess(actor, 'labor:handle');
  return db.transaction(async (tx) => {
    // The system (scope '/') stands above every tree; anyone else must belong to a root.
    if (actor.scopePath !== '/' && (await loadOrg(tx, actor, actor.orgId)).parentId !== null)
      throw forbidden('预警分级标准由市总工会法工部设置');
    const before = await ruleInForce(tx);
    if (input.version !== before.version) throw staleVersion();
    const rule: GradingRule = {
      red: input.red,
      orange: input.orange,
      yellow: input.yellow,
      deadlines: input.deadlines,
      followUpDays: input.followUpDays,
    };
    const [row] = await tx
      .insert(laborGradingRules)
      .values({ version: before.version + 1, rule, createdBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw staleVersion();
    await audit(tx, actor, {
      action: 'labor.setGradingRule',
      entity: 'laborGradingRule',
      entityId: String(row.version),
      orgPath: actor.scopePath,
      before: before.rule,
      after: rule,
    });
    return view({ rule, version: row.version, updatedAt: row.createdAt });
  });
}
