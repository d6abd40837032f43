// The state changes of an item: the officer submits; the editor returns, adopts, rejects or
// merges. Each is checked against TRANSITIONS, stored with its version check, recorded in the
// item's history, audited and announced to whoever acts next.
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { AppError, conflict, invalidField } from '../platform/errors';
import { newId } from '../platform/ids';
import { orgRefs } from '../orgs/service';
import { activeColumn } from './columns';
import {
  SUBMISSION_STATE_LABELS,
  TRANSITIONS,
  type AdoptBody,
  type MergeBody,
  type RejectBody,
  type ReturnBody,
  type SubmissionDetail,
  type SubmissionState,
  type Transition,
  type TransitionBody,
  ADOPTION_KIND_LABELS,
} from './contract';
import { notify, type Audience } from './notices';
import { awardAdoption } from './points';
import { refreshSubmissionFigures } from './figures';
import { indexSubmission } from './search';
import {
  creditedOrgIds,
  detailOf,
  loadSubmission,
  recordEvent,
  requireEditor,
  requireSubmitter,
  type LoadedSubmission,
  type SubmissionRow,
} from './service';
import { submissionOrgs, submissions } from './tables';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

/** 409 for what another editor has already done, 400 for any other move the state forbids. */
function checkTransition(row: SubmissionRow, action: Transition) {
  const rule = TRANSITIONS[action];
  const state = row.state as SubmissionState;
  if ((rule.from as readonly SubmissionState[]).includes(state)) return;
  if (state === 'adopted' && (action === 'adopt' || action === 'reject' || action === 'return'))
    throw conflict('该稿件已采用');
  if (state === 'merged') throw conflict('该稿件已合并到其他稿件');
  throw new AppError(
    400,
    'INVALID_TRANSITION',
    `稿件当前状态为“${SUBMISSION_STATE_LABELS[state]}”，不能${rule.label}`,
  );
}

async function titledUnit(tx: Db, orgId: string): Promise<string> {
  return (await orgRefs(tx, [orgId])).get(orgId)?.name ?? '';
}

/** Applies one transition of one item, in the caller's transaction. */
async function move(
  tx: Db,
  actor: Actor,
  item: LoadedSubmission,
  action: Transition,
  version: number,
  options: {
    values?: PgUpdateSetSource<typeof submissions>;
    comment?: string | null;
    /** What the units or editors are told; none when the caller tells them itself. */
    notice?: { text: string; audience: Audience };
  },
): Promise<SubmissionRow> {
  const { row } = item;
  checkTransition(row, action);
  const to = TRANSITIONS[action].to;
  const updated = await updateVersioned(tx, submissions, row.id, version, { ...options.values, state: to });
  await indexSubmission(tx, row.id);
  await refreshSubmissionFigures(tx, [row.id]);
  await recordEvent(tx, actor, row.id, row.state as SubmissionState, to, options.comment ?? null);
  if (options.notice) await notify(tx, { submissionId: row.id, orgPath: row.orgPath, ...options.notice });
  await audit(tx, actor, {
    action: `bulletin.${action}`,
    entity: 'submission',
    entityId: row.id,
    orgPath: row.orgPath,
    before: row,
    after: updated,
  });
  return updated;
}

/** The officer submits a draft, or resubmits a returned item; the editors are told. */
export async function submitSubmission(
  actor: Actor,
  id: string,
  input: Parsed<typeof TransitionBody>,
): Promise<SubmissionDetail> {
  requireAccess(actor, 'bulletin:submit');
  return db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, id);
    requireSubmitter(actor, item);
    const resubmit = item.row.state === 'returned';
    const unit = await titledUnit(tx, item.row.orgId);
    const updated = await move(tx, actor, item, 'submit', input.version, {
      values: { submittedAt: item.row.submittedAt ?? new Date() },
      notice: {
        text: `${unit}${resubmit ? '重新报送了修改后的' : '报送了'}稿件《${item.row.title}》`,
        audience: { editorsOver: item.row.orgPath },
      },
    });
    return detailOf(tx, updated);
  });
}

/** Runs an editor's move on one item: load (404 outside scope), check the role (403), move. */
async function asEditor(
  actor: Actor,
  id: string,
  fn: (tx: Db, item: LoadedSubmission) => Promise<SubmissionRow>,
): Promise<SubmissionDetail> {
  requireAccess(actor, 'bulletin:edit');
  return db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, id);
    requireEditor(actor, item);
    return detailOf(tx, await fn(tx, item));
  });
}

/** The editor returns a submitted item for revision with a comment; its units are told. */
export async function returnSubmission(
  actor: Actor,
  id: string,
  input: Parsed<typeof ReturnBody>,
): Promise<SubmissionDetail> {
  return asEditor(actor, id, (tx, item) =>
    move(tx, actor, item, 'return', input.version, {
      values: { editorComment: input.comment },
      comment: input.comment,
      notice: {
        text: `稿件《${item.row.title}》被退回修改：${input.comment}`,
        audience: { officersOf: creditedOrgIds(item) },
      },
    }),
  );
}

