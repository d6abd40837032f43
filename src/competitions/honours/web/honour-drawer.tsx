// One honour opened from the register or a notification: what and for whom, where the nomination
// stands (returned with why, the publicity period, objections and how they were resolved), its
// trail, and the steps the reader may take now.
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, List, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import {
  GENDER_LABELS,
  HONOUR_LEVEL_LABELS,
  HONOUR_STATE_LABELS,
  RECIPIENT_KIND_LABELS,
  type HonourAction,
  type HonourDetail,
} from '../contract';
import { fetchHonour, honourKeys } from './honours-api';
import { HonourForm } from './honour-form';
import { HonourStepModal, type Step } from './honour-step-modal';
import { StateTag } from './honour-format';

const ACTION_BUTTONS: Record<Exclude<HonourAction, 'resolve'>, string> = {
  edit: '修改推荐',
  review: '审核',
  publicise: '开始公示',
  object: '登记异议',
  confer: '授予',
  revoke: '撤销',
};

function Recipient({ h }: { h: HonourDetail }) {
  const firm = h.enterprise ? <Link to={`/enterprises/${h.enterprise.id}`}>{h.enterprise.name}</Link> : null;
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="荣誉">
        {h.year}年 {h.title}
      </Descriptions.Item>
      <Descriptions.Item label="级别">{HONOUR_LEVEL_LABELS[h.level]}</Descriptions.Item>
      <Descriptions.Item label="授予机关">{h.awardingBody}</Descriptions.Item>
      <Descriptions.Item label={RECIPIENT_KIND_LABELS[h.recipientKind]}>
        <Space wrap>
          <span data-testid="honour-recipient">
            {h.recipientKind === 'enterprise' && firm ? firm : h.recipientName}
          </span>
          {h.gender && <span>{GENDER_LABELS[h.gender]}</span>}
          {h.jobTitle && <span>{h.jobTitle}</span>}
        </Space>
      </Descriptions.Item>
      {h.recipientKind !== 'enterprise' && (h.unitName || firm) && (
        <Descriptions.Item label="所在单位">{firm ?? h.unitName}</Descriptions.Item>
      )}
      <Descriptions.Item label="推荐单位">
        {h.nominatingOrg?.name ?? h.nominatingUnitName ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label="所属单位">
        {h.orgName === h.district ? h.orgName : `${h.orgName}（${h.district}）`}
      </Descriptions.Item>
      {h.note && <Descriptions.Item label="事迹或备注">{h.note}</Descriptions.Item>}
    </Descriptions>
  );
}

/** Which step is offered first, when several are open. */
const FIRST: Exclude<HonourAction, 'resolve'>[] = [
  'review',
  'confer',
  'publicise',
  'object',
  'edit',
  'revoke',
];

export function HonourDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const honour = useQuery({ queryKey: honourKeys.one(id), queryFn: () => fetchHonour(id) });
  const [step, setStep] = useState<{ step: Step; objectionId?: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const h = honour.data;
  const buttons = (h?.actions ?? []).filter((a): a is Exclude<HonourAction, 'resolve'> => a !== 'resolve');
  return (
    <Drawer
      open
      onClose={onClose}
      title="荣誉"
      width={Math.min(600, window.innerWidth)}
      data-testid="honour-drawer"
    >
      {honour.isError && !h ? (
        <ErrorResult error={honour.error} onRetry={() => void honour.refetch()} />
      ) : !h ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <StateTag state={h.state} />
            {h.imported && <Tag>历史名单导入</Tag>}
          </Space>
          {h.state === 'returned' && h.returnReason && (
            <Alert type="warning" showIcon message={`已退回：${h.returnReason}`} />
          )}
          {h.state === 'revoked' && h.revokeReason && (
            <Alert type="error" showIcon message={`已撤销：${h.revokeReason}`} />
          )}
          {h.state === 'publicising' && (
            <Alert
              type={h.conferBlockedBy ? 'info' : 'success'}
              showIcon
              message={`公示期 ${h.publicityStartsOn} 至 ${h.publicityEndsOn}（${h.publicityDays} 天）`}
              description={h.conferBlockedBy ?? '公示期满，异议均已处理，可以授予'}
            />
          )}
          {buttons.length > 0 && (
            <Space wrap data-testid="honour-actions">
              {buttons.map((a) => (
                <Button
                  key={a}
                  type={a === FIRST.find((f) => buttons.includes(f)) ? 'primary' : 'default'}
                  danger={a === 'revoke'}
                  onClick={() => (a === 'edit' ? setEditing(true) : setStep({ step: a }))}
                >
                  {ACTION_BUTTONS[a]}
                </Button>
              ))}
            </Space>
          )}
          <Recipient h={h} />
          {h.state === 'conferred' && h.conferredOn && (
            <Typography.Text>授予日期：{h.conferredOn}</Typography.Text>
          )}
          {h.objections.length > 0 && (
            <div>
              <Typography.Title level={5}>公示期间的异议</Typography.Title>
              <List
                size="small"
                bordered
                dataSource={h.objections}
                renderItem={(o) => (
                  <List.Item
                    actions={
                      !o.resolvedOn && h.actions.includes('resolve')
                        ? [
                            <a key="resolve" onClick={() => setStep({ step: 'resolve', objectionId: o.id })}>
                              登记处理结果
                            </a>,
                          ]
                        : []
                    }
                  >
                    <Space direction="vertical" size={0}>
                      <span>
                        {o.receivedOn} 收到：{o.content}
                      </span>
                      {o.resolvedOn ? (
                        <Typography.Text type="success">
                          {o.resolvedOn} 处理：{o.resolution}
                        </Typography.Text>
                      ) : (
                        <Typography.Text type="warning">尚未处理</Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </div>
          )}
          <div>
            <Typography.Title level={5}>流程记录</Typography.Title>
            <Timeline
              items={h.events.map((e) => ({
                children: (
                  <Space direction="vertical" size={0}>
                    <span>{e.text}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(e.at).format('YYYY-MM-DD HH:mm')} {e.org?.name ?? ''} {e.actor?.name ?? ''}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            状态：{HONOUR_STATE_LABELS[h.state]}
          </Typography.Text>
        </Space>
      )}
      {h && step && (
        <HonourStepModal
          honour={h}
          step={step.step}
          objectionId={step.objectionId}
          onClose={() => setStep(null)}
        />
      )}
      {h && editing && <HonourForm honour={h} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}
