// Schemas every resource of the API shares; the web app imports them through contracts.
import { z } from 'zod';

/**
 * Whether PostgreSQL can store the text and a Word or Excel file can carry it: no NUL character and
 * no half of a surrogate pair (neither has a place in UTF-8).
 */
export function storable(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text with every NUL and lone surrogate replaced by U+FFFD, for showing what was refused. */
export function toStorable(value: string): string {
  return value.replaceAll('\u0000', '\uFFFD').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

export const UNSTORABLE_MESSAGE = '含有无法保存的字符（空字符或不成对的代理字符），请删除后重试';

/**
 * The string every contract starts from (lint forbids a bare `z.string()`): text that holds a NUL
 * or a lone surrogate is refused here, with the field named, before any database sees it.
 */
export function str(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(storable, { error: UNSTORABLE_MESSAGE, abort: true });
}

/** The largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647;

export const IdParams = z.object({ id: z.uuid({ error: 'id 必须是有效的 UUID' }) });

/** `?page=1&pageSize=20` on every list. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const ErrorBody = z.object({
  error: z.object({
    code: str(),
    message: str(),
    details: z.unknown().optional(),
  }),
});

export const OkBody = z.object({ ok: z.literal(true) });

/** Trimmed text with a length limit; an empty string counts as missing. */
export function text(label: string, max: number) {
  return str({ error: `${label}必须是文本` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字符` });
}

/** Optional trimmed text: '' and null both clear it. */
export function optionalText(label: string, max: number) {
  return str({ error: `${label}必须是文本` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .nullish()
    .transform((v) => (v ? v : null));
}

/** `?version=` of a DELETE: the version the client saw. */
export const VersionQuery = z.object({
  version: z.coerce
    .number({ error: 'version 必须是数字' })
    .int({ error: 'version 必须是整数' })
    .min(1, { error: 'version 必须大于 0' })
    .max(INT4_MAX, { error: 'version 超出范围' }),
});

export const Version = z
  .number({ error: 'version 必须是数字' })
  .int({ error: 'version 必须是整数' })
  .min(1, { error: 'version 必须大于 0' })
  .max(INT4_MAX, { error: 'version 超出范围' });
