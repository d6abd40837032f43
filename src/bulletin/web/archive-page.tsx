// The bulletin archive (`/bulletin/archive`): the issues readable by the user, newest first, with a
// year filter and server paging; editors import old bulletin files (.txt or .docx) from here.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { InboxOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../web/api';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import { PAGE_SIZES, serverPaging } from '../../web/components/paging';
import { chinaYear, chineseDate } from '../../platform/shared/dates';
import { ARCHIVE_LIMITS, ISSUE_STATE_LABELS, type IssueImportResult, type IssueSummary } from '../contract';
import {
  fetchIssues,
  importIssue,
  issueKeys,
  issueNumberLabel,
  type ArchiveState,
  type ImportOptions,
} from './bulletin-api';
import { createIssue } from './compile-api';

const FIRST_YEAR = 1990;
const ACCEPT = '.txt,.docx';

function positive(text: string | null, fallback: number, max: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function readState(params: URLSearchParams): ArchiveState {
  const year = Number(params.get('year'));
  const pageSize = positive(params.get('pageSize'), 20, 500);
  return {
    year: Number.isInteger(year) && year >= 1950 && year <= 2100 ? year : undefined,
    page: positive(params.get('page'), 1, 100000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function writeState(state: ArchiveState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.year) params.set('year', String(state.year));
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('pageSize', String(state.pageSize));
  return params;
}

function yearOptions() {
  const last = chinaYear();
  const years: { value: number; label: string }[] = [];
  for (let y = last; y >= FIRST_YEAR; y--) years.push({ value: y, label: `${y} 年` });
  return years;
}

export default function ArchivePage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const go = (next: ArchiveState) => setParams(writeState(next));
  const [importing, setImporting] = useState(false);
  const canImport = can('bulletin:edit');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const startIssue = useMutation({
    mutationFn: (supplement: boolean) => createIssue({ supplement }),
    onSuccess: ({ id }) => navigate(`/bulletin/issues/${id}/compile`),
    onError: (err) => void message.error(errorMessage(err)),
  });

  const list = useQuery({
    queryKey: issueKeys.list(state),
    queryFn: () => fetchIssues(state),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<IssueSummary> = [
    { title: '年度', dataIndex: 'year', width: 90, render: (y: number) => `${y} 年` },
    {
      title: '期号',
      key: 'number',
      width: 160,
      render: (_, row) => (
        <Space size={4}>
          <Link
            to={row.state === 'draft' ? `/bulletin/issues/${row.id}/compile` : `/bulletin/issues/${row.id}`}
            data-testid="archive-issue-link"
          >
            {issueNumberLabel(row)}
          </Link>
          {row.totalNumber !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              （总第{row.totalNumber}期）
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '简报', dataIndex: 'series', width: 140 },
    {
      title: '状态',
      dataIndex: 'state',
      width: 100,
      render: (state: IssueSummary['state']) => (
        <Tag color={state === 'draft' ? 'blue' : state === 'published' ? 'green' : 'default'}>
          {ISSUE_STATE_LABELS[state]}
        </Tag>
      ),
    },
    {
      title: '日期',
      dataIndex: 'date',
      width: 140,
      render: (d: string | null) => chineseDate(d) || <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '条数', dataIndex: 'items', width: 80, align: 'right' },
    {
      title: '需核对',
      dataIndex: 'flagged',
      width: 90,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {n}
          </Tag>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      title: '来源文件',
      dataIndex: 'sourceFile',
      ellipsis: true,
      render: (f: string | null) => f ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];

  const total = list.data?.total ?? 0;
  const empty = list.isSuccess && total === 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={[12, 12]} align="middle" justify="space-between">
          <Col>
            <Space size={12} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                往期简报
              </Typography.Title>
              <Select<number>
                allowClear
                showSearch
                placeholder="全部年度"
                value={state.year}
                onChange={(year?: number) => go({ ...state, year, page: 1 })}
                options={yearOptions()}
                style={{ width: 140 }}
                data-testid="archive-year-filter"
              />
            </Space>
          </Col>
          {canImport && (
            <Col>
              <Space wrap>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  loading={startIssue.isPending}
                  onClick={() => startIssue.mutate(false)}
                  data-testid="issue-new"
                >
                  新建一期
                </Button>
                <Button onClick={() => startIssue.mutate(true)} disabled={startIssue.isPending}>
                  新建增刊
                </Button>
                <Button
                  icon={<UploadOutlined />}
                  onClick={() => setImporting(true)}
                  data-testid="archive-import"
                >
                  导入往期简报
                </Button>
              </Space>
            </Col>
          )}
        </Row>
      </Card>
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          {empty && !state.year ? (
            <Empty
              style={{ padding: '48px 0' }}
              data-testid="archive-empty"
              description="还没有往期简报，可导入旧的简报文件（.txt 或 .docx）"
            >
              {canImport && (
                <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  导入往期简报
                </Button>
              )}
            </Empty>
          ) : (
            <Table<IssueSummary>
              size="middle"
              rowKey="id"
              data-testid="archive-table"
              loading={list.isFetching}
              columns={columns}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: state.year ? `${state.year} 年没有往期简报` : '没有往期简报' }}
              pagination={serverPaging(state, total, go, '期')}
            />
          )}
        </Card>
      )}
      {importing && <ImportModal onClose={() => setImporting(false)} />}
    </Space>
  );
}

/** Field names the server may report, as the form calls them. */
const FIELD_LABELS: Record<string, string> = {
  file: '文件',
  year: '年度',
  number: '期号',
  series: '简报名称',
};

/** The server's field problems, when it named fields other than the one in its message. */
function fieldLines(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const lines = error.fieldIssues
    .filter((issue) => issue.message !== error.message)
    .map((issue) => `${FIELD_LABELS[issue.field] ?? issue.field}：${issue.message}`);
  return [...new Set(lines)];
}

function summaryText(r: IssueImportResult): string {
  return `已导入：${r.columns} 个栏目、${r.items} 条信息，${r.flagged} 条需核对`;
}

function ImportModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [options, setOptions] = useState<ImportOptions>({});
  const [fileName, setFileName] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => importIssue(file, options),
    onSuccess: async () => {
      void message.success('往期简报已导入');
      await queryClient.invalidateQueries({ queryKey: issueKeys.all });
    },
  });
  const lines = upload.isError ? fieldLines(upload.error) : [];

  return (
    <Modal
      open
      title="导入往期简报"
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={640}
      destroyOnHidden
      data-testid="archive-import-modal"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          年度和期号可不填，系统从文件的报头读取；报头缺失或不清楚时请填写。
        </Typography.Paragraph>
        <Form layout="inline">
          <Form.Item label="年度">
            <InputNumber<number>
              min={1950}
              max={2100}
              precision={0}
              placeholder="如 2012"
              value={options.year ?? null}
              onChange={(v) => setOptions({ ...options, year: v ?? undefined })}
              style={{ width: 120 }}
              data-testid="archive-import-year"
            />
          </Form.Item>
          <Form.Item label="期号">
            <InputNumber<number>
              min={1}
              max={999}
              precision={0}
              placeholder="如 8"
              value={options.number ?? null}
              onChange={(v) => setOptions({ ...options, number: v ?? undefined })}
              style={{ width: 120 }}
              data-testid="archive-import-number"
            />
          </Form.Item>
        </Form>
        <div data-testid="archive-import-dragger">
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              setFileName(file.name);
              upload.mutate(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              {upload.isPending ? `正在导入 ${fileName ?? ''}…` : '点击或把简报文件拖到这里上传'}
            </p>
            <p className="ant-upload-hint">
              支持 .txt 和 .docx，每次一个文件，不超过 {ARCHIVE_LIMITS.bytes / 2 ** 20} MB；一期最多{' '}
              {ARCHIVE_LIMITS.items} 条信息
            </p>
          </Upload.Dragger>
        </div>
        {upload.isSuccess && (
          <Alert
            type="success"
            showIcon
            data-testid="archive-import-success"
            message={summaryText(upload.data)}
            description={
              <Space direction="vertical" size={4}>
                {fileName && <span>文件：{fileName}</span>}
                {upload.data.warnings.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {upload.data.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                )}
                <Link to={`/bulletin/issues/${upload.data.id}`} data-testid="archive-import-link">
                  查看本期简报
                </Link>
              </Space>
            }
          />
        )}
        {upload.isError && (
          <Alert
            type="error"
            showIcon
            data-testid="archive-import-error"
            message={errorMessage(upload.error)}
            description={
              lines.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
      </Space>
    </Modal>
  );
}
