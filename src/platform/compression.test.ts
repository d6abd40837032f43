// Compressed answers and caching: the API's JSON in brotli or gzip as the client accepts, the web
// app's files sent precompressed (never compressed per request) and cached by their hashed names,
// downloads that are compressed already passed as they are.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFolder } from '../../scripts/precompress';
import {
  buildEnterprise,
  buildOrg,
  buildUser,
  loginAs,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { compressible } from './compression';

// A small built web app, precompressed by the same code as the real build.
const webRoot = mkdtempSync(path.join(os.tmpdir(), 'gonghui-web-'));
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "第${i}行" }`).join(', ')}];\n`;
const page = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>工会工作平台</title>${'<!-- 页面 -->'.repeat(100)}<script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>`;
mkdirSync(path.join(webRoot, 'assets'));
writeFileSync(path.join(webRoot, 'index.html'), page);
writeFileSync(path.join(webRoot, 'assets/index-Ab12Cd34.js'), script);
await precompressFolder(webRoot);
// Written after the build's compression: a text file that has no compressed copy.
writeFileSync(path.join(webRoot, 'assets/late-Ef56Gh78.js'), script);

const ctx = setupTestApp({ webRoot });
let staff: Client;
let orgId: string;

beforeAll(async () => {
  const district = await buildOrg({ name: '压缩测试区总工会' });
  orgId = district.id;
  for (let i = 0; i < 12; i++) await buildOrg({ parent: district, name: `压缩测试街道工会${i}` });
  const town = await buildOrg({ parent: district, name: '压缩测试镇工会' });
  for (let i = 0; i < 3; i++) await buildEnterprise({ org: town });
  staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
});

afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

function get(url: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie, ...headers } });
}

describe('compression', () => {
  it('a JSON list is sent in brotli or gzip as the client accepts, and plain without Accept-Encoding', async () => {
    const url = `/api/orgs?parentId=${orgId}`;
    const plain = await get(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await get(url, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it("the web app's script is sent precompressed and cached for good under its hashed name", async () => {
    const url = '/assets/index-Ab12Cd34.js';
    const br = await get(url, { 'accept-encoding': 'br, gzip' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('a file without a compressed copy is sent as it is, not compressed per request', async () => {
    const res = await get('/assets/late-Ef56Gh78.js', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(script);
  });

  it('the page itself, also under a client-side route, is precompressed and never cached', async () => {
    for (const url of ['/', '/index.html', '/enterprises?page=2']) {
      const res = await get(url, { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(page);
    }
  });

  it("the build's manifest folder is not served", async () => {
    mkdirSync(path.join(webRoot, '.vite'), { recursive: true });
    writeFileSync(path.join(webRoot, '.vite/manifest.json'), '{}');
    const res = await get('/.vite/manifest.json');
    expect(res.body).not.toBe('{}');
  });

  it('an xlsx download, compressed already, is sent as it is', async () => {
    const res = await get(`/api/enterprises/export.xlsx?orgId=${orgId}`, { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('compresses text and JSON, never office files, archives, pictures or unknown bytes', () => {
    for (const type of [
      'application/json; charset=utf-8',
      'text/html; charset=utf-8',
      'text/csv',
      'application/javascript',
      'image/svg+xml',
      'application/problem+json',
    ])
      expect(compressible(type), type).toBe(true);
    for (const type of [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/zip',
      'image/png',
      'image/jpeg',
      'application/pdf',
      'application/octet-stream',
      'text/event-stream',
    ])
      expect(compressible(type), type).toBe(false);
  });
});
