// One labour competition (`/competitions/campaigns/:id`) in tabs: its particulars (基本信息), the
// participating units and participants, the indicators, reporting and checking of values (the
// reporting form made for a phone), totals and rankings with the xlsx, commendation, and the
// bulletin items linked as sources of figures. What the user may change follows `manages` (the
// organiser) and each participant's `reportable`; the server checks everything again.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../web/api';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import {
  CAMPAIGN_KIND_LABELS,
  CAMPAIGN_LEVEL_LABELS,
  CAMPAIGN_STATE_LABELS,
  CYCLE_LABELS,
  type CampaignDetail,
} from '../contract';
import { campaignKeys, fetchCampaign, updateCampaign } from './campaigns-api';
import { EditCampaignModal, UnitsTab, IndicatorsTab, CommendationsTab } from './campaign-parts';
import { ValuesTab } from './values-tab';
import { TotalsTab } from './totals-tab';
import { SourcesTab } from './sources-tab';

function InfoTab({ campaign }: { campaign: CampaignDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const close = useMutation({
    mutationFn: () =>
      updateCampaign(campaign.id, {
        version: campaign.version,
        state: campaign.state === 'active' ? 'closed' : 'active',
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(campaignKeys.one(campaign.id), updated);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void message.success(updated.state === 'closed' ? '竞赛已结束' : '竞赛已重新开启');
    },
    onError: (error) => {
      void message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: campaignKeys.one(campaign.id) });
    },
  });
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="竞赛名称">{campaign.name}</Descriptions.Item>
        <Descriptions.Item label="类别">{CAMPAIGN_KIND_LABELS[campaign.kind]}</Descriptions.Item>
        <Descriptions.Item label="主办单位">{campaign.owner.name}</Descriptions.Item>
        <Descriptions.Item label="合作主办单位">{campaign.partners.join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="级别">{CAMPAIGN_LEVEL_LABELS[campaign.level]}</Descriptions.Item>
        <Descriptions.Item label="竞赛期间">
          {campaign.startsOn} 至 {campaign.endsOn}
        </Descriptions.Item>
        <Descriptions.Item label="填报周期">{CYCLE_LABELS[campaign.cycle]}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={campaign.state === 'active' ? 'green' : 'default'}>
            {CAMPAIGN_STATE_LABELS[campaign.state]}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="竞赛说明" span={2}>
          {campaign.description ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      {campaign.manages && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button onClick={() => setEditing(true)} data-testid="campaign-edit">
            修改
          </Button>
          <Popconfirm
            title={
              campaign.state === 'active'
                ? '结束竞赛后不能再填报和核实数据，确定结束吗？'
                : '确定重新开启竞赛吗？'
            }
            okText="确定"
            cancelText="取消"
            onConfirm={() => close.mutate()}
          >
            <Button danger={campaign.state === 'active'} loading={close.isPending}>
              {campaign.state === 'active' ? '结束竞赛' : '重新开启'}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {editing && <EditCampaignModal campaign={campaign} onClose={() => setEditing(false)} />}
    </>
  );
}

const TABS = ['info', 'units', 'indicators', 'values', 'totals', 'commendations', 'sources'] as const;

export default function CampaignPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'info';
  const query = useQuery({ queryKey: campaignKeys.one(id), queryFn: () => fetchCampaign(id) });
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const campaign = query.data;
  return (
    <Card
      title={
        <Space wrap size={4}>
          <Link to="/competitions/campaigns">劳动竞赛</Link>
          <span>/</span>
          <Typography.Text strong>{campaign.name}</Typography.Text>
        </Space>
      }
      styles={{ body: { paddingTop: 0 } }}
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams();
          if (key !== 'info') next.set('tab', key);
          setParams(next);
        }}
        items={[
          { key: 'info', label: '基本信息', children: <InfoTab campaign={campaign} /> },
          { key: 'units', label: '参赛单位与对象', children: <UnitsTab campaign={campaign} /> },
          { key: 'indicators', label: '指标', children: <IndicatorsTab campaign={campaign} /> },
          {
            key: 'values',
            label: '填报与核实',
            children: campaign.indicators.length ? (
              <ValuesTab campaign={campaign} />
            ) : (
              <Empty description="尚未设置指标" />
            ),
          },
          {
            key: 'totals',
            label: '汇总排名',
            children: campaign.indicators.length ? (
              <TotalsTab campaign={campaign} />
            ) : (
              <Empty description="尚未设置指标" />
            ),
          },
          { key: 'commendations', label: '表彰', children: <CommendationsTab campaign={campaign} /> },
          { key: 'sources', label: '工作动态来源', children: <SourcesTab campaign={campaign} /> },
        ]}
      />
    </Card>
  );
}
