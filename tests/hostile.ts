// Hostile input for any operation of the OpenAPI document: a valid sample of every parameter and
// body field built from its JSON schema (with named values for fields a schema cannot describe,
// such as a real organisation id or a USCC with its check character), and for each of them the
// values an attacker or a broken client sends. The fuzz test walks every operation with these, so
// a new route is covered as soon as it is in the document.

/** The subset of JSON Schema the OpenAPI document uses. */
export interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes JSON. */
  jsonBody?: Schema;
  /** The operation takes a file upload (multipart/form-data). */
  multipart: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
}

/** Every operation of the document. */
export function operationsOf(doc: unknown): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries((doc as OpenApiDocument).paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        parameters: op.parameters ?? [],
        jsonBody: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return out;
}

/** Values the caller knows for fields by name (ids of real records, a valid USCC, a password). */
export type Known = (name: string, schema: Schema) => unknown;

const DATE_PATTERN = /\\d\{4\}-\\d\{2\}-\\d\{2\}|\\d\{4\}-\(\?:/;

function isDate(schema: Schema): boolean {
  return schema.format === 'date' || (schema.pattern !== undefined && DATE_PATTERN.test(schema.pattern));
}

function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** A valid value for `schema`, preferring what `known` says of the field's name. */
export function sample(schema: Schema, name: string, known: Known): unknown {
  const k = known(name, schema);
  if (k !== undefined) return k;
  const variant = schema.oneOf ?? schema.anyOf;
  if (variant?.[0]) return sample(variant[0], name, known);
  if (schema.allOf?.[0]) return sample(schema.allOf[0], name, known);
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (typeOf(schema)) {
    case 'string': {
      if (isDate(schema)) return '2026-03-02';
      if (schema.format === 'uuid') return '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
      const min = Math.max(schema.minLength ?? 1, 1);
      const max = schema.maxLength ?? 20;
      return '测试'.repeat(Math.ceil(min / 2)).slice(0, Math.max(min, Math.min(max, 4)));
    }
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? 0;
      const hi = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      if (lo <= 2026 && 2026 <= hi && /year/i.test(name)) return 2026;
      return Math.min(Math.max(1, lo), hi);
    }
    case 'boolean':
      return false;
    case undefined:
      return null;
    case 'array': {
      const n = schema.minItems ?? 0;
      return Array.from({ length: Math.max(n, schema.items ? 1 : 0) }, () =>
        sample(schema.items ?? {}, name, known),
      ).slice(0, schema.maxItems ?? 100);
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        const v = sample(sub, key, known);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    default:
      return null;
  }
}

const LONE_SURROGATES = ['\ud800', 'x\udfffy', '工会\ud83d'];
const NUL = ['\u0000', 'a\u0000b'];
const BAD_DATES = ['0000-01-01', '2011-13-01', '2025-02-31', '9999-12-31', '1899-12-31', '2026-00-10'];

/** Hostile strings: NUL, lone surrogates, impossible dates, huge, control and markup characters. */
export const HOSTILE_STRINGS: string[] = [
  ...NUL,
  ...LONE_SURROGATES,
  ...BAD_DATES,
  '',
  '   ',
  '工'.repeat(100_000),
  'a'.repeat(10_001),
  '-1',
  '1e309',
  '99999999999999999999',
  'NaN',
  '\u0007\u001b[31m\u000b\u000c\u202e',
  '\ufffe\uffff',
  "'; drop table users; --",
  '%00',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '👷\u200d♀️工会𠀀',
];

/** Hostile numbers: beyond every column's range, fractions, negative, and the wrong types. */
export const HOSTILE_NUMBERS: unknown[] = [
  2147483648,
  -2147483649,
  2 ** 53 + 2,
  1e308,
  -1e308,
  1.5,
  -1,
  0,
  '1',
  '',
];

/** Wrong types and shapes for any field. */
export const HOSTILE_ANY: unknown[] = [
  null,
  true,
  {},
  [],
  ['x'],
  { __proto__: null, polluted: 1 },
  JSON.parse('{"__proto__":{"polluted":1}}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"polluted":1}}}') as unknown,
];

/** The hostile values to put in place of a field described by `schema`. */
export function hostileValues(schema: Schema, valid: unknown): unknown[] {
  const t = typeOf(schema);
  const out: unknown[] = [...HOSTILE_ANY];
  if (t === 'string' || schema.enum || schema.anyOf || schema.oneOf) out.push(...HOSTILE_STRINGS, 1);
  if (t === 'integer' || t === 'number' || schema.anyOf || schema.oneOf) out.push(...HOSTILE_NUMBERS);
  if (t === 'boolean') out.push('true', 1, 'yes');
  if (t === 'array') {
    const item: unknown = Array.isArray(valid) && valid.length ? (valid as unknown[])[0] : 'x';
    out.push(
      Array.from({ length: 10_001 }, () => item),
      [null],
      [item, item],
      ...(schema.items ? hostileValues(schema.items, item).map((v) => [v]) : []),
    );
  }
  if (t === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const value = sample(schema.additionalProperties, '', () => undefined);
    out.push(
      { '\u0000': value },
      { '\ud800': value },
      { ['k'.repeat(10_000)]: value },
      Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, value])),
      ...hostileValues(schema.additionalProperties, value).map((v) => ({ k: v })),
    );
  }
  return out;
}

