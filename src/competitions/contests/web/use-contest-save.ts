// One way to save a change of a contest: the answer replaces the contest on screen; a stale
// version reloads it with a warning; field problems go under their fields.
import { App, type FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import type { ContestDetail } from '../contract';
import { contestKeys } from './contests-api';

export function useContestSave<V>(
  contest: ContestDetail,
  save: (values: V) => Promise<ContestDetail>,
  options: { done?: string; form?: FormInstance; fields?: readonly string[]; onSaved?: () => void } = {},
) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: async (saved) => {
      queryClient.setQueryData(contestKeys.one(contest.id), saved);
      await queryClient.invalidateQueries({ queryKey: ['contests', 'list'] });
      await queryClient.invalidateQueries({ queryKey: ['contests', 'results', contest.id] });
      if (options.done) void message.success(options.done);
      options.onSaved?.();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: contestKeys.one(contest.id) });
        return;
      }
      if (options.form) showFormError(options.form, error, message, options.fields ?? []);
      else showFormError({ setFields: () => undefined } as unknown as FormInstance, error, message, []);
    },
  });
}
