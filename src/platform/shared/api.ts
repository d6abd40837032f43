// Schemas every resource of the API shares; the web app imports them through contracts.
import { z } from 'zod';

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
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const OkBody = z.object({ ok: z.literal(true) });

/** Trimmed text with a length limit; an empty string counts as missing. */
export function text(label: string, max: number) {
  return z
    .string({ error: `${label}必须是文本` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字符` });
}

/** Optional trimmed text: '' and null both clear it. */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label}必须是文本` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .nullish()
    .transform((v) => (v ? v : null));
}

export const Version = z.number({ error: 'version 必须是数字' }).int().min(1);
