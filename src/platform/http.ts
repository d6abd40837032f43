import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from './access';
import { registerCompression } from './compression';
import { AppError, unauthenticated } from './errors';
import { errorResponse } from './http-errors';
import { db } from './db/client';
import { resolveSession } from './sessions';

z.config(z.locales.zhCN());

export const SESSION_COOKIE = 'gonghui_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Route answers without a session (login, health). */
    public?: boolean;
  }
}

function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

export type ActorLoader = (userId: string) => Promise<Actor | null>;

export interface HttpOptions {
  sessionSecret: string;
  loadActor: ActorLoader;
  /** Where the built web app lies; served with the SPA fallback when it exists. */
  webRoot?: string;
  logger?: boolean;
  trustProxy?: boolean;
}

/** The documented body of every upload: one file in the multipart field `file`. */
const UPLOAD_BODY = {
  type: 'object',
  properties: { file: { type: 'string', format: 'binary' } },
  required: ['file'],
};

/** Builds the Fastify app with the platform's plugins; features add their routes to it. */
export async function createHttpApp(options: HttpOptions) {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    // A random id per request: a 500's body and the log line carry it, so a user can quote it.
    genReqId: () => randomBytes(6).toString('hex'),
    // Malformed URLs (bad percent-encoding, overlong parameters) answer in the platform's shape.
    frameworkErrors: (err, request, reply: FastifyReply) => {
      const { status, body } = errorResponse(err, request);
      void reply.code(status).send(body);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await registerCompression(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
      },
    },
  });
  await app.register(cookie, { secret: options.sessionSecret });
  await app.register(multipart, { limits: { fileSize: 200 * 2 ** 20, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gonghui 工会工作平台 API', version: '0.1.0' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      // An upload's body is read by the handler, not validated: document it for clients and tests.
      const consumes = (input.schema as { consumes?: string[] } | undefined)?.consumes;
      if (consumes?.includes('multipart/form-data')) out.schema = { ...out.schema, body: UPLOAD_BODY };
      return out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // CSRF defence in depth beside SameSite=Lax: a state-changing request that a browser sends from
  // another site carries that site's Origin (or Referer) and is refused before anything else runs.
  // Programs that send neither (the command line, curl) are not browsers and pass.
  app.addHook('onRequest', (request, _reply, done) => {
    const from = SAFE_METHODS.has(request.method)
      ? undefined
      : (request.headers.origin ?? refererOrigin(request.headers.referer));
    if (from !== undefined && !sameHost(from, request.host))
      done(new AppError(403, 'CROSS_SITE', '拒绝来自其他网站的请求：请在本系统的页面中操作'));
    else done();
  });

  app.decorateRequest('actor', null);
  const sessionFree = (url: string) =>
    !url.startsWith('/api/') || url.startsWith('/api/docs') || url === '/api/health';
  app.addHook('onRequest', async (request) => {
    // The health check never waits on the database, so a long job cannot make it look down.
    if (sessionFree(request.url)) return;
    const token = sessionToken(request);
    if (!token) return;
    const userId = await resolveSession(db.orm, token);
    if (userId) request.actor = await options.loadActor(userId);
  });
  app.addHook('preHandler', (request, _reply, done) => {
    if (sessionFree(request.url) || request.routeOptions.config.public || request.actor) done();
    else done(unauthenticated());
  });

  app.setErrorHandler((err, request, reply) => {
    const { status, body } = errorResponse(err, request);
    const wait = (body.error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === 429 && typeof wait === 'number') void reply.header('retry-after', String(wait));
    return reply.status(status).send(body);
  });

  const webRoot = options.webRoot;
  if (webRoot && existsSync(path.join(webRoot, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt app is served without a restart.
    // preCompressed: the build wrote `.br` and `.gz` beside each text file; they are sent as they
    // are to a browser that accepts them (the uncompressed file to one that does not).
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      // The build's manifest (`.vite/`) is for the size check, not for browsers.
      dotfiles: 'ignore',
      setHeaders(res, filePath) {
        // Vite names assets by content hash: cache them for good; never cache the page itself.
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
        else res.header('cache-control', 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (
      request.url.startsWith('/api') ||
      request.url.startsWith('/assets/') ||
      request.method !== 'GET' ||
      !webRoot
    ) {
      return reply.status(404).send({
        error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` },
      });
    }
    if (!existsSync(path.join(webRoot, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('网页尚未构建：请运行 npm run build:web，或用 npm start 启动（会自动构建）。');
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return typed(app);
}

export type HttpApp = Awaited<ReturnType<typeof createHttpApp>>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** Whether an Origin names the host the request was sent to ('null' and garbage never do). */
function sameHost(origin: string, host: string): boolean {
  const bare = (h: string) => h.toLowerCase().replace(/:(80|443)$/, '');
  try {
    return bare(new URL(origin).host) === bare(host);
  } catch {
    return false;
  }
}

/** The signed-in actor of a request (the preHandler already answered 401 without one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** The session token of the request's cookie, when it carries a validly signed one. */
export function sessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : null;
  return unsigned?.valid && unsigned.value ? unsigned.value : null;
}

export function clientIp(request: FastifyRequest): string {
  return request.ip || 'unknown';
}

export const webRootDefault = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export type { FastifyReply };
