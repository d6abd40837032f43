// The editor's moves on an item: 退回修改 (comment required), 不予采用 (reason required), 采用
// (column, 全文/简讯, edited title and body compared with the original) and, once adopted,
// changing the edited version. Each sends the version the editor saw; a 409 reloads the item.
import { useState } from 'react';
import { App, Button, Col, Form, Input, Modal, Radio, Row, Select, Space } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import { useDebounced } from '../../web/use-debounced';
import {
  ADOPTION_KINDS,
  ADOPTION_KIND_LABELS,
  MAX_BODY,
  type AdoptionKind,
  type SubmissionDetail,
} from '../contract';
import {
  adoptSubmission,
  fetchColumns,
  invalidateSubmissions,
  rejectSubmission,
  returnSubmission,
  submissionKeys,
  updateSubmission,
} from './submissions-api';
import { DiffView } from './submission-view';

type Dialog = 'return' | 'reject' | 'adopt' | 'edit' | null;

/** The action buttons for an item the editor may act on, and their dialogs. */
export function EditorActions({
  item,
  onDone,
}: {
  item: SubmissionDetail;
  onDone?: (item: SubmissionDetail) => void;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const done = (next: SubmissionDetail) => {
    setDialog(null);
    onDone?.(next);
  };
  if (item.state !== 'submitted' && item.state !== 'adopted') return null;
  return (
    <>
      <Space wrap data-testid="editor-actions">
        {item.state === 'submitted' && (
          <>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => setDialog('adopt')}
              data-testid="action-adopt"
            >
              采用
            </Button>
            <Button
              icon={<RollbackOutlined />}
              onClick={() => setDialog('return')}
              data-testid="action-return"
            >
              退回修改
            </Button>
            <Button
              danger
              icon={<CloseOutlined />}
              onClick={() => setDialog('reject')}
              data-testid="action-reject"
            >
              不予采用
            </Button>
          </>
        )}
        {item.state === 'adopted' && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            修改编辑稿
          </Button>
        )}
      </Space>
      {(dialog === 'return' || dialog === 'reject') && (
        <ReasonModal item={item} kind={dialog} onClose={close} onDone={done} />
      )}
      {(dialog === 'adopt' || dialog === 'edit') && (
        <AdoptModal item={item} mode={dialog} onClose={close} onDone={done} />
      )}
    </>
  );
}

/** A 409 means someone else moved the item: say so and show the item as it now is. */
function useConflictHandler(item: SubmissionDetail, onClose: () => void) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  return (error: unknown): boolean => {
    if (!(error instanceof ApiError) || error.status !== 409) return false;
    modal.warning({
      title: '未能完成操作',
      content: error.isStale
        ? '该稿件在您打开后已被修改或处理，已为您重新载入最新内容，请核对后再操作。'
        : error.message,
    });
    void queryClient.invalidateQueries({ queryKey: submissionKeys.detail(item.id) });
    void invalidateSubmissions(queryClient);
    onClose();
    return true;
  };
}

