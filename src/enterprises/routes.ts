import { z } from 'zod';
import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody, IdParams } from '../platform/shared/api';
import {
  EnterpriseCreateBody,
  EnterpriseDetail,
  EnterpriseListQuery,
  EnterprisePage,
  EnterprisePatchBody,
  FactCreateBody,
} from './contract';
import {
  addFact,
  createEnterprise,
  getEnterprise,
  listEnterprises,
  removeFact,
  updateEnterprise,
} from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const FactParams = IdParams.extend({ factId: z.uuid({ error: 'factId 必须是有效的 UUID' }) });

/** Routes of the enterprise registry. */
export function enterpriseRoutes(app: HttpApp) {
  app.get(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: '企业列表',
        querystring: EnterpriseListQuery,
        response: { 200: EnterprisePage, ...errors },
      },
    },
    async (request) => listEnterprises(actorOf(request), request.query),
  );
  app.get(
    '/api/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        summary: '企业详情及其事项时间线',
        params: IdParams,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => getEnterprise(actorOf(request), request.params.id),
  );
  app.post(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: '登记企业',
        body: EnterpriseCreateBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => createEnterprise(actorOf(request), request.body),
  );
  app.patch(
    '/api/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        summary: '修改企业',
        params: IdParams,
        body: EnterprisePatchBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => updateEnterprise(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/enterprises/:id/facts',
    {
      schema: {
        tags: ['enterprises'],
        summary: '登记一项事实（建会、换届、合同……）',
        params: IdParams,
        body: FactCreateBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => addFact(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/enterprises/:id/facts/:factId',
    {
      schema: {
        tags: ['enterprises'],
        summary: '删除误登记的事项',
        params: FactParams,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (request) => removeFact(actorOf(request), request.params.id, request.params.factId),
  );
}
