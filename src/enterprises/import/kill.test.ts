// Killing the process during an import leaves no partial import after restart: the merge is one
// transaction, and the staging rows of the interrupted job are discarded at start-up.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase, setDatabase } from '../../platform/db/client';
import { migrate } from '../../platform/db/migrate';
import { failInterruptedJobs } from '../../platform/jobs';
import { seedDemoOrgs } from '../../orgs/demo';
import { completeUscc } from '../../platform/shared/uscc';
import { discardUnfinishedImports } from './service';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/gonghui.js');

async function writeFile(file: string, rows: number) {
  const out = createWriteStream(file);
  out.write('统一社会信用代码,企业名称,所属乡镇(街道),职工人数,建会日期,会员人数\n');
  for (let i = 0; i < rows; i++) {
    const line = `${completeUscc('91320506', `K${String(i).padStart(7, '0')}`)},苏州中断测试${i}有限公司,长桥街道,50,2011-06-30,40\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs the CLI import and kills it with SIGKILL as soon as it prints `when`. */
async function importAndKill(dataDir: string, file: string, when: RegExp): Promise<string> {
  const child = spawn(process.execPath, [bin, 'import', 'enterprises', file], {
    env: { ...process.env, GONGHUI_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (when.test(output)) child.kill('SIGKILL');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await once(child, 'exit');
  return output;
}

describe('an import killed midway', () => {
  it(
    'leaves nothing behind, whether killed while reading or while writing',
    { timeout: 240_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-kill-'));
      const dataDir = path.join(dir, 'data');
      const file = path.join(dir, 'big.csv');
      try {
        // A new folder from the run's migrated image (tests/global-setup.ts): no initdb to wait for.
        const setup = await openDatabase({ dataDir, image: inject('pgliteImage') });
        await migrate(setup);
        setDatabase(setup);
        await seedDemoOrgs();
        await setup.close();
        await writeFile(file, 60_000);
        for (const when of [/已读取 \d+ 行/, /正在写入/]) {
          const output = await importAndKill(dataDir, file, when);
          expect(output).toMatch(when);
          expect(output).not.toMatch(/导入完成/);
          const database = await openDatabase({ dataDir });
          setDatabase(database);
          const count = async (table: string) =>
            (await database.rows<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
          expect(await count('enterprises')).toBe(0);
          expect(await count('enterprise_facts')).toBe(0);
          // What start-up does: the job is marked interrupted and its staging is discarded.
          expect(await failInterruptedJobs()).toBe(1);
          await discardUnfinishedImports();
          expect(await count('import_rows')).toBe(0);
          expect(await count('import_facts')).toBe(0);
          await database.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
