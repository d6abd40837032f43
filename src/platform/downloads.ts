// Sending files to the browser: the Chinese file name in `content-disposition` (RFC 5987), and
// for files written as they are read from the database, no status line until the writer has
// produced its first bytes, so a failure in its first query still answers with a proper error.
import type { Readable, Writable } from 'node:stream';
import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logServerError } from './http-errors';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file that writes itself into a stream once access and input have been checked. */
export interface PreparedDownload {
  filename: string;
  write: (output: Writable) => Promise<unknown>;
}

/** `content-disposition` whose Chinese file name survives every browser. */
export function disposition(filename: string, inline = false): string {
  return `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends bytes or a readable stream as a download. */
export function sendDownload(
  reply: FastifyReply,
  file: { filename: string; type: string; body: Buffer | Readable; inline?: boolean },
): FastifyReply {
  return reply
    .header('content-disposition', disposition(file.filename, file.inline))
    .type(file.type)
    .send(file.body);
}

/**
 * Streams what `prepared.write` produces. Until its first bytes (or its end) nothing is sent, so an
 * error before then answers as JSON; an error after them can only cut the file, and is logged.
 */
export async function streamDownload(
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  prepared: PreparedDownload,
): Promise<FastifyReply> {
  let started!: () => void;
  const firstBytes = new Promise<void>((resolve) => (started = resolve));
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      started();
      callback(null, chunk);
    },
  });
  const writing = prepared.write(body);
  // A failure before the first bytes rejects here and is answered as an error.
  await Promise.race([firstBytes, writing]);
  writing.catch((err: unknown) => {
    logServerError(err, request);
    body.destroy(err instanceof Error ? err : new Error('download failed'));
  });
  return sendDownload(reply, { filename: prepared.filename, type, body });
}
