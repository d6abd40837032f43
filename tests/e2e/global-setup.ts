// Seeds the demo city once per run: the app starts on an empty template folder, writes the demo
// data and stops; each browser-test file then starts the app on its own copy of the folder
// (server.ts, startApp), so no file sees another's writes and none waits for the seeding again.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, seedDataFolder } from './server';

export default async function setup(project: TestProject) {
  // Without Chromium the files skip (or, with CI=true, fail) on their own; nothing to seed for.
  if (!existsSync(CHROMIUM_PATH)) return;
  const template = mkdtempSync(path.join(os.tmpdir(), 'gonghui-e2e-template-'));
  try {
    await seedDataFolder(template);
  } catch (err) {
    rmSync(template, { recursive: true, force: true });
    throw err;
  }
  project.provide('e2eTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}
