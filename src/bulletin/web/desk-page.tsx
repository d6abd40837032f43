// 编辑台 (`/bulletin/desk`): the items in the editor's scope, by default those waiting (已报送),
// filtered by state, unit, column, day range and words, with paging in the address bar. A row
// opens in a drawer with the editor's actions; several rows can be merged into one adopted item.
import { lazy, Suspense, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ExportOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { OrgSelect } from '../../orgs/web/org-select';
import { ApiError } from '../../web/api';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { showFormError } from '../../web/form-errors';
import {
  ADOPTION_KINDS,
  ADOPTION_KIND_LABELS,
  MAX_BODY,
  SUBMISSION_STATES,
  SUBMISSION_STATE_LABELS,
  TRANSITIONS,
  type AdoptionKind,
  type SubmissionState,
  type SubmissionView,
} from '../contract';
import { serverPaging } from '../../web/components/paging';
import { readListState, timeText, writeListState } from './submission-format';
import {
  fetchColumns,
  fetchSubmission,
  fetchSubmissions,
  invalidateSubmissions,
  mergeSubmissions,
  submissionKeys,
  type SubmissionListState,
} from './submissions-api';
import { StateTag } from './submission-view';

// The item opened beside the list, with its actions, diff and points: loaded when first opened.
const SubmissionDetailView = lazy(() =>
  import('./submission-page').then((m) => ({ default: m.SubmissionDetailView })),
);

const DEFAULT_STATE: SubmissionState = 'submitted';
const MERGEABLE: readonly SubmissionState[] = TRANSITIONS.merge.from;

export default function DeskPage() {
  const [params, setParams] = useSearchParams();
  const state = readListState(params, { state: DEFAULT_STATE });
  const go = (next: SubmissionListState) => {
    const search = writeListState(next, DEFAULT_STATE);
    const open = params.get('open');
    if (open) search.set('open', open);
    setParams(search);
  };
  const openId = params.get('open');
  const setOpen = (id: string | null) => {
    const search = new URLSearchParams(params);
    if (id) search.set('open', id);
    else search.delete('open');
    setParams(search);
  };
  const [selected, setSelected] = useState<SubmissionView[]>([]);
  const [merging, setMerging] = useState(false);
  const list = useQuery({
    queryKey: submissionKeys.list(state),
    queryFn: () => fetchSubmissions(state),
    placeholderData: keepPreviousData,
  });
  const columnsQuery = useQuery({
    queryKey: submissionKeys.columns,
    queryFn: fetchColumns,
    staleTime: 5 * 60_000,
  });

  const columns: ColumnsType<SubmissionView> = [
    {
      title: '标题',
      key: 'title',
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <a onClick={() => setOpen(row.id)} data-testid="desk-item-link">
            {row.editedTitle ?? row.title}
          </a>
          {row.editedTitle && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              原题：{row.title}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '报送单位',
      key: 'org',
      width: 200,
      render: (_, row) => [row.org, ...row.coOrgs].map((o) => o.name).join('、'),
    },
    {
      title: '栏目',
      key: 'column',
      width: 150,
      render: (_, row) =>
        row.column ? (
          `${row.column.name}${row.adoptionKind ? ` · ${ADOPTION_KIND_LABELS[row.adoptionKind]}` : ''}`
        ) : row.suggestedColumn ? (
          <Typography.Text type="secondary">建议：{row.suggestedColumn.name}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '状态', dataIndex: 'state', width: 100, render: (_, row) => <StateTag state={row.state} /> },
    { title: '报送时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => timeText(v) },
  ];

  const range: [Dayjs | null, Dayjs | null] | null =
    state.from || state.to
      ? [state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]
      : null;
  const total = list.data?.total ?? 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={[12, 12]} align="middle" justify="space-between">
          <Col flex="auto">
            <Space size={12} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                编辑台
              </Typography.Title>
              <Select
                allowClear
                placeholder="全部状态"
                value={state.state}
                onChange={(v?: SubmissionState) => go({ ...state, state: v, page: 1 })}
                options={SUBMISSION_STATES.filter((s) => s !== 'draft').map((s) => ({
                  value: s,
                  label: SUBMISSION_STATE_LABELS[s],
                }))}
                style={{ width: 130 }}
                data-testid="desk-state-filter"
              />
              <OrgSelect
                allowClear
                placeholder="全部单位"
                value={state.orgId}
                onChange={(orgId) => go({ ...state, orgId, page: 1 })}
                style={{ width: 200 }}
              />
              <Select
                allowClear
                placeholder="全部栏目"
                value={state.columnId}
                onChange={(columnId?: string) => go({ ...state, columnId, page: 1 })}
                options={(columnsQuery.data?.items ?? []).map((c) => ({
                  value: c.id,
                  label: c.active ? c.name : `${c.name}（已停用）`,
                }))}
                style={{ width: 140 }}
              />
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                value={range}
                placeholder={['报送起始日', '截止日']}
                onChange={(dates) =>
                  go({
                    ...state,
                    from: dates?.[0]?.format('YYYY-MM-DD'),
                    to: dates?.[1]?.format('YYYY-MM-DD'),
                    page: 1,
                  })
                }
                style={{ width: 260 }}
              />
              <Input.Search
                allowClear
                placeholder="搜索标题或正文"
                defaultValue={state.q}
                onSearch={(q) => go({ ...state, q: q.trim() || undefined, page: 1 })}
                style={{ width: 200 }}
              />
            </Space>
          </Col>
        </Row>
      </Card>
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <Space style={{ marginBottom: 12 }} wrap>
            <Button
              icon={<MergeCellsOutlined />}
              disabled={selected.length < 2}
              onClick={() => setMerging(true)}
              data-testid="desk-merge"
            >
              合并{selected.length ? `（已选 ${selected.length} 篇）` : ''}
            </Button>
            <Typography.Text type="secondary">
              {selected.length < 2 ? '勾选两篇以上已报送或已采用的稿件，可合并为一篇采用稿' : ''}
            </Typography.Text>
            {selected.length > 0 && (
              <Button type="link" size="small" onClick={() => setSelected([])}>
                清除选择
              </Button>
            )}
          </Space>
          <Table<SubmissionView>
            size="middle"
            rowKey="id"
            data-testid="desk-table"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            rowSelection={{
              selectedRowKeys: selected.map((s) => s.id),
              preserveSelectedRowKeys: true,
              onChange: (_keys, rows) =>
                setSelected((prev) => {
                  const byId = new Map(prev.map((r) => [r.id, r]));
                  const next: SubmissionView[] = [];
                  for (const key of _keys) {
                    const row = rows.find((r) => r?.id === key) ?? byId.get(String(key));
                    if (row) next.push(row);
                  }
                  return next;
                }),
              getCheckboxProps: (row) => ({
                disabled: !MERGEABLE.includes(row.state),
                title: MERGEABLE.includes(row.state) ? '选择后可合并' : '只有已报送或已采用的稿件可以合并',
              }),
            }}
            locale={{
              emptyText:
                state.state === DEFAULT_STATE &&
                !state.q &&
                !state.orgId &&
                !state.columnId &&
                !state.from &&
                !state.to
                  ? '没有待处理的稿件'
                  : '没有符合条件的稿件',
            }}
            pagination={serverPaging(state, total, go)}
          />
        </Card>
      )}
      <Drawer
        open={!!openId}
        width={Math.min(1100, window.innerWidth - 80)}
        onClose={() => setOpen(null)}
        title="稿件"
        destroyOnHidden
        extra={
          openId ? (
            <Link to={`/bulletin/submissions/${openId}`}>
              <Button type="link" icon={<ExportOutlined />}>
                单独打开
              </Button>
            </Link>
          ) : null
        }
        data-testid="desk-drawer"
      >
        {openId && <DrawerItem id={openId} />}
      </Drawer>
      {merging && (
        <MergeModal
          items={selected}
          onClose={() => setMerging(false)}
          onDone={(id) => {
            setMerging(false);
            setSelected([]);
            setOpen(id);
          }}
        />
      )}
    </Space>
  );
}

function DrawerItem({ id }: { id: string }) {
  const item = useQuery({ queryKey: submissionKeys.detail(id), queryFn: () => fetchSubmission(id) });
  if (item.isPending) return <PageLoading />;
  if (item.isError) return <ErrorResult error={item.error} onRetry={() => void item.refetch()} />;
  return (
    <Suspense fallback={<PageLoading />}>
      <SubmissionDetailView item={item.data} compact />
    </Suspense>
  );
}

interface MergeValues {
  title: string;
  body: string;
  columnId?: string;
  adoptionKind: AdoptionKind;
}

/** Several items into one adopted item crediting every unit of every source. */
function MergeModal({
  items,
  onClose,
  onDone,
}: {
  items: SubmissionView[];
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MergeValues>();
  const [saving, setSaving] = useState(false);
  const columns = useQuery({
    queryKey: submissionKeys.columns,
    queryFn: fetchColumns,
    staleTime: 5 * 60_000,
  });
  const units = [...new Map(items.flatMap((i) => [i.org, ...i.coOrgs]).map((o) => [o.id, o.name])).values()];
  const first = items[0];
  const initial: MergeValues = {
    title: first ? (first.editedTitle ?? first.title) : '',
    body: items.map((i) => i.editedBody ?? i.body).join('\n'),
    columnId: first?.column?.id ?? first?.suggestedColumn?.id ?? undefined,
    adoptionKind: 'full',
  };
  const onOk = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const merged = await mergeSubmissions({
        ids: items.map((i) => i.id),
        title: v.title,
        body: v.body,
        columnId: v.columnId!,
        adoptionKind: v.adoptionKind,
      });
      queryClient.setQueryData(submissionKeys.detail(merged.id), merged);
      await invalidateSubmissions(queryClient);
      void message.success(`已合并 ${items.length} 篇稿件并采用`);
      onDone(merged.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        modal.warning({ title: '未能合并', content: `${error.message}。列表已刷新，请重新选择。` });
        await invalidateSubmissions(queryClient);
        onClose();
      } else showFormError(form, error, message, ['title', 'body', 'columnId', 'adoptionKind']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={900}
      title={`合并 ${items.length} 篇稿件`}
      okText="合并并采用"
      okButtonProps={{ loading: saving }}
      cancelText="取消"
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      className="merge-modal"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message={`合并后署名：（${units.join('、')}）`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {items.map((i) => (
                <li key={i.id}>
                  《{i.title}》— {i.org.name}
                </li>
              ))}
            </ul>
          }
        />
        <Form<MergeValues> form={form} layout="vertical" name="merge-form" initialValues={initial}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="columnId" label="栏目" rules={[{ required: true, message: '请选择栏目' }]}>
                <Select
                  options={(columns.data?.items ?? [])
                    .filter((c) => c.active)
                    .map((c) => ({ value: c.id, label: c.name }))}
                  placeholder="请选择栏目"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="adoptionKind" label="采用方式">
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={ADOPTION_KINDS.map((k) => ({ value: k, label: ADOPTION_KIND_LABELS[k] }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="title"
            label="标题"
            rules={[
              { required: true, whitespace: true, message: '标题不能为空' },
              { max: 200, message: '标题不能超过 200 个字符' },
            ]}
          >
            <Input showCount maxLength={250} />
          </Form.Item>
          <Form.Item
            name="body"
            label="正文"
            rules={[
              { required: true, whitespace: true, message: '正文不能为空' },
              { max: MAX_BODY, message: `正文不能超过 ${MAX_BODY} 个字符` },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} showCount style={{ lineHeight: 1.8 }} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
