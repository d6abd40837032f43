// Child process of the crash test: opens the embedded database in the folder given and commits
// pairs of rows forever, printing each pair's number after its commit is acknowledged.
import { openDatabase } from '../src/platform/db/client';

const database = await openDatabase({ dataDir: process.argv[2] });
await database.rows('create table if not exists crash_pairs (n int not null, half int not null)');
process.stdout.write('ready\n');
for (let n = 1; ; n++) {
  await database.engine.transaction(async (tx) => {
    await tx.query('insert into crash_pairs values ($1, 1)', [n], 'object');
    await tx.query('insert into crash_pairs values ($1, 2)', [n], 'object');
  });
  process.stdout.write(`${n}\n`);
}
