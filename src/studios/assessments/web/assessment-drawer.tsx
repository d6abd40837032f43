// One studio's assessment of a year, opened from the list, a notification or the studio's page:
// the scores by criterion with the district's notes, the total and result, the city's review and
// the reward flag; the scoring form for the district, the review and the flag for the city.
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, List, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { STUDIO_LEVEL_LABELS } from '../../register/contract';
import { RESULT_LABELS, type AssessmentDetail } from '../contract';
import { assessmentKeys, fetchAssessment } from './assessments-api';
import { AssessmentStateTag, ResultTag } from './assessment-format';
import { FlagModal } from './flag-modal';
import { ReviewModal } from './review-modal';
import { ScoreForm } from './score-form';

const at = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

function Scores({ a }: { a: AssessmentDetail }) {
  const byKey = new Map(a.scores.map((s) => [s.key, s]));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={a.sheet.criteria}
      scroll={{ x: 480 }}
      columns={[
        { title: '指标', dataIndex: 'label' },
        { title: '权重', width: 60, render: (_, c) => `${c.weight}%` },
        {
          title: '得分',
          width: 90,
          render: (_, c) =>
            byKey.has(c.key) ? `${byKey.get(c.key)!.score} / ${c.maxScore}` : `— / ${c.maxScore}`,
        },
        { title: '说明', render: (_, c) => byKey.get(c.key)?.note ?? '' },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            总分
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} colSpan={2}>
            <span data-testid="assessment-total">{a.total ?? '—'}</span>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

export function AssessmentDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useQuery({ queryKey: assessmentKeys.one(id), queryFn: () => fetchAssessment(id) });
  const [scoring, setScoring] = useState(false);
  const [step, setStep] = useState<'review' | 'flag' | null>(null);
  const a = query.data;
  const canScore = a?.actions.includes('score') ?? false;
  return (
    <Drawer
      open
      onClose={onClose}
      title={a ? `${a.studio.name} · ${a.year} 年度督察考核` : '督察考核'}
      width={Math.min(680, window.innerWidth)}
      data-testid="assessment-drawer"
    >
      {query.isError && !a ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : !a ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <AssessmentStateTag state={a.state} />
            <ResultTag a={a} />
            {a.flagged && <Typography.Text type="warning">★ 拟表彰宣传</Typography.Text>}
          </Space>
          {a.revokedStudio && (
            <Alert type="error" showIcon message="因连续不合格，该工作室已在本次审定时摘牌" />
          )}
          {(canScore || a.actions.length > 0) && !scoring && (
            <Space wrap data-testid="assessment-actions">
              {canScore && (
                <Button type="primary" onClick={() => setScoring(true)} data-testid="assessment-score">
                  {a.state === 'open' ? '评分' : '修改评分'}
                </Button>
              )}
              {a.actions.includes('review') && (
                <Button type="primary" onClick={() => setStep('review')} data-testid="assessment-review">
                  审定
                </Button>
              )}
              {a.actions.includes('flag') && (
                <Button onClick={() => setStep('flag')} data-testid="assessment-flag">
                  {a.flagged ? '修改表彰宣传' : '列入表彰宣传'}
                </Button>
              )}
            </Space>
          )}
          {scoring ? (
            <>
              <Button onClick={() => setScoring(false)}>返回</Button>
              <ScoreForm a={a} onDone={() => setScoring(false)} />
            </>
          ) : (
            <>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="依托单位">{a.studio.hostUnitName}</Descriptions.Item>
                <Descriptions.Item label="所属地区">
                  {a.orgName === a.district ? a.district : `${a.district} · ${a.orgName}`}
                </Descriptions.Item>
                <Descriptions.Item label="级别">{STUDIO_LEVEL_LABELS[a.level]}</Descriptions.Item>
                {a.batch && <Descriptions.Item label="命名批次">{a.batch.name}</Descriptions.Item>}
                <Descriptions.Item label="考核表">{a.sheet.name}</Descriptions.Item>
                {a.scoredBy && (
                  <Descriptions.Item label="评分">
                    {a.scoredBy.name} {at(a.scoredAt)}，初评
                    {a.proposedResult ? RESULT_LABELS[a.proposedResult] : ''}
                  </Descriptions.Item>
                )}
                {a.reviewedBy && (
                  <Descriptions.Item label="审定">
                    {a.reviewedBy.name} {at(a.reviewedAt)}，
                    {a.finalResult ? RESULT_LABELS[a.finalResult] : ''}
                  </Descriptions.Item>
                )}
                {a.reviewComment && <Descriptions.Item label="审定意见">{a.reviewComment}</Descriptions.Item>}
                {a.failsBefore > 0 && (
                  <Descriptions.Item label="此前连续不合格">{a.failsBefore} 年</Descriptions.Item>
                )}
              </Descriptions>
              <Scores a={a} />
              {a.flagged && (
                <div>
                  <Typography.Title level={5}>表彰宣传</Typography.Title>
                  {a.flagNote && <Typography.Paragraph>{a.flagNote}</Typography.Paragraph>}
                  <List
                    size="small"
                    bordered
                    dataSource={a.bulletinItems}
                    locale={{ emptyText: '未关联信息' }}
                    renderItem={(i) => (
                      <List.Item>
                        <a href={`/bulletin/submissions/${i.id}`}>{i.title}</a>
                        <Typography.Text type="secondary">
                          {i.orgName} {i.adoptedOn ?? ''}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                </div>
              )}
            </>
          )}
        </Space>
      )}
      {a && step === 'review' && <ReviewModal a={a} onClose={() => setStep(null)} />}
      {a && step === 'flag' && <FlagModal a={a} onClose={() => setStep(null)} />}
    </Drawer>
  );
}
