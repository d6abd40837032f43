// The enterprise's union and its institutions as of today, derived from its dated facts: founded,
// members, term and election, congresses, the three contracts, disclosure, and the five haves.
import type { ReactNode } from 'react';
import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { FIVE_HAVE_ITEMS, FIVE_HAVE_LABELS, type EnterpriseDetail } from '../contract';
import { contractStatus, evaluationOf, fiveHaves, latestFact, percent, termEnds } from './enterprise-format';

const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

export function ContractTag({
  validTo,
  today,
  short,
}: {
  validTo: string | null;
  today: string;
  short?: boolean;
}) {
  const s = contractStatus(validTo, today);
  if (s.state === 'none') return <Tag>无</Tag>;
  return (
    <Tag color={s.color} title={s.text} style={{ marginInlineEnd: 0 }}>
      {short ? s.short : s.text}
    </Tag>
  );
}

function since(date: string | null, none: string): ReactNode {
  return date ? `${date} 建立` : <Tag>{none}</Tag>;
}

interface Props {
  enterprise: EnterpriseDetail;
  today: string;
  /** Opens the "登记新事项" form at a kind; absent without enterprise:write. */
  onRecordFounding?: () => void;
}

export function UnionSummary({ enterprise: e, today, onRecordFounding }: Props) {
  if (!e.hasUnion) {
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="union-summary">
        <Space>
          <Tag color="volcano">未建会</Tag>
          {muted('该企业尚未建立工会，也未纳入联合工会。')}
        </Space>
        {onRecordFounding && (
          <Button type="primary" ghost onClick={onRecordFounding}>
            登记建会
          </Button>
        )}
      </Space>
    );
  }

  const ends = termEnds(e);
  const director = latestFact(e.facts, 'employeeDirector', today);
  const supervisor = latestFact(e.facts, 'employeeSupervisor', today);
  const evaluation = latestFact(e.facts, 'memberEvaluation', today);
  const evaluated = evaluation ? evaluationOf(evaluation) : null;
  const haves = fiveHaves(e.facts);
  const membershipRate = percent(e.members, e.employees);

  return (
    <Descriptions
      data-testid="union-summary"
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'union',
          label: '工会',
          children: (
            <Space wrap>
              <Tag color="green">已建会</Tag>
              {e.unionFoundedOn && <span>{e.unionFoundedOn} 建会</span>}
              {e.jointUnion && <span>纳入联合工会：{e.jointUnion.name}</span>}
              {e.unionUscc && (
                <Typography.Text type="secondary" copyable={{ text: e.unionUscc }}>
                  工会信用代码 {e.unionUscc}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          key: 'members',
          label: '会员',
          children:
            e.members === null ? (
              muted('未登记')
            ) : (
              <span>
                {e.members} 人{membershipRate && `（入会率 ${membershipRate}）`}
                {e.employees !== null && e.members > e.employees && (
                  <Tag color="orange" style={{ marginLeft: 8 }}>
                    超过职工人数
                  </Tag>
                )}
              </span>
            ),
        },
        {
          key: 'election',
          label: '换届',
          children: (
            <Space wrap>
              <span>
                {e.lastElectionOn ? `${e.lastElectionOn} 换届` : '建会后未登记换届'}
                {e.termYears ? `，任期 ${e.termYears} 年` : ''}
                {ends ? `，${ends} 届满` : ''}
              </span>
              {!e.termYears && muted('（未登记任期，无法判断是否逾期）')}
              {e.electionOverdue && <Tag color="red">换届逾期</Tag>}
            </Space>
          ),
        },
        {
          key: 'workersCongress',
          label: (e.employees ?? 0) < 100 ? '职代会（职工大会）' : '职代会',
          children: since(e.workersCongressOn, '未建立'),
        },
        { key: 'membersCongress', label: '会员代表大会', children: since(e.membersCongressOn, '未建立') },
        {
          key: 'collectiveContract',
          label: '集体合同',
          children: <ContractTag validTo={e.collectiveContractTo} today={today} />,
        },
        {
          key: 'wageAgreement',
          label: '工资专项集体协议',
          children: <ContractTag validTo={e.wageAgreementTo} today={today} />,
        },
        {
          key: 'womenContract',
          label: '女职工专项集体合同',
          children: <ContractTag validTo={e.womenContractTo} today={today} />,
        },
        {
          key: 'affairsDisclosure',
          label: '厂务公开',
          children: e.affairsDisclosureOn ? `${e.affairsDisclosureOn} 起实行` : <Tag>未实行</Tag>,
        },
        {
          key: 'directors',
          label: '职工董事 / 监事',
          children:
            director || supervisor
              ? `职工董事 ${director?.value ?? '—'} 人，职工监事 ${supervisor?.value ?? '—'} 人`
              : muted('未登记'),
        },
        {
          key: 'evaluation',
          label: '会员评家',
          children: evaluated
            ? `${evaluation?.value ?? ''} 年度满意率 ${evaluated.rate ?? '—'}（满意 ${evaluated.satisfied}，基本满意 ${evaluated.basic}，不满意 ${evaluated.unsatisfied}）`
            : muted('未登记'),
        },
        {
          key: 'fiveHave',
          label: `五有（${haves.size}/5）`,
          children: (
            <Space wrap size={[16, 4]} data-testid="five-haves">
              {FIVE_HAVE_ITEMS.map((item) => {
                const has = haves.has(item);
                const date = haves.get(item);
                return (
                  <span key={item} title={has ? (date ? `${date} 建成` : '已登记，日期不详') : '未登记'}>
                    {has ? (
                      <CheckCircleFilled style={{ color: '#52c41a' }} />
                    ) : (
                      <CloseCircleOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
                    )}{' '}
                    <Typography.Text type={has ? undefined : 'secondary'}>
                      {FIVE_HAVE_LABELS[item]}
                    </Typography.Text>
                  </span>
                );
              })}
            </Space>
          ),
        },
      ]}
    />
  );
}
