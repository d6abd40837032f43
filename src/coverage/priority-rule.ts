// The priority rule (三类认定规则): how category 3 is read and how the three-category list is
// ranked. Set by the city federation; saving it rebuilds the worklist in a job, and until the job
// is done the lists wait for it (worklistToday finds the rows of an older rule).
import { and, eq } from 'drizzle-orm';
import { audit } from '../platform/audit';
import { forbidden, staleVersion } from '../platform/errors';
import { requireAccess, type Actor } from '../platform/access';
import { startJob } from '../platform/jobs';
import { db } from '../platform/db/client';
import { loadOrg } from '../orgs/service';
import { coveragePriorityRule } from './tables';
import { buildWorklist, loadPriorityRule } from './worklist-store';
import {
  PriorityRuleBody,
  type PriorityRule,
  type PriorityRuleSaved,
  type PriorityRuleView,
} from './contract';

/** The rule in force, for every reader of the coverage figures. */
export async function getPriorityRule(actor: Actor): Promise<PriorityRuleView> {
  requireAccess(actor, 'coverage:read');
  const { rule, version } = await db.readTransaction((tx) => loadPriorityRule(tx));
  return { ...rule, configured: version > 0, version: version > 0 ? version : null };
}

/** Saves the rule (city federation only) and starts the job that rebuilds the worklist by it. */
export async function setPriorityRule(
  actor: Actor,
  input: ReturnType<typeof PriorityRuleBody.parse>,
): Promise<PriorityRuleSaved> {
  requireAccess(actor, 'coverage:target');
  const rule: PriorityRule = {
    weakFailings: [...new Set(input.weakFailings)],
    weakMin: input.weakMin,
    weights: input.weights,
    global500Weight: input.global500Weight,
  };
  const view = await db.transaction(async (tx) => {
    // The system (scope '/') stands above every tree; anyone else must belong to a root.
    if (actor.scopePath !== '/' && (await loadOrg(tx, actor, actor.orgId)).parentId !== null) {
      throw forbidden('三类企业认定规则由市总工会设置');
    }
    const before = await loadPriorityRule(tx);
    if (before.version > 0 && input.version !== before.version) throw staleVersion();
    const values = {
      weakFailings: rule.weakFailings,
      weakMin: rule.weakMin,
      weights: { ...rule.weights, global500: rule.global500Weight },
      version: before.version + 1,
      updatedAt: new Date(),
    };
    const [saved] =
      before.version > 0
        ? await tx
            .update(coveragePriorityRule)
            .set(values)
            .where(and(eq(coveragePriorityRule.id, 1), eq(coveragePriorityRule.version, before.version)))
            .returning({ version: coveragePriorityRule.version })
        : await tx
            .insert(coveragePriorityRule)
            .values({ id: 1, ...values })
            .returning({ version: coveragePriorityRule.version });
    if (!saved) throw staleVersion();
    await audit(tx, actor, {
      action: 'coverage.setPriorityRule',
      entity: 'coveragePriorityRule',
      entityId: '1',
      orgPath: actor.scopePath,
      before: before.version > 0 ? before.rule : null,
      after: rule,
    });
    return { ...rule, configured: true, version: saved.version };
  });
  const job = await startJob(actor, 'coverage.worklist', actor.scopePath, async (context) => {
    context.progress(0, null, '正在按新的认定规则重建三类企业清单');
    await db.transaction((tx) =>
      buildWorklist(tx, { full: false, onStep: (step) => context.progress(0, null, step) }),
    );
    context.progress(1, 1, '三类企业清单已按新规则重建');
    return { version: view.version };
  });
  return { ...view, jobId: job.id };
}
