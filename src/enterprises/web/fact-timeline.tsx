// Every dated fact of an enterprise, newest first, with a filter by kind and a delete for a fact
// recorded by mistake.
import { useState } from 'react';
import { App, Empty, Popconfirm, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../web/api';
import {
  FACT_KIND_LABELS,
  FACT_KINDS,
  type EnterpriseDetail,
  type FactKind,
  type FactView,
} from '../contract';
import { enterpriseKeys, invalidateEnterprises } from './enterprise-api';
import { contractStatus, factDate, factSummary, SOURCE_LABELS } from './enterprise-format';

/** Facts that, without a date, hold since the enterprise's registration. */
const SINCE_REGISTRATION: FactKind[] = ['headcount', 'jointUnion'];

const KIND_COLORS: Record<FactKind, string> = {
  unionFounded: 'red',
  unionDissolved: 'default',
  headcount: 'geekblue',
  jointUnion: 'volcano',
  membership: 'gray',
  termElection: 'purple',
  workersCongress: 'cyan',
  membersCongress: 'cyan',
  collectiveContract: 'blue',
  wageAgreement: 'blue',
  womenContract: 'magenta',
  affairsDisclosure: 'cyan',
  employeeDirector: 'gray',
  employeeSupervisor: 'gray',
  memberEvaluation: 'orange',
  fiveHave: 'green',
  survey: 'volcano',
};

const CONTRACTS: FactKind[] = ['collectiveContract', 'wageAgreement', 'womenContract'];

interface Props {
  enterprise: EnterpriseDetail;
  today: string;
  canWrite: boolean;
}

export function FactTimeline({ enterprise, today, canWrite }: Props) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<FactKind | undefined>();
  const [deleting, setDeleting] = useState<string | null>(null);
  const present = new Set(enterprise.facts.map((f) => f.kind));
  const facts = kind ? enterprise.facts.filter((f) => f.kind === kind) : enterprise.facts;

  const remove = async (fact: FactView) => {
    setDeleting(fact.id);
    try {
      const saved = await api.delete<EnterpriseDetail>(`/api/enterprises/${enterprise.id}/facts/${fact.id}`);
      queryClient.setQueryData(enterpriseKeys.detail(enterprise.id), saved);
      await invalidateEnterprises(queryClient);
      void message.success(`已删除“${FACT_KIND_LABELS[fact.kind]}”记录`);
    } catch (error) {
      modal.error({ title: '未能删除', content: errorMessage(error) });
      await invalidateEnterprises(queryClient);
    } finally {
      setDeleting(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap>
        <Select
          allowClear
          placeholder={`全部事项（${enterprise.facts.length} 条）`}
          value={kind}
          onChange={setKind}
          style={{ width: 240 }}
          options={FACT_KINDS.filter((k) => present.has(k)).map((k) => ({
            value: k,
            label: `${FACT_KIND_LABELS[k]}（${enterprise.facts.filter((f) => f.kind === k).length}）`,
          }))}
        />
      </Space>
      {facts.length === 0 ? (
        <Empty description="还没有登记任何事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          data-testid="fact-timeline"
          items={facts.map((f) => {
            const date = factDate(f);
            const summary = factSummary(f);
            const status = CONTRACTS.includes(f.kind) ? contractStatus(f.validTo, today) : null;
            const future = !!f.eventDate && f.eventDate > today;
            return {
              key: f.id,
              color: KIND_COLORS[f.kind],
              children: (
                <div data-testid="fact-item">
                  <Space wrap size={[8, 2]}>
                    <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {date ?? (SINCE_REGISTRATION.includes(f.kind) ? '成立以来' : '日期不详')}
                    </Typography.Text>
                    <span>{FACT_KIND_LABELS[f.kind]}</span>
                    {status && status.state !== 'none' && (
                      <Tag color={status.color}>{status.state === 'expired' ? '已到期' : status.text}</Tag>
                    )}
                    {future && <Tag>尚未发生</Tag>}
                  </Space>
                  {summary && <div>{summary}</div>}
                  <Space size={12}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {SOURCE_LABELS[f.source] ?? f.source}
                    </Typography.Text>
                    {canWrite && (
                      <Popconfirm
                        title="删除这条记录？"
                        description={
                          <div style={{ maxWidth: 300 }}>
                            只用于删除登记错误的记录。合同续签、换届等新情况请“登记新事项”，原有记录应保留。
                          </div>
                        }
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => void remove(f)}
                      >
                        <Typography.Link type="danger" style={{ fontSize: 12 }} disabled={deleting === f.id}>
                          删除
                        </Typography.Link>
                      </Popconfirm>
                    )}
                  </Space>
                </div>
              ),
            };
          })}
        />
      )}
    </Space>
  );
}
