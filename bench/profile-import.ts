// Quick profile of one import's phases: ROWS=100000 node --import tsx bench/profile-import.ts
import { mkdtempSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, setDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/access';
import { PERMISSIONS } from '../src/platform/shared/access-catalog';
import { configureFiles } from '../src/platform/files';
import { seedDemoOrgs } from '../src/orgs/demo';
import { importEnterprises } from '../src/enterprises/import/service';
import { HEADER, row } from './import-rows';
import { wireFeatures } from '../src/wiring';

const ROWS = Number(process.env.ROWS ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-prof-'));
configureFiles(path.join(dir, 'files'));
const file = path.join(dir, 'x.csv');
const out = createWriteStream(file);
out.write(HEADER.join(',') + '\n');
for (let i = 0; i < ROWS; i++) if (!out.write(row(i).join(',') + '\n')) await once(out, 'drain');
out.end();
await once(out, 'finish');
const database = await openDatabase(
  process.env.PG ? { databaseUrl: process.env.PG } : { dataDir: path.join(dir, 'data') },
);
await migrate(database);
setDatabase(database);
wireFeatures();
await seedDemoOrgs();
const started = performance.now();
const result = await importEnterprises(
  systemActor(PERMISSIONS),
  { id: crypto.randomUUID(), progress: () => undefined },
  { filePath: file, originalName: 'x.csv', dryRun: false },
);
console.log(Math.round(performance.now() - started), result.timingsMs, result.created, result.facts);
await database.close();
