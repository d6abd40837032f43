import { parseLegacyFile } from './src/bulletin/legacy/read-file';
for (const f of process.argv.slice(2)) {
  const t = performance.now();
  const r = await parseLegacyFile(f);
  console.log(f, Math.round(performance.now() - t), 'ms', r.columns.length, 'columns', r.columns.reduce((n, c) => n + c.items.length, 0), 'items', Math.round(process.memoryUsage().rss / 2 ** 20), 'MB');
}
