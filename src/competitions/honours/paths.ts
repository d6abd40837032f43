// Honours carry the path of the unit they belong to: they follow an organisation that moves (a
// path rewriter), and an imported honour, which belongs where its enterprise lies, follows the
// enterprise to another township (a listener on the registry's tracked writes).
import { sql } from 'drizzle-orm';
import type { ChangeListener } from '../../platform/change-tracking';
import type { Db } from '../../platform/db/client';
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { honours } from './tables';

/** Moves the honours' paths with a moved organisation (wired in src/wiring.ts). */
export const rewriteHonourPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [honours], oldPrefix, newPrefix);

/** Moves the imported honours of the enterprises matching `where` (alias `e`) to their paths. */
async function follow(tx: Db, where: ReturnType<typeof sql>) {
  await tx.execute(sql`
    update honours h set org_path = e.org_path
    from enterprises e
    where h.imported and h.enterprise_id = e.id and h.org_path <> e.org_path and ${where}`);
}

/** Keeps imported honours at their enterprise's place when the registry moves it. */
export const honourEnterpriseListener: ChangeListener<null> = {
  name: '荣誉的所属组织',
  before: () => Promise.resolve(null),
  async after(tx, where) {
    await follow(tx, where);
  },
  async rebuild(tx) {
    await follow(tx, sql`true`);
  },
};
