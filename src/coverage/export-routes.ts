// HTTP of the coverage exports: the statistical report, the list behind a count and the
// three-category worklist, as xlsx downloads. Access and input are checked before any byte is
// sent; the file is then streamed.
import { type HttpApp } from '../platform/http';
import { xlsxRoute } from '../platform/xlsx-route';
import { CoverageListQuery, CoverageQuery, PriorityQuery } from './contract';
import { prepareCoverageListExport, preparePriorityExport } from './exports';
import { prepareCoverageReport } from './report';

const tags = ['coverage'];

/** Routes of the coverage exports. */
export function coverageExportRoutes(app: HttpApp) {
  xlsxRoute(
    app,
    '/api/coverage/report.xlsx',
    { tags, summary: '两个普遍工作统计表（xlsx）：某组织各下级单位截至某日的指标及合计' },
    CoverageQuery,
    prepareCoverageReport,
  );
  xlsxRoute(
    app,
    '/api/coverage/enterprises/export.xlsx',
    { tags, summary: '导出某项统计背后的企业名单（xlsx，与统计数一致）' },
    CoverageListQuery,
    prepareCoverageListExport,
  );
  xlsxRoute(
    app,
    '/api/coverage/priority/export.xlsx',
    { tags, summary: '导出三类企业名单（xlsx，附类别和原因）' },
    PriorityQuery,
    preparePriorityExport,
  );
}
