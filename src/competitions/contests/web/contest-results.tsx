// Scoring and results of a contest: opening the scoring, the progress and the scores still
// missing, the results with the rule in words (the trimmed mean shown by striking the dropped
// scores), corrections by the organiser with a reason, the release, and after it the results
// notice in Word and the certificates.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import type { ContestDetail, ResultsView } from '../contract';
import { PRIZES_PENDING_LABEL } from '../scoring-contract';
import {
  contestKeys,
  correctScores,
  fetchCorrections,
  fetchResults,
  noticeUrl,
  openScoring,
  releaseResults,
} from './contests-api';
import { ResultsTable } from './results-table';
import { useContestSave } from './use-contest-save';

interface CorrectionValues {
  entryId: string;
  roundId: string;
  judgeId: string;
  values: Record<string, number>;
  reason: string;
}

function CorrectionModal({
  contest,
  view,
  onClose,
}: {
  contest: ContestDetail;
  view: ResultsView;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CorrectionValues>();
  const roundId = Form.useWatch('roundId', form);
  const round = contest.rounds.find((r) => r.id === roundId);
  const save = useMutation({
    mutationFn: (v: CorrectionValues) =>
      correctScores(contest.id, {
        roundId: v.roundId,
        entryId: v.entryId,
        judgeId: v.judgeId,
        reason: v.reason,
        scores: round?.criteria.length
          ? round.criteria.map((k) => ({ criterionId: k.id, value: v.values[k.id] ?? NaN }))
          : [{ value: v.values[''] ?? NaN }],
      }),
    onSuccess: async (r) => {
      void message.success(r.corrected ? `已更正 ${r.corrected} 项评分` : '评分已录入');
      await queryClient.invalidateQueries({ queryKey: ['contests'] });
      onClose();
    },
    onError: (error) => showFormError(form, error, message, ['reason', 'entryId', 'roundId', 'judgeId']),
  });
  return (
    <Modal
      open
      title="更正评分"
      okText="更正"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="entryId" label="参赛者" rules={[{ required: true, message: '请选择参赛者' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={view.entries.map((e) => ({ value: e.id, label: `${e.seq}. ${e.name}` }))}
          />
        </Form.Item>
        <Form.Item name="roundId" label="轮次" rules={[{ required: true, message: '请选择轮次' }]}>
          <Select options={contest.rounds.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item name="judgeId" label="评委" rules={[{ required: true, message: '请选择评委' }]}>
          <Select options={view.judges.map((j) => ({ value: j.id, label: j.name }))} />
        </Form.Item>
        {round &&
          (round.criteria.length ? round.criteria : [{ id: '', name: '分数', weight: 1 }]).map((k) => (
            <Form.Item
              key={k.id}
              name={['values', k.id]}
              label={`${k.name}（${round.minScore}–${round.maxScore}）`}
              rules={[{ required: true, message: '请填写分数' }]}
            >
              <InputNumber min={round.minScore} max={round.maxScore} step={0.01} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        <Form.Item name="reason" label="更正理由" rules={[{ required: true, message: '请填写更正理由' }]}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Corrections({ contest }: { contest: ContestDetail }) {
  const list = useQuery({
    queryKey: contestKeys.corrections(contest.id),
    queryFn: () => fetchCorrections(contest.id),
  });
  if (!list.data?.items.length) return null;
  return (
    <Card size="small" title="评分更正记录" style={{ marginTop: 12 }}>
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        columns={[
          {
            title: '时间',
            key: 'at',
            render: (_, c) => new Date(c.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
          },
          { title: '参赛者', dataIndex: 'entry' },
          { title: '轮次', dataIndex: 'round' },
          { title: '评委', dataIndex: 'judge' },
          { title: '评分项', key: 'criterion', render: (_, c) => c.criterion ?? '—' },
          { title: '原分', dataIndex: 'before' },
          { title: '更正为', dataIndex: 'after' },
          { title: '理由', dataIndex: 'reason' },
          { title: '更正人', dataIndex: 'by' },
        ]}
      />
    </Card>
  );
}

function Missing({ view }: { view: ResultsView }) {
  if (!view.results.missing.length) return null;
  const judges = new Map(view.judges.map((j) => [j.id, j.name]));
  const entries = new Map(view.entries.map((e) => [e.id, e.name]));
  const rounds = new Map(view.results.rounds.map((r) => [r.roundId, r.name]));
  const byJudge = new Map<string, string[]>();
  for (const m of view.results.missing)
    byJudge.set(m.judgeId, [
      ...(byJudge.get(m.judgeId) ?? []),
      `${rounds.get(m.roundId)}·${entries.get(m.entryId)}`,
    ]);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      message={`还有 ${view.results.missing.length} 项评分未完成，${PRIZES_PENDING_LABEL}`}
      description={
        <List
          size="small"
          dataSource={[...byJudge]}
          renderItem={([judge, items]) => (
            <List.Item>
              {judges.get(judge)}：{items.slice(0, 6).join('、')}
              {items.length > 6 ? ` 等 ${items.length} 项` : ''}
            </List.Item>
          )}
        />
      }
    />
  );
}

export function ResultsPanel({ contest }: { contest: ContestDetail }) {
  const [correcting, setCorrecting] = useState(false);
  const open = useContestSave(contest, () => openScoring(contest.id, contest.version), {
    done: '已开始评分，评委现在可以在手机上评分',
  });
  const release = useContestSave(contest, () => releaseResults(contest.id, contest.version), {
    done: '成绩已发布',
  });
  const visible = contest.state !== 'setup' && (contest.mayManage || contest.state === 'released');
  const results = useQuery({
    queryKey: contestKeys.results(contest.id, false),
    queryFn: () => fetchResults(contest.id, false),
    enabled: visible,
    refetchInterval: contest.state === 'scoring' ? 5000 : false,
  });
  if (contest.state === 'setup')
    return contest.mayManage ? (
      <Space direction="vertical">
        <Typography.Text>
          共 {contest.entryList.length} 个参赛者、{contest.judgeList.length} 位评委、{contest.rounds.length}{' '}
          个轮次。
        </Typography.Text>
        <Popconfirm
          title="开始评分后轮次和评分项不能再修改，确定开始？"
          okText="开始评分"
          onConfirm={() => open.mutate(undefined)}
        >
          <Button type="primary" loading={open.isPending}>
            开始评分
          </Button>
        </Popconfirm>
      </Space>
    ) : (
      <Typography.Text type="secondary">比赛尚在筹备中。</Typography.Text>
    );
  if (!visible) return <Typography.Text type="secondary">成绩尚未发布。</Typography.Text>;
  if (results.isPending) return <PageLoading />;
  if (results.isError)
    return results.error instanceof ApiError && results.error.status === 409 ? (
      <Typography.Text type="secondary">{results.error.message}</Typography.Text>
    ) : (
      <ErrorResult error={results.error} onRetry={() => void results.refetch()} />
    );
  const view = results.data;
  const percent = view.expected ? Math.floor((view.scored / view.expected) * 100) : 0;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Progress
          type="line"
          percent={percent}
          style={{ width: 220 }}
          format={() => `${view.scored}/${view.expected}`}
        />
        {contest.mayManage && contest.state === 'scoring' && (
          <>
            <Button onClick={() => setCorrecting(true)}>更正评分</Button>
            <Popconfirm
              title="发布后评分不能再修改，评委和各单位可以查看全部评分和排名。确定发布？"
              okText="发布成绩"
              disabled={!view.results.final}
              onConfirm={() => release.mutate(undefined)}
            >
              <Button type="primary" disabled={!view.results.final} loading={release.isPending}>
                发布成绩
              </Button>
            </Popconfirm>
          </>
        )}
        {contest.state === 'released' && (
          <>
            <Button type="primary" href={noticeUrl(contest.id)}>
              导出结果通报（Word）
            </Button>
            <Link to={`/contests/${contest.id}/certificates`}>
              <Button>奖状</Button>
            </Link>
          </>
        )}
      </Space>
      <Missing view={view} />
      <Card size="small" title="评分规则" style={{ marginBottom: 12 }}>
        <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="rule-texts">
          {view.ruleTexts.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
        {view.judgeScoresShown && (
          <Typography.Text type="secondary">
            各轮得分下方是每位评委的评分，划线的是去掉的最高分和最低分。
          </Typography.Text>
        )}
      </Card>
      <ResultsTable view={view} />
      {contest.mayManage && <Corrections contest={contest} />}
      {correcting && <CorrectionModal contest={contest} view={view} onClose={() => setCorrecting(false)} />}
    </>
  );
}
