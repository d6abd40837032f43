// A risk report opened from the list or a notification: its facts and grade, where it stands
// (who must acknowledge by when, overdue, who handles it, the outcome, the follow-up), its trail
// of who knew what when, and the steps the reader may take now.
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import {
  amountText,
  EVENT_KIND_LABELS,
  GRADE_LABELS,
  REPORT_STATE_LABELS,
  RISK_KIND_LABELS,
  type ReportAction,
  type ReportDetail,
} from '../contract';
import { fetchReport, laborKeys } from './labor-api';
import { amountOrDash, DueText, GradeTag, sizeBandLabel } from './labor-format';
import { LinkEnterprise } from './link-enterprise';
import { ReportAttachments } from './report-attachments';
import { StepModal } from './step-modal';

const ACTION_BUTTONS: Record<ReportAction, string> = {
  acknowledge: '签收',
  coordinate: '登记协调处置',
  resolve: '登记化解',
  close: '销号',
  followUp: '登记回访',
};

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

function Standing({ r }: { r: ReportDetail }) {
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="状态">
        <Space wrap>
          <Tag data-testid="report-state">{REPORT_STATE_LABELS[r.state]}</Tag>
          {r.overdue && <Tag color="red">超时未签收</Tag>}
          {r.escalations > 0 && <Tag color="volcano">已超时上报 {r.escalations} 级</Tag>}
          {r.reopened > 0 && <Tag color="orange">回访反弹 {r.reopened} 次</Tag>}
        </Space>
      </Descriptions.Item>
      {r.awaitingOrg && (
        <Descriptions.Item label="待签收">
          <Space direction="vertical" size={0}>
            <span>{r.awaitingOrg.name}</span>
            {r.dueAt && <DueText dueAt={r.dueAt} asOf={r.asOf} />}
          </Space>
        </Descriptions.Item>
      )}
      {r.handlingOrg && (
        <Descriptions.Item label="处置单位">
          {r.handlingOrg.name}（{when(r.acknowledgedAt)} 签收）
        </Descriptions.Item>
      )}
      {r.outcome && (
        <Descriptions.Item label="销号情况">
          <Space direction="vertical" size={0}>
            <span>
              支付工资 {amountText(r.outcome.wagesPaidFen)}，妥善安置职工 {r.outcome.workersSettled}{' '}
              人，追回金额 {amountText(r.outcome.amountRecoveredFen)}
            </span>
            <Typography.Text type="secondary">{r.outcome.summary}</Typography.Text>
          </Space>
        </Descriptions.Item>
      )}
      {r.followUpDue && r.state === 'closed' && (
        <Descriptions.Item label="回访">应于 {r.followUpDue} 前回访</Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function ReportDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const report = useQuery({ queryKey: laborKeys.report(id), queryFn: () => fetchReport(id) });
  const [step, setStep] = useState<ReportAction | null>(null);
  const r = report.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title="风险报告"
      width={Math.min(600, window.innerWidth)}
      data-testid="report-drawer"
    >
      {report.isError && !r ? (
        <ErrorResult error={report.error} onRetry={() => void report.refetch()} />
      ) : !r ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {r.overdue && (
            <Alert
              type="error"
              showIcon
              message={
                r.escalations ? `超时未签收，已自动上报至${r.awaitingOrg?.name ?? '上级工会'}` : '超时未签收'
              }
            />
          )}
          {r.actions.length > 0 && (
            <Space wrap data-testid="report-actions">
              {r.actions.map((a) => (
                <Button key={a} type={a === r.actions[0] ? 'primary' : 'default'} onClick={() => setStep(a)}>
                  {ACTION_BUTTONS[a]}
                </Button>
              ))}
            </Space>
          )}
          {r.mayLinkEnterprise && <LinkEnterprise report={r} />}
          <Standing r={r} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="企业">
              {r.enterprise.id ? (
                <Link to={`/enterprises/${r.enterprise.id}`}>{r.enterprise.name}</Link>
              ) : (
                r.enterprise.name
              )}
              {!r.enterprise.registered && '（未在企业名录中）'}
            </Descriptions.Item>
            {(r.industry || r.sizeBand) && (
              <Descriptions.Item label="行业、规模">
                {[r.industry, r.sizeBand && sizeBandLabel(r.sizeBand)].filter(Boolean).join('，')}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="所属单位">{r.orgName}</Descriptions.Item>
            <Descriptions.Item label="预警等级">
              <Space direction="vertical" size={4}>
                <GradeTag grade={r.grade} />
                {r.gradeReasons.map((reason) => (
                  <Typography.Text key={reason} type="secondary">
                    {reason}
                  </Typography.Text>
                ))}
                {r.raiseReason && (
                  <Typography.Text type="warning">
                    按标准为{GRADE_LABELS[r.computedGrade]}，上报单位提高等级：{r.raiseReason}
                  </Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="风险类型">
              {r.kinds.map((k) => RISK_KIND_LABELS[k]).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label="涉及职工">{r.workers} 人</Descriptions.Item>
            <Descriptions.Item label="欠薪月数">{r.months ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="涉及金额">{amountOrDash(r.amountFen)}</Descriptions.Item>
            <Descriptions.Item label="发生日期">{r.occurredOn}</Descriptions.Item>
            <Descriptions.Item label="基本情况">{r.description}</Descriptions.Item>
            <Descriptions.Item label="上报">
              {r.reportingOrg.name} {r.reporter.name} · {when(r.reportedAt)}
            </Descriptions.Item>
          </Descriptions>
          <ReportAttachments report={r} />
          <div>
            <Typography.Title level={5}>处置过程</Typography.Title>
            <Timeline
              data-testid="report-trail"
              items={r.events.map((e) => ({
                color:
                  e.kind === 'escalated' || e.kind === 'overdue' || e.kind === 'reopened'
                    ? 'red'
                    : e.kind === 'closed' || e.kind === 'followUp'
                      ? 'green'
                      : 'blue',
                children: (
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>
                      {EVENT_KIND_LABELS[e.kind]} · {when(e.at)}
                    </Typography.Text>
                    <span>{e.text}</span>
                    <Typography.Text type="secondary">
                      {e.actor ? `${e.org?.name ?? ''} ${e.actor.name}` : '系统（按时限自动处理）'}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      {step && r && <StepModal report={r} step={step} onClose={() => setStep(null)} />}
    </Drawer>
  );
}
