// The web app's text files compressed once at build: `name.js.br` and `name.js.gz` beside
// `name.js`, at the strongest settings (time spent once, not per request). The server sends them
// as they are to a browser that accepts them.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Files worth compressing; pictures and fonts in woff2 are compressed already. */
const TEXT_FILE = /\.(html|js|mjs|css|svg|json|txt|xml|map|webmanifest)$/;

/** gzip as the build writes it: the size the budgets count is the size a browser receives. */
export function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes, { level: 9 });
}

export function brotli(bytes: Buffer): Buffer {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

async function textFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // `.vite/` holds the manifest, which browsers never ask for.
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) found.push(...(await textFiles(full)));
    } else if (TEXT_FILE.test(entry.name)) found.push(full);
  }
  return found;
}

/**
 * Writes `.br` and `.gz` beside every text file under `dir`, each only when smaller than the file
 * itself. Returns the number of files compressed.
 */
export async function precompressFolder(dir: string): Promise<number> {
  let count = 0;
  for (const file of await textFiles(dir)) {
    const bytes = await readFile(file);
    const br = brotli(bytes);
    const gz = gzip(bytes);
    if (br.length < bytes.length) await writeFile(`${file}.br`, br);
    if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
    count += 1;
  }
  return count;
}

/** Vite plugin: precompresses the output folder once the build has written it. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'gonghui:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressFolder(outDir);
    },
  };
}
