// One item (`/bulletin/submissions/:id`): its text, state, the editor's comment or reason, the
// comparison with the edited version, pictures and history. The submitting unit's officers revise
// and (re)submit from here; editors act on it as on the desk.
import { App, Button, Card, Space, Typography } from 'antd';
import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../web/api';
import { useAuth } from '../../web/auth';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import type { SubmissionDetail } from '../contract';
import { EditorActions } from './editor-actions';
import { PointsPanel } from './points-panel';
import { fetchSubmission, invalidateSubmissions, submissionKeys, submitSubmission } from './submissions-api';
import { StateTag, SubmissionBody } from './submission-view';

export default function SubmissionPage() {
  const { id = '' } = useParams();
  const item = useQuery({ queryKey: submissionKeys.detail(id), queryFn: () => fetchSubmission(id) });
  if (item.isPending) return <PageLoading />;
  if (item.isError) return <ErrorResult error={item.error} onRetry={() => void item.refetch()} />;
  return <SubmissionDetailView item={item.data} />;
}

/** The header with the actions the user may take, and the item. */
export function SubmissionDetailView({ item, compact }: { item: SubmissionDetail; compact?: boolean }) {
  const { me, can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const ownUnit = item.org.id === me.user.org.id && can('bulletin:submit');
  const revisable = ownUnit && (item.state === 'draft' || item.state === 'returned');
  const editor = can('bulletin:edit') && item.state !== 'draft';

  const submit = () => {
    modal.confirm({
      title: item.state === 'returned' ? '确认重新报送？' : '确认报送？',
      content: '报送后稿件交编辑处理，在退回修改前不能再改动。',
      okText: '报送',
      cancelText: '再看看',
      onOk: async () => {
        try {
          const next = await submitSubmission(item.id, item.version);
          queryClient.setQueryData(submissionKeys.detail(item.id), next);
          await invalidateSubmissions(queryClient);
          void message.success('已报送');
        } catch (error) {
          if (error instanceof ApiError && error.status === 409)
            void queryClient.invalidateQueries({ queryKey: submissionKeys.detail(item.id) });
          void message.error(errorMessage(error));
        }
      },
    });
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: compact ? undefined : 1200 }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap align="center">
          <Space size={12} wrap>
            <StateTag state={item.state} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="submission-title">
              {item.editedTitle ?? item.title}
            </Typography.Title>
          </Space>
          <Space wrap>
            {revisable && (
              <>
                <Link to={`/bulletin/submissions/${item.id}/edit`}>
                  <Button icon={<EditOutlined />}>修改</Button>
                </Link>
                <Button type="primary" icon={<SendOutlined />} onClick={submit}>
                  {item.state === 'returned' ? '重新报送' : '报送'}
                </Button>
              </>
            )}
            {editor && <EditorActions item={item} />}
            {!compact && (
              <Link to={ownUnit || !can('bulletin:edit') ? '/bulletin/submissions' : '/bulletin/desk'}>
                返回列表
              </Link>
            )}
          </Space>
        </Space>
      </Card>
      <SubmissionBody item={item} />
      {(item.state === 'adopted' || item.state === 'published') && <PointsPanel submissionId={item.id} />}
    </Space>
  );
}
