// Compiling an issue (`/bulletin/issues/:id/compile`): the adopted items waiting for an issue on
// the left, the issue's columns on the right. Items and columns are ordered by drag and drop (or
// the arrow buttons), the settings are the masthead's and the footer's; saving and publishing
// carry the version the editor loaded, so a second editor's save is refused with the layout kept
// on screen.
import { useState, type DragEvent } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CloseOutlined,
  EyeOutlined,
  HolderOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../web/api';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import {
  ADOPTION_KIND_LABELS,
  type CompiledItem,
  type IssueCompileView,
  type IssueLayoutBody,
} from '../contract';
import { chineseDate } from '../../platform/shared/dates';
import { issueKeys, issueNumberLabel } from './bulletin-api';
import { compileKeys, deleteIssue, fetchCompileView, publishIssue, saveLayout } from './compile-api';

interface LayoutColumn {
  name: string;
  items: CompiledItem[];
}

interface Settings {
  number: number | null;
  totalNumber: number | null;
  date: string | null;
  issuedTo: string;
  report: string;
  send: string;
  issue: string;
  printCount: number | null;
}

/** What is being dragged: an item (from a column or the waiting list) or a whole column. */
type Dragged = { item: CompiledItem; from: number | 'waiting' } | { column: number };

function settingsOf(view: IssueCompileView): Settings {
  return {
    number: view.number,
    totalNumber: view.totalNumber,
    date: view.date,
    issuedTo: view.distribution.issuedTo ?? '',
    report: view.distribution.report ?? '',
    send: view.distribution.send ?? '',
    issue: view.distribution.issue ?? '',
    printCount: view.printCount,
  };
}

function bodyOf(version: number, columns: LayoutColumn[], s: Settings): IssueLayoutBody {
  const line = (v: string) => (v.trim() ? v.trim() : null);
  return {
    version,
    number: s.number ?? 0,
    totalNumber: s.totalNumber,
    date: s.date ?? '',
    distribution: {
      issuedTo: line(s.issuedTo),
      report: line(s.report),
      send: line(s.send),
      issue: line(s.issue),
    },
    printCount: s.printCount,
    columns: columns.map((c) => ({ name: c.name, items: c.items.map((i) => i.submissionId) })),
  };
}

/** The column an item goes to by default: its adoption column, else 工作简讯 for briefs. */
function defaultColumn(item: CompiledItem & { column?: string | null }, names: string[]): string {
  if (item.column) return item.column;
  if (item.kind === 'brief' && names.includes('工作简讯')) return '工作简讯';
  return names[0] ?? '工作动态';
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, x!);
  return next;
}

