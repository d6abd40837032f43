// Attachments of a risk report: each file's kind is read from its bytes (PDF, Word, Excel,
// pictures), whatever its name says; the reporting unit and the handlers add and remove them, a
// unit outside the scope neither sees nor touches them, and every change enters the trail.
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildUser,
  loginAs,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { png } from '../../tests/images';
import { chinaToday } from '../platform/shared/dates';
import type { AttachmentView } from '../platform/shared/attachments-contract';
import type { OrgDetail } from '../orgs/contract';
import { MAX_REPORT_ATTACHMENTS, type ReportDetail, type ReportView } from './contract';

const ctx = setupTestApp();
let town: OrgDetail;
let staff: Client;
let cadre: Client;
let stranger: Client;
let report: ReportView;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function docx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('欠薪职工名单')] }] }));
}

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('名单').addRow(['姓名', '欠薪金额']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The header of an OLE compound file, as an old .doc or .xls begins. */
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

beforeAll(async () => {
  let otherTown: OrgDetail;
  ({ town, otherTown, staff } = await buildDistrictScene(ctx));
  cadre = await loginAs(ctx, await buildUser({ role: 'serviceCadre', org: town }));
  // Another township of the same district: sees nothing of this township's reports.
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  const firm = await buildEnterprise({ org: town });
  report = ok<ReportView>(
    await cadre.post('/api/labor/reports', {
      enterpriseId: firm.id,
      kinds: ['wageArrears'],
      workers: 30,
      months: 2,
      amountFen: 30_000_000,
      occurredOn: chinaToday(),
      description: '拖欠 30 名职工两个月工资。',
    }),
  );
});

describe('attachments of a risk report', () => {
  it('take PDF, Word, Excel and pictures by their bytes, and refuse anything else by field', async () => {
    const url = `/api/labor/reports/${report.id}/attachments`;
    const cases: [string, Buffer, string][] = [
      ['情况说明.pdf', PDF, 'application/pdf'],
      [
        '职工名单.docx',
        await docx(),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      ['欠薪明细.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['现场照片.png', png(4, 3), 'image/png'],
      // A PDF under a spreadsheet's name is still a PDF.
      ['改了名字.xlsx', PDF, 'application/pdf'],
      ['旧版文档.doc', OLE, 'application/msword'],
      ['旧版表格.xls', OLE, 'application/vnd.ms-excel'],
    ];
    for (const [name, bytes, type] of cases) {
      const added = ok<AttachmentView>(await cadre.upload(url, name, bytes));
      expect(added).toMatchObject({ fileName: name, mimeType: type, size: bytes.length });
    }
    const refused: [string, Buffer | string][] = [
      ['说明.txt', '这只是文字'],
      ['伪装.pdf', 'not a pdf at all'],
      ['压缩包.docx', Buffer.from('PK\u0003\u0004 broken zip')],
      ['复合文件.txt', OLE],
    ];
    for (const [name, bytes] of refused) {
      const res = await cadre.upload(url, name, bytes);
      expect(res.statusCode, name).toBe(400);
      const body = JSON.parse(res.body) as { error: { details: { field: string; message: string }[] } };
      expect(body.error.details[0]!.field).toBe('file');
      expect(body.error.details[0]!.message).toContain(`“${name}”不是可接受的文件`);
    }
    const seen = ok<ReportDetail>(await staff.get(`/api/labor/reports/${report.id}`));
    expect(seen.attachments.map((a) => a.fileName)).toEqual(cases.map(([name]) => name));
    expect(seen.mayAttach).toBe(true);
    expect(seen.events.filter((e) => e.kind === 'attachment')).toHaveLength(cases.length);

    // Served with the type read from the bytes; PDFs and pictures open, Word and Excel download.
    const pdf = await staff.get(seen.attachments[0]!.url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^inline/);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    const word = await staff.get(seen.attachments[1]!.url);
    expect(String(word.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''/);
  });

  it('are seen within the scope only, and changed by the reporting unit or a handler', async () => {
    const seen = ok<ReportDetail>(await cadre.get(`/api/labor/reports/${report.id}`));
    const first = seen.attachments[0]!;
    expect((await stranger.get(first.url)).statusCode).toBe(404);
    expect((await stranger.delete(first.url)).statusCode).toBe(404);
    expect(
      (await stranger.upload(`/api/labor/reports/${report.id}/attachments`, 'a.pdf', PDF)).statusCode,
    ).toBe(404);
    // An information officer of the township has no part in early warning.
    const officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: town }));
    expect((await officer.get(first.url)).statusCode).toBe(403);

    ok(await staff.delete(first.url));
    expect((await staff.get(first.url)).statusCode).toBe(404);
    const after = ok<ReportDetail>(await cadre.get(`/api/labor/reports/${report.id}`));
    expect(after.attachments.map((a) => a.id)).not.toContain(first.id);
    expect(after.events.at(-1)!.text).toBe(`删除附件“${first.fileName}”`);

    // At most MAX_REPORT_ATTACHMENTS; the one over is refused and nothing is kept of it.
    const url = `/api/labor/reports/${report.id}/attachments`;
    for (let i = after.attachments.length; i < MAX_REPORT_ATTACHMENTS; i++)
      ok(await cadre.upload(url, `补充${i}.png`, png(1, 1)));
    const over = await cadre.upload(url, '多余.png', png(1, 1));
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain(`最多 ${MAX_REPORT_ATTACHMENTS} 个附件`);
    expect(ok<ReportDetail>(await cadre.get(`/api/labor/reports/${report.id}`)).attachments).toHaveLength(
      MAX_REPORT_ATTACHMENTS,
    );
  });
});
