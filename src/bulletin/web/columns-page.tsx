// 栏目设置 (`/bulletin/columns`): the bulletin's columns in display order. Editors add, rename,
// reorder, deactivate (after a confirmation) and reactivate them; every change saves the whole
// configuration at once (PUT /api/bulletin/columns). Columns are never deleted: adopted items keep
// theirs.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../web/api';
import { ErrorResult } from '../../web/components/page-state';
import type { ColumnView, ColumnsBody } from '../contract';
import { fetchColumns, saveColumns, submissionKeys } from './submissions-api';

type Row = { id?: string; name: string; active: boolean };

export default function ColumnsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: submissionKeys.columns, queryFn: fetchColumns });
  const [naming, setNaming] = useState<{ index: number | null; name: string } | null>(null);
  const save = useMutation({
    mutationFn: (columns: Row[]) => saveColumns({ columns } satisfies ColumnsBody),
    onSuccess: (data, _vars) => {
      queryClient.setQueryData(submissionKeys.columns, data);
      void message.success('栏目设置已保存');
    },
  });

  const rows: Row[] = (list.data?.items ?? []).map((c) => ({ id: c.id, name: c.name, active: c.active }));
  const apply = (next: Row[]) => save.mutateAsync(next);
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    void apply(next).catch((e: unknown) => void message.error(errorMessage(e)));
  };
  const setActive = (index: number, active: boolean) =>
    void apply(rows.map((r, i) => (i === index ? { ...r, active } : r))).catch(
      (e: unknown) => void message.error(errorMessage(e)),
    );

  const columns: ColumnsType<ColumnView> = [
    { title: '顺序', key: 'order', width: 70, render: (_, _row, i) => i + 1 },
    {
      title: '栏目名称',
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>【{name}】</Typography.Text>,
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) => (active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 340,
      render: (_, row, i) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={i === 0 || save.isPending}
            onClick={() => move(i, -1)}
          >
            上移
          </Button>
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={i === rows.length - 1 || save.isPending}
            onClick={() => move(i, 1)}
          >
            下移
          </Button>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setNaming({ index: i, name: row.name })}
          >
            改名
          </Button>
          {row.active ? (
            <Popconfirm
              title={`停用栏目“${row.name}”？`}
              description="停用后新稿件不能再选它；已采用到该栏目的稿件不受影响，以后可重新启用。"
              okText="停用"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => setActive(i, false)}
            >
              <Button size="small" danger>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => setActive(i, true)}>
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            栏目设置
          </Typography.Title>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setNaming({ index: null, name: '' })}>
            新增栏目
          </Button>
        </Space>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <Typography.Paragraph type="secondary">
            栏目按此顺序排在简报中；信息员报送时可从启用的栏目中选择建议栏目。
          </Typography.Paragraph>
          <Table<ColumnView>
            size="middle"
            rowKey="id"
            data-testid="columns-table"
            loading={list.isFetching || save.isPending}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '还没有栏目，请新增' }}
          />
        </Card>
      )}
      {naming && (
        <NameModal
          initial={naming.name}
          creating={naming.index === null}
          onClose={() => setNaming(null)}
          onSave={async (name) => {
            const next =
              naming.index === null
                ? [...rows, { name, active: true }]
                : rows.map((r, i) => (i === naming.index ? { ...r, name } : r));
            await apply(next);
            setNaming(null);
          }}
        />
      )}
    </Space>
  );
}

function NameModal({
  initial,
  creating,
  onClose,
  onSave,
}: {
  initial: string;
  creating: boolean;
  onClose: () => void;
  onSave: (name: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ name: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const onOk = async () => {
    const { name } = await form.validateFields();
    setSaving(true);
    try {
      await onSave(name.trim());
    } catch (error) {
      const issue = error instanceof ApiError ? error.fieldIssues[0] : undefined;
      if (issue) form.setFields([{ name: 'name', errors: [issue.message] }]);
      else void message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={creating ? '新增栏目' : '栏目改名'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="column-form" initialValues={{ name: initial }}>
        <Form.Item
          name="name"
          label="栏目名称"
          rules={[
            { required: true, whitespace: true, message: '栏目名称不能为空' },
            { max: 20, message: '栏目名称不能超过 20 个字符' },
          ]}
          extra="不含方括号，如：工作动态"
        >
          <Input autoFocus maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
