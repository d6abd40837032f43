// Pictures of an item: real PNG/JPEG/GIF/WebP accepted with their pixel size read from the bytes,
// anything else refused with a Chinese reason, and the same walls as the item itself.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { png } from '../../tests/images';
import type { SubmissionDetail, SubmissionImageView } from './contract';
import { readImageHeader } from '../platform/image-header';

const ctx = setupTestApp();

let officer: Client;
let colleague: Client;
let stranger: Client;
let editor: Client;
let item: SubmissionDetail;

beforeAll(async () => {
  const root = await rootFederation();
  const wuzhong = await buildOrg({ name: '吴中区总工会' });
  const wujiang = await buildOrg({ name: '吴江市总工会' });
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  colleague = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  stranger = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  item = json<SubmissionDetail>(
    await officer.post('/api/bulletin/submissions', { title: '职工运动会开幕', body: '　　正文。' }),
  );
});

function upload(client: Client, id: string, name: string, content: Buffer | string) {
  return client.upload(`/api/bulletin/submissions/${id}/images`, name, content);
}

describe('submission images', () => {
  it('accepts a real PNG with its width and height, serves it and lists it on the item', async () => {
    const bytes = png(37, 21);
    const res = await upload(officer, item.id, '运动会开幕式.png', bytes);
    expect(res.statusCode, res.body).toBe(200);
    const image = json<SubmissionImageView>(res);
    expect(image).toMatchObject({
      fileName: '运动会开幕式.png',
      mimeType: 'image/png',
      width: 37,
      height: 21,
      size: bytes.length,
    });
    const served = await officer.get(image.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(bytes)).toBe(true);
    // A colleague of the same unit reads it too.
    expect((await colleague.get(image.url)).statusCode).toBe(200);
    const detail = json<SubmissionDetail>(await officer.get(`/api/bulletin/submissions/${item.id}`));
    expect(detail.images.map((i) => i.id)).toEqual([image.id]);
  });

  it('refuses a text file named .png with a 400 in Chinese', async () => {
    const res = await upload(officer, item.id, '照片.png', '这不是图片，只是一段文字。');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toBe(
      '“照片.png”不是可识别的图片，只接受 PNG、JPEG、GIF 或 WebP 格式',
    );
    // A PNG signature with a broken header is no picture either.
    const truncated = png(5, 5).subarray(0, 20);
    expect((await upload(officer, item.id, 'broken.png', truncated)).statusCode).toBe(400);
  });

  it("another unit's officer gets 404 for the item's images, to upload, read or delete", async () => {
    const detail = json<SubmissionDetail>(await officer.get(`/api/bulletin/submissions/${item.id}`));
    const image = detail.images[0]!;
    expect((await upload(stranger, item.id, 'x.png', png(2, 2))).statusCode).toBe(404);
    expect((await stranger.get(image.url)).statusCode).toBe(404);
    expect((await stranger.delete(image.url)).statusCode).toBe(404);
    // A draft is the unit's own: the editor does not see its pictures either.
    expect((await editor.get(image.url)).statusCode).toBe(404);
    expect((await clientFor(ctx).get(image.url)).statusCode).toBe(401);
  });

  it('pictures change only while the item is a draft or returned; the editor sees them once submitted', async () => {
    const second = json<SubmissionImageView>(await upload(officer, item.id, '第二张.png', png(4, 3)));
    expect((await officer.delete(second.url)).statusCode).toBe(200);
    expect((await officer.get(second.url)).statusCode).toBe(404);

    const sent = await officer.post(`/api/bulletin/submissions/${item.id}/submit`, { version: item.version });
    expect(sent.statusCode, sent.body).toBe(200);
    const [image] = json<SubmissionDetail>(sent).images;
    expect((await editor.get(image!.url)).statusCode).toBe(200);
    const late = await upload(officer, item.id, 'late.png', png(2, 2));
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('只有草稿或退回修改的稿件可以修改图片');
    expect((await officer.delete(image!.url)).statusCode).toBe(400);
  });
});

describe('readImageHeader', () => {
  it('reads JPEG, GIF and WebP sizes and refuses other bytes', () => {
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x04,
      0x4a,
      0x46, // APP0, length 4
      0xff,
      0xc0,
      0x00,
      0x11,
      0x08,
      0x01,
      0x2c,
      0x02,
      0x58,
      0x03, // SOF0: 300 high, 600 wide
    ]);
    expect(readImageHeader(jpeg)).toEqual({ mime: 'image/jpeg', width: 600, height: 300 });
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0x40, 0x01, 0xf0, 0x00])]);
    expect(readImageHeader(gif)).toEqual({ mime: 'image/gif', width: 320, height: 240 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'latin1');
    vp8x.write('WEBPVP8X', 8, 'latin1');
    vp8x.writeUIntLE(799, 24, 3);
    vp8x.writeUIntLE(599, 27, 3);
    expect(readImageHeader(vp8x)).toEqual({ mime: 'image/webp', width: 800, height: 600 });
    expect(readImageHeader(Buffer.from('%PDF-1.7 not a picture'))).toBeNull();
    expect(readImageHeader(Buffer.alloc(0))).toBeNull();
  });
});
