// For other features' demo data: an item of a unit written, submitted and adopted through the
// bulletin's own services (so it has its figures, events and points like any other).
import { systemActor, type Actor } from '../platform/access';
import { PERMISSIONS } from '../platform/shared/access-catalog';
import { adoptSubmission, submitSubmission } from './adopt';
import { listColumns } from './columns';
import { createSubmission } from './service';

/** Writes, submits and adopts an item of the unit `org` into the editors' first column; its id. */
export async function adoptedDemoItem(
  org: { id: string; path: string },
  editorOrg: { id: string; path: string },
  item: { title: string; body: string; authors: string[] },
): Promise<string> {
  const system = systemActor(PERMISSIONS);
  const actorOf = (o: { id: string; path: string }): Actor => ({ ...system, orgId: o.id, scopePath: o.path });
  const officer = actorOf(org);
  const editor = actorOf(editorOrg);
  const column = (await listColumns(editor)).items[0]?.id ?? null;
  const draft = await createSubmission(officer, { ...item, coOrgIds: [], suggestedColumnId: column });
  const sent = await submitSubmission(officer, draft.id, { version: draft.version });
  await adoptSubmission(editor, draft.id, {
    version: sent.version,
    adoptionKind: 'full',
    editedTitle: null,
    editedBody: null,
    comment: null,
  });
  return draft.id;
}
