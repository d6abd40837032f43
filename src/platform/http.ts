import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from './access';
import { AppError, unauthenticated, type FieldIssue } from './errors';
import { DbError } from './db/types';
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

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

function fieldName(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || '(请求体)';
}

/** One JSON error shape for every failure (DESIGN rule 6); never a stack trace. */
function toErrorBody(err: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, details: err.details } },
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details: FieldIssue[] = err.validation.map((v) => ({
      field: fieldName(v.instancePath),
      message: v.message ?? '格式不正确',
    }));
    const first = details[0];
    const where =
      err.validationContext === 'querystring'
        ? '查询参数'
        : err.validationContext === 'params'
          ? '路径参数'
          : '';
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: first ? `${where}字段 ${first.field} 不正确：${first.message}` : '请求参数不正确',
          details,
        },
      },
    };
  }
  const fe = err as FastifyError;
  if (
    fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (fe.statusCode === 400 && fe instanceof SyntaxError)
  ) {
    return { status: 400, body: { error: { code: 'BAD_JSON', message: '请求内容不是有效的 JSON' } } };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, body: { error: { code: 'TOO_LARGE', message: '请求内容过大' } } };
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      status: 415,
      body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' } },
    };
  }
  if (err instanceof DbError && err.code === '23505') {
    return { status: 409, body: { error: { code: 'CONFLICT', message: '与已有数据重复' } } };
  }
  if (err instanceof DbError && (err.code === '22P02' || err.code === '22007' || err.code === '22008')) {
    return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: '参数格式不正确' } } };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { error: { code: fe.code ?? 'BAD_REQUEST', message: '请求不正确' } },
    };
  }
  request.log.error({ err }, 'unhandled error');
  if (process.env.GONGHUI_DEBUG_ERRORS === '1') console.error(err);
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } },
  };
}

/** Builds the Fastify app with the platform's plugins; features add their routes to it. */
export async function createHttpApp(options: HttpOptions) {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

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
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.decorateRequest('actor', null);
  const sessionFree = (url: string) =>
    !url.startsWith('/api/') || url.startsWith('/api/docs') || url === '/api/health';
  app.addHook('onRequest', async (request) => {
    // The health check never waits on the database, so a long job cannot make it look down.
    if (sessionFree(request.url)) return;
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return;
    const userId = await resolveSession(db.orm, unsigned.value);
    if (userId) request.actor = await options.loadActor(userId);
  });
  app.addHook('preHandler', (request, _reply, done) => {
    if (sessionFree(request.url) || request.routeOptions.config.public || request.actor) done();
    else done(unauthenticated());
  });

  app.setErrorHandler((err, request, reply) => {
    const { status, body } = toErrorBody(err, request);
    return reply.status(status).send(body);
  });

  const webRoot = options.webRoot;
  if (webRoot && existsSync(path.join(webRoot, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt app is served without a restart.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: ['index.html'],
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

/** The signed-in actor of a request (the preHandler already answered 401 without one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

export function clientIp(request: FastifyRequest): string {
  return request.ip || 'unknown';
}

export const webRootDefault = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export type { FastifyReply };
