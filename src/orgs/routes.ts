import { actorOf, clientIp, SESSION_COOKIE, sessionToken, type HttpApp } from '../platform/http';
import { ErrorBody, IdParams, OkBody } from '../platform/shared/api';
import {
  ChangePasswordBody,
  LoginBody,
  MeView,
  OrgCreateBody,
  OrgDetail,
  OrgListQuery,
  OrgMoveBody,
  OrgPage,
  OrgPatchBody,
  PasswordResetBody,
  UserCreateBody,
  UserListQuery,
  UserPage,
  UserPatchBody,
  UserView,
  VersionQuery,
} from './contract';
import { createOrg, deactivateOrg, getOrg, listOrgs, moveOrg, updateOrg } from './service';
import {
  changeOwnPassword,
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  login,
  logout,
  me,
  resetPassword,
  updateUser,
} from './users-service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Routes of the organisation tree, users and sign-in. */
export function orgRoutes(app: HttpApp, options: { secureCookies: boolean; sessionTtlHours: number }) {
  // ---- sign-in ----
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: LoginBody,
        response: { 200: MeView, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { token, actor } = await login(request.body.username, request.body.password, {
        ip: clientIp(request),
        userAgent: request.headers['user-agent'],
      });
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        signed: true,
        maxAge: options.sessionTtlHours * 3600,
      });
      return me(actor);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录', response: { 200: OkBody } } },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) await logout(token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeView, 401: ErrorBody } } },
    async (request) => me(actorOf(request)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: ChangePasswordBody,
        response: { 200: OkBody, ...errors, 429: ErrorBody },
      },
    },
    async (request) => {
      await changeOwnPassword(actorOf(request), request.body, {
        ip: clientIp(request),
        sessionToken: sessionToken(request),
      });
      return { ok: true as const };
    },
  );

  // ---- organisations ----
  app.get(
    '/api/orgs',
    {
      schema: {
        tags: ['orgs'],
        summary: '组织列表',
        querystring: OrgListQuery,
        response: { 200: OrgPage, ...errors },
      },
    },
    async (request) => listOrgs(actorOf(request), request.query),
  );
  app.get(
    '/api/orgs/:id',
    {
      schema: {
        tags: ['orgs'],
        summary: '组织详情',
        params: IdParams,
        response: { 200: OrgDetail, ...errors },
      },
    },
    async (request) => getOrg(actorOf(request), request.params.id),
  );
  app.post(
    '/api/orgs',
    {
      schema: {
        tags: ['orgs'],
        summary: '新建组织',
        body: OrgCreateBody,
        response: { 200: OrgDetail, ...errors },
      },
    },
    async (request) => createOrg(actorOf(request), request.body),
  );
  app.patch(
    '/api/orgs/:id',
    {
      schema: {
        tags: ['orgs'],
        summary: '修改组织',
        params: IdParams,
        body: OrgPatchBody,
        response: { 200: OrgDetail, ...errors },
      },
    },
    async (request) => updateOrg(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/orgs/:id/move',
    {
      schema: {
        tags: ['orgs'],
        summary: '移动组织',
        params: IdParams,
        body: OrgMoveBody,
        response: { 200: OrgDetail, ...errors },
      },
    },
    async (request) => moveOrg(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/orgs/:id',
    {
      schema: {
        tags: ['orgs'],
        summary: '停用组织',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: OrgDetail, ...errors },
      },
    },
    async (request) => deactivateOrg(actorOf(request), request.params.id, request.query.version),
  );

  // ---- users ----
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: UserListQuery,
        response: { 200: UserPage, ...errors },
      },
    },
    async (request) => listUsers(actorOf(request), request.query),
  );
  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '用户详情',
        params: IdParams,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => getUser(actorOf(request), request.params.id),
  );
  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户',
        body: UserCreateBody,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => createUser(actorOf(request), request.body),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => updateUser(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: '重置用户密码',
        params: IdParams,
        body: PasswordResetBody,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => resetPassword(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '停用用户',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => deactivateUser(actorOf(request), request.params.id, request.query.version),
  );
}