function ReasonModal({
  item,
  kind,
  onClose,
  onDone,
}: {
  item: SubmissionDetail;
  kind: 'return' | 'reject';
  onClose: () => void;
  onDone: (item: SubmissionDetail) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const [saving, setSaving] = useState(false);
  const conflict = useConflictHandler(item, onClose);
  const label = kind === 'return' ? '退回意见' : '不予采用的理由';
  const onOk = async () => {
    const { text } = await form.validateFields();
    setSaving(true);
    try {
      const next =
        kind === 'return'
          ? await returnSubmission(item.id, { version: item.version, comment: text })
          : await rejectSubmission(item.id, { version: item.version, reason: text });
      queryClient.setQueryData(submissionKeys.detail(item.id), next);
      await invalidateSubmissions(queryClient);
      void message.success(kind === 'return' ? '已退回修改' : '已标记为不予采用');
      onDone(next);
    } catch (error) {
      if (!conflict(error))
        showFormError(form, error, message, ['text'], { comment: 'text', reason: 'text' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${kind === 'return' ? '退回修改' : '不予采用'}：《${item.title}》`}
      okText={kind === 'return' ? '退回' : '不予采用'}
      okButtonProps={{ danger: kind === 'reject', loading: saving }}
      cancelText="取消"
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      className={`${kind}-modal`}
    >
      <Form form={form} layout="vertical" name={`${kind}-form`}>
        <Form.Item
          name="text"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { max: 2000, message: `${label}不能超过 2000 个字符` },
          ]}
          extra="报送单位的信息员会在通知和稿件中看到这段话。"
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            placeholder={kind === 'return' ? '如：请补充参会企业数和覆盖职工人数' : '如：内容与上期重复'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AdoptValues {
  columnId?: string;
  adoptionKind: AdoptionKind;
  editedTitle: string;
  editedBody: string;
  comment?: string;
}

function AdoptModal({
  item,
  mode,
  onClose,
  onDone,
}: {
  item: SubmissionDetail;
  mode: 'adopt' | 'edit';
  onClose: () => void;
  onDone: (item: SubmissionDetail) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AdoptValues>();
  const [saving, setSaving] = useState(false);
  const conflict = useConflictHandler(item, onClose);
  const columns = useQuery({
    queryKey: submissionKeys.columns,
    queryFn: fetchColumns,
    staleTime: 5 * 60_000,
  });
  const title = Form.useWatch('editedTitle', form) ?? item.editedTitle ?? item.title;
  const body = Form.useWatch('editedBody', form) ?? item.editedBody ?? item.body;
  const after = { title: useDebounced(title, 250), body: useDebounced(body, 250) };
  const initial: AdoptValues = {
    columnId: (mode === 'edit' ? item.column?.id : item.suggestedColumn?.id) ?? undefined,
    adoptionKind: item.adoptionKind ?? 'full',
    editedTitle: item.editedTitle ?? item.title,
    editedBody: item.editedBody ?? item.body,
  };
  const columnOptions = (columns.data?.items ?? [])
    .filter((c) => c.active)
    .map((c) => ({ value: c.id, label: c.name }));

  const onOk = async () => {
    const v = await form.validateFields();
    // Unchanged text is sent as null: "adopted as written".
    const editedTitle = v.editedTitle.trim() === item.title.trim() ? null : v.editedTitle;
    const editedBody = v.editedBody === item.body ? null : v.editedBody;
    setSaving(true);
    try {
      const next =
        mode === 'adopt'
          ? await adoptSubmission(item.id, {
              version: item.version,
              columnId: v.columnId,
              adoptionKind: v.adoptionKind,
              editedTitle,
              editedBody,
              comment: v.comment ?? null,
            })
          : await updateSubmission(item.id, {
              version: item.version,
              columnId: v.columnId,
              adoptionKind: v.adoptionKind,
              editedTitle,
              editedBody,
            });
      queryClient.setQueryData(submissionKeys.detail(item.id), next);
      await invalidateSubmissions(queryClient);
      void message.success(mode === 'adopt' ? '已采用' : '编辑稿已保存');
      onDone(next);
    } catch (error) {
      if (!conflict(error))
        showFormError(form, error, message, [
          'columnId',
          'adoptionKind',
          'editedTitle',
          'editedBody',
          'comment',
        ]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={1180}
      title={mode === 'adopt' ? `采用：《${item.title}》` : `修改编辑稿：《${item.title}》`}
      okText={mode === 'adopt' ? '采用' : '保存'}
      okButtonProps={{ loading: saving }}
      cancelText="取消"
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      styles={{ body: { maxHeight: '72vh', overflowY: 'auto' } }}
      className="adopt-modal"
    >
      <Form<AdoptValues> form={form} layout="vertical" name="adopt-form" initialValues={initial}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="columnId" label="栏目" rules={[{ required: true, message: '请选择采用的栏目' }]}>
              <Select options={columnOptions} loading={columns.isPending} placeholder="请选择栏目" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="adoptionKind"
              label="采用方式"
              rules={[{ required: true, message: '请选择采用方式' }]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={ADOPTION_KINDS.map((k) => ({ value: k, label: ADOPTION_KIND_LABELS[k] }))}
              />
            </Form.Item>
          </Col>
          {mode === 'adopt' && (
            <Col xs={24} md={8}>
              <Form.Item
                name="comment"
                label="采用意见（可不填）"
                rules={[{ max: 2000, message: '采用意见不能超过 2000 个字符' }]}
              >
                <Input placeholder="记入处理记录" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="editedTitle"
          label="标题（编辑稿）"
          rules={[
            { required: true, whitespace: true, message: '编辑后的标题不能为空' },
            { max: 200, message: '编辑后的标题不能超过 200 个字符' },
          ]}
        >
          <Input showCount maxLength={250} />
        </Form.Item>
        <Form.Item
          name="editedBody"
          label="正文（编辑稿）"
          extra="原稿保持不变；这里改的是刊用的版本。"
          rules={[
            { required: true, whitespace: true, message: '编辑后的正文不能为空' },
            { max: MAX_BODY, message: `编辑后的正文不能超过 ${MAX_BODY} 个字符` },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} showCount style={{ lineHeight: 1.8 }} />
        </Form.Item>
      </Form>
      <DiffView before={{ title: item.title, body: item.body }} after={after} />
    </Modal>
  );
}
