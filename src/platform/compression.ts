// Compressed answers: brotli or gzip for the API's JSON and text, chosen by the browser's
// Accept-Encoding. Office files, archives and pictures are compressed already and pass as they are;
// the web app's files are compressed once at build (`.br` and `.gz` beside each) and served so.
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';

/** Whether a response of this content type is worth compressing (text, JSON, JavaScript, XML, SVG). */
export function compressible(contentType: string): boolean {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type.startsWith('text/')) return type !== 'text/event-stream';
  return (
    type === 'application/json' ||
    type === 'application/javascript' ||
    type === 'application/xml' ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

/**
 * Registers response compression. Call it before any route is added: routes outside `/api` serve
 * the built web app, whose files are precompressed, so none of them is compressed per request.
 */
export async function registerCompression(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) route.compress = false;
  });
  await app.register(compress, {
    // The same two on every Node version (newer ones would prefer zstd, which few clients expect).
    encodings: ['br', 'gzip'],
    customTypes: compressible,
    // Request bodies are read as sent: no inflating of uploads on the server's time.
    globalDecompression: false,
  });
}
