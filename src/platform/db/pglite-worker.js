// The embedded database runs in this worker thread so that a long query never blocks the
// HTTP event loop. The main thread sends one message per operation; see pglite-engine.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { Blob, Buffer } from 'node:buffer';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

const RAW_TEXT_TYPES = [1082, 1114, 1184, 1186, 1700];
const parsers = { 20: (x) => Number(x) };
for (const oid of RAW_TEXT_TYPES) parsers[oid] = (x) => x;

/** @type {PGlite} */
let db;
/** @type {Map<number, { tx: any, commit: () => void, rollback: (e: Error) => void, done: Promise<unknown> }>} */
const txs = new Map();

function errorFields(err) {
  return {
    message: err?.message ?? String(err),
    code: err?.code,
    constraint: err?.constraint,
    detail: err?.detail,
    table: err?.table,
    column: err?.column,
  };
}

async function handle(msg) {
  switch (msg.op) {
    case 'open': {
      // An image of a data folder (see 'save image') to start from instead of an empty database.
      const loadDataDir = workerData.image ? new Blob([await readFile(workerData.image)]) : undefined;
      db = await PGlite.create({ dataDir: workerData.dataDir, parsers, loadDataDir });
      await db.exec("SET TIME ZONE 'UTC'");
      return {};
    }
    case 'query': {
      const target = msg.txId ? txs.get(msg.txId)?.tx : db;
      if (!target) throw new Error(`transaction ${msg.txId} is not open`);
      const result = await target.query(msg.sql, msg.params, { rowMode: msg.rowMode });
      return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
    }
    case 'copy': {
      const target = msg.txId ? txs.get(msg.txId)?.tx : db;
      if (!target) throw new Error(`transaction ${msg.txId} is not open`);
      const result = await target.query(msg.sql, [], { blob: new Blob([msg.csv]) });
      return { rows: [], affectedRows: result.affectedRows ?? 0 };
    }
    case 'exec': {
      await db.exec(msg.sql);
      return {};
    }
    case 'begin': {
      let opened;
      const isOpen = new Promise((resolve) => (opened = resolve));
      const entry = {};
      entry.done = db
        .transaction(
          (tx) =>
            new Promise((resolve, reject) => {
              entry.tx = tx;
              entry.commit = resolve;
              entry.rollback = reject;
              opened();
            }),
        )
        .finally(() => txs.delete(msg.txId));
      txs.set(msg.txId, entry);
      // A transaction waits here while another one holds the database.
      await Promise.race([isOpen, entry.done]);
      // Read-only as on a replica; set in the same message, so it costs no round trip.
      if (msg.readOnly && entry.tx) await entry.tx.query('SET TRANSACTION READ ONLY');
      return {};
    }
    case 'commit': {
      const entry = txs.get(msg.txId);
      if (!entry) throw new Error(`transaction ${msg.txId} is not open`);
      entry.commit();
      await entry.done;
      return {};
    }
    case 'rollback': {
      const entry = txs.get(msg.txId);
      if (!entry) return {};
      entry.rollback(new Error('rollback'));
      await entry.done.catch(() => undefined);
      return {};
    }
    case 'save image': {
      // The checkpoint writes every change into the data files, so the image needs no recovery.
      await db.exec('CHECKPOINT');
      const image = await db.dumpDataDir('none');
      await writeFile(msg.file, Buffer.from(await image.arrayBuffer()));
      return {};
    }
    case 'close': {
      await db?.close();
      return {};
    }
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

parentPort.on('message', (msg) => {
  handle(msg).then(
    (result) => parentPort.postMessage({ id: msg.id, ok: true, ...result }),
    (err) => parentPort.postMessage({ id: msg.id, ok: false, error: errorFields(err) }),
  );
});
