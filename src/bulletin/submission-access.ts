// Which items an actor may see and act on: the loader every submission action starts with and its
// gates. Kept apart from service.ts so that the features around an item (pictures, points) use
// it without importing the service that presents them.
import { eq } from 'drizzle-orm';
import { can, inScope, requireAccess, type Actor } from '../platform/access';
import type { Db } from '../platform/db/client';
import { forbidden, notFound } from '../platform/errors';
import { submissionOrgs, submissions } from './tables';

export type SubmissionRow = typeof submissions.$inferSelect;

/** A loaded item with its co-submitting units and how the actor relates to it. */
export interface LoadedSubmission {
  row: SubmissionRow;
  coOrgs: { orgId: string; orgPath: string }[];
  /** The actor belongs to the submitting unit. */
  submitter: boolean;
  /** The actor may act on it as an editor (permission and scope). */
  editor: boolean;
}

/** Ids of the units an item credits: the submitting unit first, then the co-submitters. */
export function creditedOrgIds(item: LoadedSubmission): string[] {
  return [item.row.orgId, ...item.coOrgs.map((c) => c.orgId)];
}

/**
 * Loads an item the actor may see, or 404: the own unit's items (submitting or co-submitting),
 * and for an editor every item beyond draft that lies in the editor's subtree.
 */
export async function loadSubmission(tx: Db, actor: Actor, id: string): Promise<LoadedSubmission> {
  // The permission first: a role that takes no part in the bulletin learns nothing of an item.
  requireAccess(actor, ['bulletin:submit', 'bulletin:edit']);
  const [row] = await tx.select().from(submissions).where(eq(submissions.id, id));
  if (!row) throw notFound('稿件');
  const coOrgs = await tx
    .select({ orgId: submissionOrgs.orgId, orgPath: submissionOrgs.orgPath })
    .from(submissionOrgs)
    .where(eq(submissionOrgs.submissionId, id));
  const submitter = row.orgId === actor.orgId;
  const ownUnit = submitter || coOrgs.some((c) => c.orgId === actor.orgId);
  const editor =
    can(actor, 'bulletin:edit') &&
    row.state !== 'draft' &&
    (inScope(actor, row.orgPath) || coOrgs.some((c) => inScope(actor, c.orgPath)));
  if (!ownUnit && !editor) throw notFound('稿件');
  return { row, coOrgs, submitter, editor };
}

/** The gate for reading an item the actor can see: officers of its units and editors. */
export function requireRead(actor: Actor, item: LoadedSubmission) {
  requireAccess(actor, item.editor ? 'bulletin:edit' : 'bulletin:submit');
}

/** The gate for the officer's own actions (edit, submit): only the submitting unit. */
export function requireSubmitter(actor: Actor, item: LoadedSubmission) {
  requireAccess(actor, 'bulletin:submit');
  if (!item.submitter) throw forbidden('只有报送单位的信息员可以修改或报送该稿件');
}

/** The gate for the editor's actions. */
export function requireEditor(actor: Actor, item: LoadedSubmission) {
  requireAccess(actor, 'bulletin:edit');
  if (!item.editor) throw forbidden();
}
