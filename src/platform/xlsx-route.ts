// A GET that answers with an xlsx file built from its validated query: access and input are
// checked by `prepare` before any byte is sent, then the file is streamed.
import type { z } from 'zod';
import type { Actor } from './access';
import { streamDownload, XLSX_TYPE, type PreparedDownload } from './downloads';
import { actorOf, type HttpApp } from './http';
import { ErrorBody } from './shared/api';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Registers a GET that answers with the xlsx its `prepare` builds from the validated query. */
export function xlsxRoute<Q extends z.ZodType>(
  app: HttpApp,
  url: string,
  meta: { tags: string[]; summary: string },
  querystring: Q,
  prepare: (actor: Actor, query: z.output<Q>) => Promise<PreparedDownload>,
) {
  app.get(url, { schema: { ...meta, querystring, response: errors } }, async (request, reply) =>
    streamDownload(request, reply, XLSX_TYPE, await prepare(actorOf(request), request.query as z.output<Q>)),
  );
}
