// Lets an antd form check a field with the same zod schema the server uses.
import type { FormRule } from 'antd';
import type { z } from 'zod';

/** An antd rule that reports the schema's first (Chinese) message; empty values are left to `required`. */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return Promise.resolve();
      const result = schema.safeParse(value);
      if (result.success) return Promise.resolve();
      return Promise.reject(new Error(result.error.issues[0]?.message ?? '格式不正确'));
    },
  };
}
