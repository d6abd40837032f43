// 我的信息 (`/bulletin/submissions`): the items of the officer's own unit (submitted or
// co-submitted), filtered by state and title words, with server paging kept in the address bar.
import { Button, Card, Col, Empty, Input, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../web/auth';
import { ErrorResult } from '../../web/components/page-state';
import { SUBMISSION_STATES, SUBMISSION_STATE_LABELS, type SubmissionView } from '../contract';
import { serverPaging } from '../../web/components/paging';
import { readListState, timeText, writeListState } from './submission-format';
import { fetchSubmissions, submissionKeys, type SubmissionListState } from './submissions-api';
import { StateTag } from './submission-view';

export default function MySubmissionsPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const state: SubmissionListState = { ...readListState(params), mine: true };
  const go = (next: SubmissionListState) => setParams(writeListState(next), { replace: false });
  const list = useQuery({
    queryKey: submissionKeys.list(state),
    queryFn: () => fetchSubmissions(state),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(state.state || state.q);

  const columns: ColumnsType<SubmissionView> = [
    {
      title: '标题',
      key: 'title',
      render: (_, row) => (
        <Space direction="vertical" size={2}>
          <Link to={`/bulletin/submissions/${row.id}`} data-testid="submission-link">
            {row.title}
          </Link>
          {row.state === 'returned' && row.editorComment && (
            <Typography.Text type="warning" style={{ fontSize: 13 }} data-testid="row-editor-comment">
              退回意见：{row.editorComment}
            </Typography.Text>
          )}
          {row.state === 'rejected' && row.rejectReason && (
            <Typography.Text type="danger" style={{ fontSize: 13 }}>
              未采用理由：{row.rejectReason}
            </Typography.Text>
          )}
          {row.org.id !== me.user.org.id && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.org.name}报送，本单位联合报送
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'state', width: 100, render: (_, row) => <StateTag state={row.state} /> },
    {
      title: '栏目',
      key: 'column',
      width: 150,
      render: (_, row) =>
        row.column ? (
          row.column.name
        ) : row.suggestedColumn ? (
          <Typography.Text type="secondary">建议：{row.suggestedColumn.name}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '报送时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => timeText(v) },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, row) =>
        (row.state === 'draft' || row.state === 'returned') && row.org.id === me.user.org.id ? (
          <Link to={`/bulletin/submissions/${row.id}/edit`}>
            <Button size="small" type="link" icon={<EditOutlined />}>
              修改
            </Button>
          </Link>
        ) : null,
    },
  ];

  const total = list.data?.total ?? 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={[12, 12]} align="middle" justify="space-between">
          <Col>
            <Space size={12} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                我的信息
              </Typography.Title>
              <Select
                allowClear
                placeholder="全部状态"
                value={state.state}
                onChange={(v) => go({ ...state, state: v, page: 1 })}
                options={SUBMISSION_STATES.map((s) => ({ value: s, label: SUBMISSION_STATE_LABELS[s] }))}
                style={{ width: 140 }}
                data-testid="state-filter"
              />
              <Input.Search
                allowClear
                placeholder="搜索标题或正文"
                defaultValue={state.q}
                onSearch={(q) => go({ ...state, q: q.trim() || undefined, page: 1 })}
                style={{ width: 240 }}
              />
            </Space>
          </Col>
          <Col>
            <Link to="/bulletin/submissions/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-submission">
                写信息
              </Button>
            </Link>
          </Col>
        </Row>
      </Card>
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          {list.isSuccess && total === 0 && !filtered ? (
            <Empty
              style={{ padding: '48px 0' }}
              description="本单位还没有报送过信息"
              data-testid="submissions-empty"
            >
              <Link to="/bulletin/submissions/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  写第一条信息
                </Button>
              </Link>
            </Empty>
          ) : (
            <Table<SubmissionView>
              size="middle"
              rowKey="id"
              data-testid="submissions-table"
              loading={list.isFetching}
              columns={columns}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: '没有符合条件的信息' }}
              pagination={serverPaging(state, total, go)}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
