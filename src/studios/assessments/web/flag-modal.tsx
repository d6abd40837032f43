// Flags an excellent studio for reward and publicity (拟表彰宣传): a note and adopted bulletin items
// about it, picked by searching the bulletin; or clears the flag.
import { useState } from 'react';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { useDebounced } from '../../../web/use-debounced';
import { MAX_LINKED_ITEMS, type AssessmentDetail } from '../contract';
import { assessmentKeys, fetchBulletinItems, flagAssessment } from './assessments-api';

interface FlagForm {
  flagged: boolean;
  note?: string;
  bulletinItemIds: string[];
}

export function FlagModal({ a, onClose }: { a: AssessmentDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FlagForm>();
  const flagged = Form.useWatch('flagged', form) ?? a.flagged;
  const [search, setSearch] = useState(a.studio.name.replace(/劳模创新工作室$/, ''));
  const q = useDebounced(search, 300);
  const items = useQuery({
    queryKey: assessmentKeys.items(q),
    queryFn: () => fetchBulletinItems(q),
    enabled: flagged,
  });
  const options = new Map(a.bulletinItems.map((i) => [i.id, i]));
  for (const i of items.data?.items ?? []) options.set(i.id, i);
  const save = useMutation({
    mutationFn: (v: FlagForm) =>
      flagAssessment(a.id, {
        version: a.version,
        flagged: v.flagged,
        note: v.note?.trim() || null,
        bulletinItemIds: v.bulletinItemIds ?? [],
      }),
    onSuccess: async (saved) => {
      void message.success(saved.flagged ? '已列入表彰宣传' : '已取消表彰宣传');
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: assessmentKeys.one(a.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, ['note', 'bulletinItemIds'], {
        ...Object.fromEntries(
          Array.from({ length: MAX_LINKED_ITEMS }, (_, i) => [`bulletinItemIds.${i}`, 'bulletinItemIds']),
        ),
      });
    },
  });
  return (
    <Modal
      open
      title="表彰宣传"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(560, window.innerWidth)}
    >
      <Form<FlagForm>
        form={form}
        layout="vertical"
        initialValues={{
          flagged: true,
          note: a.flagNote ?? '',
          bulletinItemIds: a.bulletinItems.map((i) => i.id),
        }}
        onFinish={(v) => save.mutate(v)}
        data-testid="flag-form"
      >
        <Form.Item name="flagged" label="拟表彰宣传" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
        {flagged && (
          <>
            <Form.Item name="note" label="说明">
              <Input.TextArea
                rows={3}
                maxLength={500}
                placeholder="如：推荐参加年度先进表彰，在《工作动态》推广经验"
              />
            </Form.Item>
            <Form.Item
              name="bulletinItemIds"
              label="关联已录用的信息"
              rules={[
                {
                  type: 'array',
                  max: MAX_LINKED_ITEMS,
                  message: `关联信息不能超过 ${MAX_LINKED_ITEMS} 条`,
                },
              ]}
            >
              <Select
                mode="multiple"
                showSearch
                filterOption={false}
                onSearch={setSearch}
                loading={items.isFetching}
                placeholder="输入标题或正文中的文字搜索"
                notFoundContent={items.isFetching ? '搜索中…' : '没有找到已录用的信息'}
                options={[...options.values()].map((i) => ({
                  value: i.id,
                  label: `${i.title}（${i.orgName}${i.adoptedOn ? `，${i.adoptedOn}` : ''}）`,
                }))}
                data-testid="flag-items"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
