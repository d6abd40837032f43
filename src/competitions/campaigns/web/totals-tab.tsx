// Totals and rankings (汇总排名) of one indicator, for one period or cumulatively: per district,
// per participating unit, participants ranked, and each period; as xlsx too.
import { useState } from 'react';
import { Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ExportButton } from '../../../web/components/export-button';
import { ErrorResult } from '../../../web/components/page-state';
import { PARTICIPANT_KIND_LABELS, type CampaignDetail, type TotalsView } from '../contract';
import { campaignKeys, fetchTotals, totalsExportPath } from './campaigns-api';

type Row = TotalsView['byUnit'][number];

function RankTable({
  title,
  rows,
  unit,
  first,
}: {
  title: string;
  rows: Row[];
  unit: string;
  first: string;
}) {
  return (
    <>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Table<Row>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无已核实的数据' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 64 },
          { title: first, dataIndex: 'name' },
          { title: `数值（${unit}）`, dataIndex: 'total', align: 'right' },
          { title: '数据（条）', dataIndex: 'values', align: 'right', width: 100 },
        ]}
      />
    </>
  );
}

export function TotalsTab({ campaign }: { campaign: CampaignDetail }) {
  const [indicatorId, setIndicator] = useState(campaign.indicators[0]!.id);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const params = { indicatorId, period };
  const totals = useQuery({
    queryKey: campaignKeys.totals(campaign.id, params),
    queryFn: () => fetchTotals(campaign.id, params),
  });
  const view = totals.data;
  const unit = view?.indicator.unit ?? '';
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={indicatorId}
          onChange={setIndicator}
          options={campaign.indicators.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))}
          style={{ minWidth: 180 }}
          data-testid="totals-indicator"
        />
        <Select
          allowClear
          placeholder="累计"
          value={period}
          onChange={(v?: string) => setPeriod(v)}
          options={campaign.periods.map((p) => ({ value: p.period, label: p.label }))}
          style={{ minWidth: 140 }}
        />
        <ExportButton path={totalsExportPath} query={{ campaignId: campaign.id, indicatorId, period }} />
      </Space>
      {totals.isError && <ErrorResult error={totals.error} onRetry={() => void totals.refetch()} />}
      {view && (
        <>
          <Typography.Paragraph type="secondary">
            只计入主办单位已核实的数据。
            {view.indicator.rollup === 'none' &&
              '该指标为比率（不累加），按参赛对象的数值排名；累计时取其最近一期已核实的数值。'}
          </Typography.Paragraph>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Statistic
                title={`${view.indicator.name}·${view.periodLabel}`}
                value={view.overall ?? '—'}
                suffix={view.overall === null ? undefined : unit}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已核实数据" value={view.values} suffix="条" />
            </Col>
          </Row>
          {view.indicator.rollup === 'sum' && (
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <RankTable title="按区（县级市）" rows={view.byDistrict} unit={unit} first="区（县级市）" />
              </Col>
              <Col xs={24} lg={12}>
                <RankTable title="按参赛单位" rows={view.byUnit} unit={unit} first="参赛单位" />
              </Col>
            </Row>
          )}
          <Typography.Title level={5}>参赛对象排名</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={view.participants}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 560 }}
            locale={{ emptyText: '暂无已核实的数据' }}
            columns={[
              { title: '名次', dataIndex: 'rank', width: 64 },
              { title: '参赛对象', dataIndex: 'name' },
              { title: '类别', key: 'kind', render: (_, p) => PARTICIPANT_KIND_LABELS[p.kind] },
              { title: '参赛单位', key: 'org', render: (_, p) => p.org.name },
              { title: `数值（${unit}）`, dataIndex: 'total', align: 'right' },
            ]}
            data-testid="totals-participants"
          />
          {view.indicator.rollup === 'sum' && (
            <>
              <Typography.Title level={5}>各期合计</Typography.Title>
              <Table
                size="small"
                rowKey="period"
                dataSource={view.byPeriod}
                pagination={false}
                columns={[
                  { title: '填报期', dataIndex: 'label' },
                  { title: `合计（${unit}）`, dataIndex: 'total', align: 'right' },
                  { title: '数据（条）', dataIndex: 'values', align: 'right' },
                ]}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
