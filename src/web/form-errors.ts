// Puts the server's answer to a form where the user looks: field problems under their fields,
// everything else in a message.
import type { App, FormInstance } from 'antd';
import { ApiError, errorMessage } from './api';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/**
 * Shows a failed save: a 400's `details` under the matching form fields (the server's field
 * name, or the form name mapped from it), anything left in a message. Returns true when at least
 * one field received its message.
 */
export function showFormError(
  form: FormInstance,
  error: unknown,
  message: MessageInstance,
  fields: readonly string[],
  rename: Record<string, string> = {},
): boolean {
  const placed: string[] = [];
  if (error instanceof ApiError) {
    const byField = new Map<string, string[]>();
    for (const issue of error.fieldIssues) {
      const name = rename[issue.field] ?? issue.field;
      if (!fields.includes(name)) continue;
      byField.set(name, [...(byField.get(name) ?? []), issue.message]);
    }
    // A dotted name (deadlines.red.township) is a path into nested fields.
    const path = (name: string) => name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    form.setFields([...byField].map(([name, errors]) => ({ name: path(name), errors })));
    placed.push(...byField.keys());
    const unplaced = error.fieldIssues.filter((i) => !fields.includes(rename[i.field] ?? i.field));
    if (placed.length && !unplaced.length) {
      void message.error('请按提示修改标红的内容');
      return true;
    }
  }
  void message.error(errorMessage(error));
  return placed.length > 0;
}