export default function CompilePage() {
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const view = useQuery({ queryKey: compileKeys.detail(id), queryFn: () => fetchCompileView(id) });

  // The editor's unsaved changes over the loaded version; null shows the server's layout.
  const [local, setLocal] = useState<{ columns: LayoutColumn[]; settings: Settings; version: number } | null>(
    null,
  );
  const [conflict, setConflict] = useState<string | null>(null);
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const server = view.data;
  const columns: LayoutColumn[] =
    local?.columns ?? server?.columns.map((c) => ({ name: c.name, items: c.items })) ?? [];
  const settings: Settings | null = local?.settings ?? (server ? settingsOf(server) : null);
  const version = local?.version ?? server?.version ?? 0;
  const dirty = local !== null;

  const change = (next: LayoutColumn[]) => setLocal({ columns: next, settings: settings!, version });
  const setSetting = (patch: Partial<Settings>) =>
    setLocal({ columns, settings: { ...settings!, ...patch }, version });

  const handleError = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409 && err.message.includes('其他编辑')) {
      setConflict(err.message);
      return;
    }
    if (err instanceof ApiError)
      setFieldErrors(Object.fromEntries(err.fieldIssues.map((f) => [f.field.split('.')[0]!, f.message])));
    void message.error(errorMessage(err));
  };

  const save = useMutation({
    mutationFn: () => saveLayout(id, bodyOf(version, columns, settings!)),
    onSuccess: (next) => {
      setFieldErrors({});
      setConflict(null);
      queryClient.setQueryData(compileKeys.detail(id), next);
      setLocal(null);
      void queryClient.invalidateQueries({ queryKey: issueKeys.all });
      void message.success('已保存本期编排');
    },
    onError: handleError,
  });

  const publish = useMutation({
    mutationFn: async () => {
      let v = version;
      if (dirty) v = (await saveLayout(id, bodyOf(version, columns, settings!))).version;
      return publishIssue(id, v);
    },
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['bulletin'] });
      void message.success(`已出刊，共 ${r.items} 篇`);
      setLocal(null);
      navigate(`/bulletin/issues/${id}`);
    },
    onError: handleError,
  });

  const remove = useMutation({
    mutationFn: () => deleteIssue(id, version),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: issueKeys.all });
      void message.success('已删除本期，稿件回到待编入列表');
      navigate('/bulletin/archive');
    },
    onError: handleError,
  });

  if (view.isPending) return <PageLoading />;
  if (view.isError) return <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  if (data.state !== 'draft')
    return (
      <Alert
        type="info"
        showIcon
        message={`${data.year}年${issueNumberLabel(data)}已经出刊，不能再编排`}
        action={<Link to={`/bulletin/issues/${id}`}>查看本期</Link>}
      />
    );
  if (!settings) return <PageLoading />;

  const placed = new Set(columns.flatMap((c) => c.items.map((i) => i.submissionId)));
  // Items taken out of the layout since the last save are waiting again.
  const serverPlaced = data.columns.flatMap((c) => c.items);
  const waiting = [
    ...data.candidates,
    ...serverPlaced.map((i) => ({ ...i, column: null, adoptedAt: null })),
  ].filter((c) => !placed.has(c.submissionId));
  const columnNames = [...new Set([...data.columnNames, ...columns.map((c) => c.name)])];

  const addItem = (item: CompiledItem & { column?: string | null }, columnName?: string, at?: number) => {
    const name = columnName ?? defaultColumn(item, data.columnNames);
    const plain: CompiledItem = {
      submissionId: item.submissionId,
      title: item.title,
      body: item.body,
      sources: item.sources,
      unit: item.unit,
      kind: item.kind,
      flagged: item.flagged,
    };
    const without = columns.map((c) => ({
      ...c,
      items: c.items.filter((i) => i.submissionId !== item.submissionId),
    }));
    let index = without.findIndex((c) => c.name === name);
    if (index < 0) {
      // A new column takes its configured place among the others.
      const rank = (n: string) => {
        const r = data.columnNames.indexOf(n);
        return r < 0 ? data.columnNames.length : r;
      };
      index = without.findIndex((c) => rank(c.name) > rank(name));
      if (index < 0) index = without.length;
      without.splice(index, 0, { name, items: [] });
    }
    const target = without[index]!;
    const items = [...target.items];
    items.splice(at ?? items.length, 0, plain);
    without[index] = { ...target, items };
    change(without.filter((c) => c.items.length > 0 || c.name === name));
  };

  const removeItem = (submissionId: string) =>
    change(
      columns
        .map((c) => ({ ...c, items: c.items.filter((i) => i.submissionId !== submissionId) }))
        .filter((c) => c.items.length > 0),
    );

  const moveItem = (col: number, from: number, to: number) =>
    change(columns.map((c, i) => (i === col ? { ...c, items: move(c.items, from, to) } : c)));

  const dropOnItem = (e: DragEvent, col: number, at: number) => {
    e.preventDefault();
    e.stopPropagation();
    if (!dragged) return;
    if ('column' in dragged) {
      change(move(columns, dragged.column, col));
    } else {
      const sameColumn = dragged.from === col;
      const from = sameColumn
        ? columns[col]!.items.findIndex((i) => i.submissionId === dragged.item.submissionId)
        : -1;
      addItem(dragged.item, columns[col]!.name, sameColumn && from >= 0 && from < at ? at - 1 : at);
    }
    setDragged(null);
  };

  const total = columns.reduce((n, c) => n + c.items.length, 0);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={[12, 12]} align="middle" justify="space-between">
          <Col>
            <Space size={12} wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="compile-title">
                组稿：《{data.series}》{data.year}年{issueNumberLabel({ ...data, number: settings.number })}
              </Typography.Title>
              <Tag color="blue">编辑中</Tag>
              {dirty && <Tag color="orange">有未保存的修改</Tag>}
              <Typography.Text type="secondary">共 {total} 篇</Typography.Text>
            </Space>
          </Col>
          <Col>
            <Space wrap>
              <Button
                icon={<SaveOutlined />}
                loading={save.isPending}
                onClick={() => save.mutate()}
                data-testid="compile-save"
              >
                保存
              </Button>
              <Tooltip title={dirty ? '预览显示已保存的编排，请先保存' : undefined}>
                <Button
                  icon={<EyeOutlined />}
                  onClick={() => navigate(`/bulletin/issues/${id}`)}
                  disabled={dirty}
                  data-testid="compile-preview"
                >
                  预览
                </Button>
              </Tooltip>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={publish.isPending}
                data-testid="compile-publish"
                onClick={() => {
                  void modal.confirm({
                    title: '确认出刊？',
                    content: `出刊后本期（${total} 篇）不能再修改，稿件状态变为“已刊发”并通知报送单位。`,
                    okText: '出刊',
                    cancelText: '取消',
                    onOk: async () => {
                      await publish.mutateAsync().catch(() => undefined);
                    },
                  });
                }}
              >
                出刊
              </Button>
              <Popconfirm
                title="删除本期？"
                description="未出刊的本期将被删除，已编入的稿件回到待编入列表。"
                okText="删除"
                cancelText="取消"
                onConfirm={() => remove.mutate()}
              >
                <Button danger data-testid="compile-delete">
                  删除本期
                </Button>
              </Popconfirm>
            </Space>
          </Col>
        </Row>
      </Card>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="compile-conflict"
          message={conflict}
          description="您在页面上的编排没有丢失。可记下后刷新，查看对方保存的版本再重新编排。"
          action={
            <Button
              size="small"
              onClick={() => {
                setLocal(null);
                setConflict(null);
                void view.refetch();
              }}
            >
              刷新为最新版本
            </Button>
          }
        />
      )}
      <Card size="small" title="报头与发送范围">
        <Form layout="vertical" component="div">
          <Row gutter={12}>
            <Col xs={12} md={4}>
              <Form.Item
                label="期号"
                required
                validateStatus={fieldErrors.number ? 'error' : undefined}
                help={fieldErrors.number}
              >
                <InputNumber
                  min={1}
                  max={999}
                  precision={0}
                  value={settings.number}
                  onChange={(v) => setSetting({ number: v })}
                  style={{ width: '100%' }}
                  data-testid="compile-number"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="总期号">
                <InputNumber
                  min={1}
                  precision={0}
                  value={settings.totalNumber}
                  onChange={(v) => setSetting({ totalNumber: v })}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item
                label="出刊日期"
                required
                validateStatus={fieldErrors.date ? 'error' : undefined}
                help={fieldErrors.date}
              >
                <DatePicker
                  value={settings.date ? dayjs(settings.date) : null}
                  onChange={(d) => setSetting({ date: d ? d.format('YYYY-MM-DD') : null })}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="印数（份）">
                <InputNumber
                  min={1}
                  max={100000}
                  precision={0}
                  value={settings.printCount}
                  onChange={(v) => setSetting({ printCount: v })}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item label="本期印发">
                <Input
                  value={settings.issuedTo}
                  onChange={(e) => setSetting({ issuedTo: e.target.value })}
                  placeholder="或填写下面的报、送、发"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="报">
                <Input
                  value={settings.report}
                  onChange={(e) => setSetting({ report: e.target.value })}
                  data-testid="compile-report"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="送">
                <Input value={settings.send} onChange={(e) => setSetting({ send: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="发">
                <Input value={settings.issue} onChange={(e) => setSetting({ issue: e.target.value })} />
              </Form.Item>
            </Col>
          </Row>
          {fieldErrors.columns && <Alert type="error" showIcon message={fieldErrors.columns} />}
        </Form>
      </Card>
      <Row gutter={16} align="top">
        <Col xs={24} lg={9}>
          <Card
            size="small"
            title={`待编入的采用稿（${waiting.length}）`}
            data-testid="compile-waiting"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged && 'item' in dragged && dragged.from !== 'waiting')
                removeItem(dragged.item.submissionId);
              setDragged(null);
            }}
          >
            {waiting.length === 0 ? (
              <Empty description="没有待编入的采用稿；在编辑台采用稿件后会出现在这里" />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                {waiting.map((item) => (
                  <Card
                    key={item.submissionId}
                    size="small"
                    draggable
                    onDragStart={() => setDragged({ item, from: 'waiting' })}
                    style={{ cursor: 'grab' }}
                    data-testid="compile-candidate"
                  >
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                        <Typography.Text strong>{item.title}</Typography.Text>
                        <Space size={4}>
                          <Select
                            size="small"
                            style={{ width: 110 }}
                            value={defaultColumn(item, data.columnNames)}
                            options={columnNames.map((n) => ({ value: n, label: n }))}
                            onChange={(name: string) => addItem(item, name)}
                            aria-label="编入栏目"
                          />
                          <Button
                            size="small"
                            type="primary"
                            icon={<PlusOutlined />}
                            onClick={() => addItem(item)}
                            data-testid="compile-add"
                          >
                            编入
                          </Button>
                        </Space>
                      </Space>
                      <Space size={4} wrap>
                        <Tag>{ADOPTION_KIND_LABELS[item.kind]}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          （{item.sources.join('、')}）
                        </Typography.Text>
                      </Space>
                    </Space>
                  </Card>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title="本期编排（拖动调整栏目和稿件的顺序）" data-testid="compile-layout">
            {columns.length === 0 ? (
              <Empty description="本期还没有稿件：从左侧编入或拖入采用稿" />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }} size={12}>
                {columns.map((column, ci) => (
                  <div
                    key={column.name}
                    data-testid="compile-column"
                    onDragOver={(e) => e.preventDefault()}
                    onDrop={(e) => dropOnItem(e, ci, column.items.length)}
                    style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}
                  >
                    <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
                      <Space
                        draggable
                        onDragStart={() => setDragged({ column: ci })}
                        style={{ cursor: 'grab' }}
                      >
                        <HolderOutlined />
                        <Typography.Text strong style={{ color: '#c00' }}>
                          【{column.name}】
                        </Typography.Text>
                        <Typography.Text type="secondary">{column.items.length} 篇</Typography.Text>
                      </Space>
                      <Space size={4}>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={ci === 0}
                          onClick={() => change(move(columns, ci, ci - 1))}
                          aria-label="栏目上移"
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={ci === columns.length - 1}
                          onClick={() => change(move(columns, ci, ci + 1))}
                          aria-label="栏目下移"
                        />
                      </Space>
                    </Space>
                    {column.items.map((item, ii) => (
                      <div
                        key={item.submissionId}
                        draggable
                        onDragStart={(e) => {
                          e.stopPropagation();
                          setDragged({ item, from: ci });
                        }}
                        onDragOver={(e) => e.preventDefault()}
                        onDrop={(e) => dropOnItem(e, ci, ii)}
                        data-testid="compile-item"
                        style={{
                          display: 'flex',
                          alignItems: 'center',
                          gap: 8,
                          padding: '6px 8px',
                          marginBottom: 4,
                          background: '#fafafa',
                          borderRadius: 4,
                          cursor: 'grab',
                        }}
                      >
                        <HolderOutlined />
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <Typography.Text strong ellipsis>
                            {item.title}
                          </Typography.Text>
                          <div>
                            <Tag>{ADOPTION_KIND_LABELS[item.kind]}</Tag>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              （{item.sources.join('、')}）
                            </Typography.Text>
                          </div>
                        </div>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={ii === 0}
                          onClick={() => moveItem(ci, ii, ii - 1)}
                          aria-label="上移"
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={ii === column.items.length - 1}
                          onClick={() => moveItem(ci, ii, ii + 1)}
                          aria-label="下移"
                        />
                        <Button
                          size="small"
                          icon={<CloseOutlined />}
                          onClick={() => removeItem(item.submissionId)}
                          aria-label="移出本期"
                        />
                      </div>
                    ))}
                  </div>
                ))}
              </Space>
            )}
          </Card>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            出刊日期：{chineseDate(settings.date) || '未填写'}
            。保存后可预览本期印刷效果；出刊后本期只读，可下载 Word 文件。
          </Typography.Paragraph>
        </Col>
      </Row>
    </Space>
  );
}