/** The editor rejects a submitted item with the reason; its units are told. */
export async function rejectSubmission(
  actor: Actor,
  id: string,
  input: Parsed<typeof RejectBody>,
): Promise<SubmissionDetail> {
  return asEditor(actor, id, (tx, item) =>
    move(tx, actor, item, 'reject', input.version, {
      values: { rejectReason: input.reason },
      comment: input.reason,
      notice: {
        text: `稿件《${item.row.title}》未被采用：${input.reason}`,
        audience: { officersOf: creditedOrgIds(item) },
      },
    }),
  );
}

/**
 * The editor adopts a submitted item into a column (by default the suggested one) as a full
 * item or a brief, optionally with edited text; the original stays as written.
 */
export async function adoptSubmission(
  actor: Actor,
  id: string,
  input: Parsed<typeof AdoptBody>,
): Promise<SubmissionDetail> {
  return asEditor(actor, id, async (tx, item) => {
    checkTransition(item.row, 'adopt');
    const columnId = input.columnId ?? item.row.suggestedColumnId;
    if (!columnId) throw invalidField('columnId', '请选择采用的栏目');
    const column = await activeColumn(tx, columnId, 'columnId');
    const adopted = await move(tx, actor, item, 'adopt', input.version, {
      values: {
        columnId,
        adoptionKind: input.adoptionKind,
        editedTitle: input.editedTitle,
        editedBody: input.editedBody,
        adoptedAt: new Date(),
      },
      comment: input.comment,
      notice: {
        text: `稿件《${item.row.title}》已被采用（${column.name}，${ADOPTION_KIND_LABELS[input.adoptionKind]}）`,
        audience: { officersOf: creditedOrgIds(item) },
      },
    });
    await awardAdoption(tx, actor, adopted);
    return adopted;
  });
}

/**
 * The editor merges several submitted or adopted items into one new adopted item that credits
 * every unit of every source; the sources are kept, marked as merged into it.
 */
export async function mergeSubmissions(
  actor: Actor,
  input: Parsed<typeof MergeBody>,
): Promise<SubmissionDetail> {
  requireAccess(actor, 'bulletin:edit');
  return db.transaction(async (tx) => {
    const items: LoadedSubmission[] = [];
    for (const id of input.ids) {
      const item = await loadSubmission(tx, actor, id);
      requireEditor(actor, item);
      checkTransition(item.row, 'merge');
      items.push(item);
    }
    await activeColumn(tx, input.columnId, 'columnId');
    const credited = [...new Set(items.flatMap(creditedOrgIds))];
    const first = items[0]!.row;
    const paths = new Map(
      items.flatMap((i) => [
        [i.row.orgId, i.row.orgPath] as const,
        ...i.coOrgs.map((c) => [c.orgId, c.orgPath] as const),
      ]),
    );
    const submittedAt = items
      .map((i) => i.row.submittedAt)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const id = newId();
    const [merged] = await tx
      .insert(submissions)
      .values({
        id,
        title: input.title,
        body: input.body,
        orgId: first.orgId,
        orgPath: first.orgPath,
        authors: [...new Set(items.flatMap((i) => i.row.authors))],
        suggestedColumnId: input.columnId,
        state: 'adopted',
        columnId: input.columnId,
        adoptionKind: input.adoptionKind,
        submittedAt: submittedAt ?? null,
        adoptedAt: new Date(),
        createdBy: actor.id,
      })
      .returning();
    const co = credited
      .filter((o) => o !== first.orgId)
      .map((orgId) => ({ submissionId: id, orgId, orgPath: paths.get(orgId)! }));
    if (co.length) await tx.insert(submissionOrgs).values(co);
    await indexSubmission(tx, id);
    await refreshSubmissionFigures(tx, [id]);
    const sourceTitles = items.map((i) => `《${i.row.title}》`).join('');
    await recordEvent(tx, actor, id, null, 'adopted', `由${items.length}篇稿件合并：${sourceTitles}`);
    for (const item of items) {
      await move(tx, actor, item, 'merge', item.row.version, {
        values: { mergedInto: id },
        comment: `合并为《${input.title}》`,
      });
    }
    // After the co-submitting units are stored, so that the award credits all of them.
    await awardAdoption(tx, actor, merged!, input.ids);
    await notify(tx, {
      submissionId: id,
      orgPath: first.orgPath,
      text: `${sourceTitles}已合并为《${input.title}》并采用`,
      audience: { officersOf: credited },
    });
    await audit(tx, actor, {
      action: 'bulletin.mergeInto',
      entity: 'submission',
      entityId: id,
      orgPath: first.orgPath,
      after: { ...merged, coOrgIds: co.map((c) => c.orgId), sources: input.ids },
    });
    return detailOf(tx, merged!);
  });
}
