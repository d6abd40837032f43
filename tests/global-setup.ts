// Migrates once per run what each test file's database starts as a copy of (test-app.ts): an
// image of a migrated PGlite, and with TEST_DATABASE_URL a migrated template database on that
// server. The image serves the PostgreSQL pass too, where some files still use data folders of the
// embedded database. Each file still has a database of its own; none runs the migrations anew.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { Database, openDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { PgliteEngine } from '../src/platform/db/pglite-engine';
import { createPgDatabase } from './databases';

/** Writes an image of a migrated PGlite to a new folder; returns the file and how to remove it. */
async function migratedImage(): Promise<{ image: string; remove: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gonghui-test-image-'));
  const image = path.join(dir, 'migrated.tar');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const engine = await PgliteEngine.open(undefined);
    try {
      await migrate(new Database(engine));
      await engine.saveImage(image);
    } finally {
      await engine.close();
    }
  } catch (err) {
    remove();
    throw err;
  }
  return { image, remove };
}

/** A migrated database on the server of `url`; returns its name and how to drop it. */
async function migratedTemplate(url: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const template = await createPgDatabase(url);
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
  return template;
}

export default async function setup(project: TestProject) {
  const { image, remove } = await migratedImage();
  project.provide('pgliteImage', image);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return remove;
  try {
    const template = await migratedTemplate(serverUrl);
    project.provide('pgTemplate', template.name);
    return async () => {
      remove();
      await template.drop();
    };
  } catch (err) {
    remove();
    throw err;
  }
}
