import { describe, expect, it } from 'vitest';
import { coverageListHref, priorityExportHref, reportHref } from './export-links';

describe('coverage download addresses', () => {
  it('carry the shown node, date and filters, and leave out what is not set', () => {
    expect(reportHref(undefined, '2024-06-30')).toBe('/api/coverage/report.xlsx?date=2024-06-30');
    expect(reportHref('a1', '2024-06-30')).toBe('/api/coverage/report.xlsx?orgId=a1&date=2024-06-30');
    expect(coverageListHref('a1', '2024-06-30', 'notUnionised')).toBe(
      '/api/coverage/enterprises/export.xlsx?orgId=a1&date=2024-06-30&measure=notUnionised',
    );
    expect(priorityExportHref({})).toBe('/api/coverage/priority/export.xlsx');
    expect(priorityExportHref({ orgId: 'a1', category: 3, reason: 'electionOverdue' })).toBe(
      '/api/coverage/priority/export.xlsx?orgId=a1&category=3&reason=electionOverdue',
    );
  });
});
