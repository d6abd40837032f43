import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let root = path.join(tmpdir(), `gonghui-files-${process.pid}`);

/** Where uploads and generated reports live: `<data folder>/files` in a running app. */
export function configureFiles(dir: string) {
  root = dir;
}

/** A folder under the files root, created on first use. */
export function filesDir(sub: 'uploads' | 'reports' | 'exports'): string {
  const dir = path.join(root, sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}
