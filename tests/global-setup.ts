// Migrates one database per run, which each test file's database starts as a copy of
// (test-app.ts): an image of a migrated PGlite, or a migrated template database on the server of
// TEST_DATABASE_URL. Each file still has a database of its own; none runs the migrations anew.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { Database, openDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { PgliteEngine } from '../src/platform/db/pglite-engine';
import { createPgDatabase } from './databases';

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = await createPgDatabase(serverUrl);
    try {
      const database = await openDatabase({ databaseUrl: template.url });
      try {
        await migrate(database);
      } finally {
        await database.close();
      }
    } catch (err) {
      await template.drop();
      throw err;
    }
    project.provide('pgTemplate', template.name);
    return () => template.drop();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gonghui-test-image-'));
  const image = path.join(dir, 'migrated.tar');
  const removeImage = () => rmSync(dir, { recursive: true, force: true });
  try {
    const engine = await PgliteEngine.open(undefined);
    try {
      await migrate(new Database(engine));
      await engine.saveImage(image);
    } finally {
      await engine.close();
    }
  } catch (err) {
    removeImage();
    throw err;
  }
  project.provide('pgliteImage', image);
  return removeImage;
}
