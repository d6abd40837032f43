// Which items an actor may see and act on: the loader every submission action starts with and its
// gates. Kept apart from service.ts so that the features around an item (pictures, points) use
// it without importing the service that presents them.
import { eq, sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, scopeFilter, type Actor } from '../platform/access';
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

// The visibility rule, written once in SQL: the list filters by it and the loader reads it.
export const coSubmittedUnder = (path: string) =>
  sql`exists (select 1 from submission_orgs so where so.submission_id = submissions.id and so.org_path like ${path + '%'})`;

/** The own unit's items: submitted or co-submitted by the actor's unit. */
export function ownUnit(actor: Actor): SQL {
  return sql`(${submissions.orgId} = ${actor.orgId} or exists (select 1 from submission_orgs so
    where so.submission_id = submissions.id and so.org_id = ${actor.orgId}))`;
}

/** The items the actor edits: for an editor, every item beyond draft that lies in its subtree. */
function editedBy(actor: Actor): SQL {
  if (!can(actor, 'bulletin:edit')) return sql`false`;
  return sql`(${submissions.state} <> 'draft' and (${scopeFilter(actor, submissions.orgPath)} or ${coSubmittedUnder(actor.scopePath)}))`;
}

/** What the actor may see: the own unit's items, and what it edits. */
export function visibleTo(actor: Actor): SQL {
  return sql`(${ownUnit(actor)} or ${editedBy(actor)})`;
}

/** Loads an item the actor may see (see visibleTo), or 404. */
export async function loadSubmission(tx: Db, actor: Actor, id: string): Promise<LoadedSubmission> {
  // The permission first: a role that takes no part in the bulletin learns nothing of an item.
  requireAccess(actor, ['bulletin:submit', 'bulletin:edit']);
  const [found] = await tx
    .select({
      row: submissions,
      own: sql<boolean>`${ownUnit(actor)}`,
      editor: sql<boolean>`${editedBy(actor)}`,
    })
    .from(submissions)
    .where(eq(submissions.id, id));
  if (!found || (!found.own && !found.editor)) throw notFound('稿件');
  const coOrgs = await tx
    .select({ orgId: submissionOrgs.orgId, orgPath: submissionOrgs.orgPath })
    .from(submissionOrgs)
    .where(eq(submissionOrgs.submissionId, id));
  return { row: found.row, coOrgs, submitter: found.row.orgId === actor.orgId, editor: found.editor };
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
