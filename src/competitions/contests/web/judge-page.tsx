// A judge scoring on a phone (`/contests/:id/judge`): the rounds of my panel as tabs, the entries in
// order of appearance as cards, a number per criterion, 提交 per entry. Only my own scores are
// shown. A score already given is changed only with a reason (更正理由). After the release the
// page shows the results.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../web/api';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import type { ContestRoundSetting, EntryView, JudgeSheet } from '../contract';
import { contestKeys, fetchResults, fetchSheet, submitScores } from './contests-api';
import { ResultsTable } from './results-table';

type Values = Record<string, number | null>;

function EntryCard({
  contestId,
  round,
  entry,
  given,
  open,
}: {
  contestId: string;
  round: ContestRoundSetting;
  entry: EntryView;
  given: Map<string, number>;
  open: boolean;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const keys = round.criteria.length ? round.criteria.map((k) => k.id) : [''];
  const done = keys.every((k) => given.has(k));
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(keys.map((k) => [k, given.get(k) ?? null])),
  );
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const changed = done && keys.some((k) => values[k] !== given.get(k));
  const submit = useMutation({
    mutationFn: (why: string | null) =>
      submitScores(contestId, {
        roundId: round.id,
        entryId: entry.id,
        reason: why,
        scores: keys.map((k) => ({ ...(k ? { criterionId: k } : {}), value: values[k] ?? NaN })),
      }),
    onSuccess: async () => {
      void message.success(`${entry.name}：评分已提交`);
      setAsking(false);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: contestKeys.sheet(contestId) });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldIssues.some((i) => i.field === 'reason')) setAsking(true);
      else void message.error(error instanceof ApiError ? error.message : '提交失败，请重试');
    },
  });
  const missing = keys.some((k) => values[k] === null || values[k] === undefined);
  return (
    <Card
      size="small"
      data-testid={`entry-${entry.seq}`}
      title={
        <Space>
          <span>
            {entry.seq}. {entry.name}
          </span>
          {done && <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="已评" />}
        </Space>
      }
      extra={entry.unitName ? <Typography.Text type="secondary">{entry.unitName}</Typography.Text> : null}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {keys.map((k) => {
          const criterion = round.criteria.find((c) => c.id === k);
          return (
            <Space key={k} style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>{criterion ? `${criterion.name}（权重 ${criterion.weight}）` : '分数'}</span>
              <InputNumber
                aria-label={`${entry.name}${criterion ? criterion.name : '分数'}`}
                inputMode="decimal"
                min={round.minScore}
                max={round.maxScore}
                step={0.01}
                precision={2}
                disabled={!open}
                value={values[k]}
                onChange={(v) => setValues((old) => ({ ...old, [k]: v }))}
                style={{ width: 120 }}
              />
            </Space>
          );
        })}
        {open && (
          <Button
            type={done && !changed ? 'default' : 'primary'}
            block
            disabled={missing || (done && !changed)}
            loading={submit.isPending}
            onClick={() => (changed ? setAsking(true) : submit.mutate(null))}
          >
            {done ? (changed ? '更正评分' : '已提交') : '提交'}
          </Button>
        )}
      </Space>
      <Modal
        open={asking}
        title="更正已提交的评分"
        okText="提交更正"
        okButtonProps={{ disabled: !reason.trim() }}
        confirmLoading={submit.isPending}
        onCancel={() => setAsking(false)}
        onOk={() => submit.mutate(reason.trim())}
      >
        <Form layout="vertical">
          <Form.Item label="更正理由（必填，将记录在案）">
            <Input.TextArea
              aria-label="更正理由"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
              rows={3}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Released({ id }: { id: string }) {
  const results = useQuery({
    queryKey: contestKeys.results(id, false),
    queryFn: () => fetchResults(id, false),
  });
  if (results.isPending) return <PageLoading />;
  if (results.isError) return <ErrorResult error={results.error} onRetry={() => void results.refetch()} />;
  return <ResultsTable view={results.data} />;
}

function Sheet({ sheet }: { sheet: JudgeSheet }) {
  const [roundId, setRoundId] = useState(sheet.rounds[0]?.id ?? '');
  const round = sheet.rounds.find((r) => r.id === roundId) ?? sheet.rounds[0];
  if (!round) return <Alert type="info" message="您不在本比赛任何一轮的评委名单中。" />;
  const mine = new Map<string, Map<string, number>>();
  for (const s of sheet.scores.filter((x) => x.roundId === round.id)) {
    const m = mine.get(s.entryId) ?? new Map<string, number>();
    m.set(s.criterionId ?? '', s.value);
    mine.set(s.entryId, m);
  }
  const keys = Math.max(1, round.criteria.length);
  const done = sheet.entries.filter((e) => (mine.get(e.id)?.size ?? 0) >= keys).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {sheet.rounds.length > 1 && (
        <Segmented
          block
          value={round.id}
          onChange={(v) => setRoundId(String(v))}
          options={sheet.rounds.map((r) => ({ value: r.id, label: r.name }))}
        />
      )}
      <Typography.Text type="secondary">
        {round.name}：分数 {round.minScore}–{round.maxScore}，已评 {done} / {sheet.entries.length}
      </Typography.Text>
      {sheet.entries.map((e) => (
        <EntryCard
          key={`${round.id}:${e.id}:${[...(mine.get(e.id) ?? new Map<string, number>()).values()].join(',')}`}
          contestId={sheet.contest.id}
          round={round}
          entry={e}
          given={mine.get(e.id) ?? new Map()}
          open={sheet.contest.state === 'scoring'}
        />
      ))}
    </Space>
  );
}

export default function JudgePage() {
  const { id = '' } = useParams();
  const sheet = useQuery({ queryKey: contestKeys.sheet(id), queryFn: () => fetchSheet(id) });
  if (sheet.isPending) return <PageLoading />;
  if (sheet.isError) return <ErrorResult error={sheet.error} onRetry={() => void sheet.refetch()} />;
  const s = sheet.data;
  return (
    <Card
      title={s.contest.name}
      extra={<Link to="/contests/judging">我的评分</Link>}
      styles={{ body: { padding: 12 } }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {s.contest.heldOn}
          {s.contest.venue ? ` · ${s.contest.venue}` : ''}{' '}
          {s.contest.state === 'released' ? (
            <Tag color="success">成绩已发布</Tag>
          ) : (
            <Tag color="processing">评分中</Tag>
          )}
        </Typography.Text>
        {s.contest.state === 'released' ? (
          <Released id={id} />
        ) : (
          <>
            <Alert type="info" showIcon message="只显示您本人的评分。提交后如需修改，须填写更正理由。" />
            <Sheet sheet={s} />
          </>
        )}
      </Space>
    </Card>
  );
}