/** Hostile text for a query or path parameter, already percent-encoded where it must be. */
export const HOSTILE_URL_VALUES: string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80', // a lone surrogate as CESU-8: not UTF-8
  '%FF%FE',
  '%C0%AF',
  ...BAD_DATES,
  '2147483648',
  '-2147483649',
  '99999999999999999999',
  '-1',
  '0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  'true',
  '',
  '%20',
  'x'.repeat(5_000),
  '%E5%B7%A5'.repeat(1_000),
  '__proto__',
  'constructor',
  '..%2F..%2Fetc%2Fpasswd',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  '%27%3B%20drop%20table%20users%3B--',
];

/** Whole JSON bodies that are not what any operation takes. */
export const HOSTILE_BODIES: { contentType: string | undefined; payload: string | Buffer }[] = [
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: 'not json' },
  { contentType: 'application/json', payload: '' },
  { contentType: 'application/json', payload: 'null' },
  { contentType: 'application/json', payload: '[]' },
  { contentType: 'application/json', payload: '"text"' },
  { contentType: 'application/json', payload: '12' },
  { contentType: 'application/json', payload: '\ufeff{}' },
  { contentType: 'application/json', payload: '{"a":"\\ud800"}' },
  { contentType: 'application/json', payload: '{"__proto__":{"polluted":1}}' },
  { contentType: 'application/json', payload: '['.repeat(20_000) + ']'.repeat(20_000) },
  { contentType: 'application/json', payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { contentType: 'application/json; charset=gbk', payload: '{}' },
  { contentType: 'text/plain', payload: '{}' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
  { contentType: 'multipart/form-data', payload: 'x' },
  { contentType: 'application/xml', payload: '<a/>' },
  { contentType: undefined, payload: '{}' },
  { contentType: 'application/json', payload: `{"x":"${'a'.repeat(3 * 2 ** 20)}"}` },
];

function multipart(parts: string[], boundary: string, close = true): Buffer {
  return Buffer.from(
    parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + (close ? `--${boundary}--\r\n` : ''),
  );
}

const fileHeader = (name: string, field = 'file') =>
  `Content-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;

/** Broken and hostile uploads: truncated bodies, wrong boundaries, NUL in names, no file. */
export function hostileUploads(): { contentType: string | undefined; payload: Buffer; what: string }[] {
  const b = 'fuzzboundary';
  const ok = `${fileHeader('名单.csv')}名称,代码\r\n测试,1`;
  const full = multipart([ok], b);
  return [
    { what: 'truncated', contentType: `multipart/form-data; boundary=${b}`, payload: full.subarray(0, 60) },
    {
      what: 'no closing boundary',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: multipart([ok], b, false),
    },
    { what: 'no boundary', contentType: 'multipart/form-data', payload: full },
    { what: 'other boundary', contentType: 'multipart/form-data; boundary=other', payload: full },
    { what: 'empty', contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.alloc(0) },
    {
      what: 'NUL in name',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: multipart([`${fileHeader('a\u0000.csv')}x`], b),
    },
    {
      what: 'long name',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: multipart([`${fileHeader('工'.repeat(5000) + '.csv')}x`], b),
    },
    {
      what: 'path in name',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: multipart([`${fileHeader('../../x.txt')}x`], b),
    },
    {
      what: 'invalid UTF-8 name',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="`),
        Buffer.from([0xed, 0xa0, 0x80, 0xff]),
        Buffer.from(`.txt"\r\n\r\nx\r\n--${b}--\r\n`),
      ]),
    },
    {
      what: 'empty file',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: multipart([fileHeader('空.txt')], b),
    },
    {
      what: 'no file, a field',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: multipart(['Content-Disposition: form-data; name="x"\r\n\r\n1'], b),
    },
    { what: 'two files', contentType: `multipart/form-data; boundary=${b}`, payload: multipart([ok, ok], b) },
    {
      what: 'bad part header',
      contentType: `multipart/form-data; boundary=${b}`,
      payload: multipart(['Content-Disposition\r\n\r\nx'], b),
    },
    { what: 'JSON instead', contentType: 'application/json', payload: Buffer.from('{}') },
    { what: 'no content type', contentType: undefined, payload: full },
  ];
}
