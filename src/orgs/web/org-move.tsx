// Moves an organisation with its whole subtree under another parent chosen by search.
import { useCallback, useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, STALE_MESSAGE } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import {
  ALLOWED_PARENT_KINDS,
  ORG_KIND_LABELS,
  type OrgDetail,
  type OrgMoveBody,
  type OrgView,
} from '../contract';
import { invalidateOrgs } from './org-api';
import { OrgSelect } from './org-select';

export function OrgMoveModal({
  org,
  onClose,
  onMoved,
}: {
  org: OrgDetail;
  onClose: () => void;
  onMoved: (org: OrgDetail) => void;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ parentId: string }>();
  const [saving, setSaving] = useState(false);

  const disabledReason = useCallback(
    (candidate: OrgView): string | null => {
      if (candidate.id === org.id) return '不能移到它自己之下';
      if (candidate.id === org.parentId) return '这是当前的上级组织';
      if (candidate.ancestors.some((a) => a.id === org.id)) return '这是它的下级组织，不能移到其下';
      if (!ALLOWED_PARENT_KINDS[org.kind].includes(candidate.kind)) {
        return `${ORG_KIND_LABELS[org.kind]}不能设在${ORG_KIND_LABELS[candidate.kind]}之下`;
      }
      return null;
    },
    [org],
  );

  const save = async ({ parentId }: { parentId: string }) => {
    setSaving(true);
    try {
      const body: OrgMoveBody = { parentId, version: org.version };
      const moved = await api.post<OrgDetail>(`/api/orgs/${org.id}/move`, body);
      void message.success(`已将“${moved.name}”移到新的上级组织之下`);
      await invalidateOrgs(queryClient);
      onMoved(moved);
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        await invalidateOrgs(queryClient);
        onClose();
        modal.warning({ title: '未能移动', content: STALE_MESSAGE });
        return;
      }
      showFormError(form, error, message, ['parentId']);
    } finally {
      setSaving(false);
    }
  };

  const allowed = ALLOWED_PARENT_KINDS[org.kind]
    .filter((k) => k !== null)
    .map((k) => ORG_KIND_LABELS[k])
    .join('、');

  return (
    <Modal
      open
      title={`移动“${org.name}”`}
      okText="移动"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      maskClosable={false}
    >
      <Alert
        type="info"
        showIcon
        style={{ margin: '16px 0' }}
        message={`连同其全部 ${org.activeChildCount} 个下级组织及其下属一起移动。${ORG_KIND_LABELS[org.kind]}的上级只能是：${allowed}。`}
      />
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} name="org-move">
        <Form.Item
          name="parentId"
          label="新的上级组织"
          rules={[{ required: true, message: '请选择新的上级组织' }]}
        >
          <OrgSelect disabledReason={disabledReason} placeholder="输入名称搜索新的上级组织" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
