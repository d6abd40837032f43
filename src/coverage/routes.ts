import { actorOf, type HttpApp } from '../platform/http';
import { ErrorBody } from '../platform/shared/api';
import { EnterprisePage } from '../enterprises/contract';
import {
  CoverageListQuery,
  CoverageQuery,
  CoverageView,
  PriorityPage,
  PriorityQuery,
  PriorityRuleBody,
  PriorityRuleSaved,
  PriorityRuleView,
  RuleBody,
  RuleList,
  RuleSaved,
  TargetsBody,
  TargetsParams,
  TargetsView,
  TrendView,
  YearParams,
} from './contract';
import {
  getCoverage,
  getTargets,
  getTrend,
  listCoverageEnterprises,
  listPriorityEnterprises,
  listRules,
  setRule,
  setTargets,
} from './service';
import { targetsImportRoutes } from './targets-import-routes';
import { getPriorityRule, setPriorityRule } from './priority-rule';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Routes of the coverage indicators. */
export function coverageRoutes(app: HttpApp) {
  targetsImportRoutes(app);
  app.get(
    '/api/coverage/rules',
    { schema: { tags: ['coverage'], summary: '各年度统计口径', response: { 200: RuleList, ...errors } } },
    async (request) => listRules(actorOf(request)),
  );
  app.put(
    '/api/coverage/rules/:year',
    {
      schema: {
        tags: ['coverage'],
        summary: '设置某年度的统计口径（市总工会）',
        params: YearParams,
        body: RuleBody,
        response: { 200: RuleSaved, ...errors, 409: ErrorBody },
      },
    },
    async (request) => setRule(actorOf(request), request.params.year, request.body),
  );
  app.get(
    '/api/coverage/priority-rule',
    {
      schema: {
        tags: ['coverage'],
        summary: '三类企业认定与排序规则',
        response: { 200: PriorityRuleView, ...errors },
      },
    },
    async (request) => getPriorityRule(actorOf(request)),
  );
  app.put(
    '/api/coverage/priority-rule',
    {
      schema: {
        tags: ['coverage'],
        summary: '设置三类企业认定与排序规则（市总工会），并重建清单',
        body: PriorityRuleBody,
        response: { 200: PriorityRuleSaved, ...errors, 409: ErrorBody },
      },
    },
    async (request) => setPriorityRule(actorOf(request), request.body),
  );
  app.get(
    '/api/coverage',
    {
      schema: {
        tags: ['coverage'],
        summary: '两个普遍：某组织（含下级）截至某日的指标及各下级明细',
        querystring: CoverageQuery,
        response: { 200: CoverageView, ...errors },
      },
    },
    async (request) => getCoverage(actorOf(request), request.query),
  );
  app.get(
    '/api/coverage/trend',
    {
      schema: {
        tags: ['coverage'],
        summary: '两个普遍：某组织近 24 个月的逐月走势（各月末及所选日期）',
        querystring: CoverageQuery,
        response: { 200: TrendView, ...errors },
      },
    },
    async (request) => getTrend(actorOf(request), request.query),
  );
  app.get(
    '/api/coverage/targets/:orgId',
    {
      schema: {
        tags: ['coverage'],
        summary: '某组织某年度的目标',
        params: TargetsParams,
        querystring: YearParams,
        response: { 200: TargetsView, ...errors },
      },
    },
    async (request) => getTargets(actorOf(request), request.params.orgId, request.query.year),
  );
  app.put(
    '/api/coverage/targets/:orgId',
    {
      schema: {
        tags: ['coverage'],
        summary: '设置某组织某年度的目标（由上级设置）',
        params: TargetsParams,
        body: TargetsBody,
        response: { 200: TargetsView, ...errors },
      },
    },
    async (request) => setTargets(actorOf(request), request.params.orgId, request.body),
  );
  app.get(
    '/api/coverage/priority',
    {
      schema: {
        tags: ['coverage'],
        summary: '三类企业名单（按类别、原因筛选，附原因）',
        querystring: PriorityQuery,
        response: { 200: PriorityPage, ...errors },
      },
    },
    async (request) => listPriorityEnterprises(actorOf(request), request.query),
  );
  app.get(
    '/api/coverage/enterprises',
    {
      schema: {
        tags: ['coverage'],
        summary: '某项统计背后的企业名单（与统计数一致）',
        querystring: CoverageListQuery,
        response: { 200: EnterprisePage, ...errors },
      },
    },
    async (request) => listCoverageEnterprises(actorOf(request), request.query),
  );
}
