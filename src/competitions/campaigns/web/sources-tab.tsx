// Figures from the bulletin (工作动态来源): the adopted items linked to the competition with the
// figures found in their text, each offered as a value of the indicator whose unit fits; the
// organiser accepts one for a participant and period (it keeps the item as its source), and finds
// and links further adopted items.
import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { zodRule } from '../../../web/zod-rule';
import { chinaToday } from '../../../platform/shared/dates';
import { DecimalText, type CampaignDetail, type SourceView } from '../contract';
import { acceptFigure, campaignKeys, fetchSources, linkSource, searchSources } from './campaigns-api';

type Figure = SourceView['figures'][number];

interface AcceptForm {
  indicatorId?: string;
  participantId?: string;
  period?: string;
  value?: string;
}

function AcceptModal({
  campaign,
  item,
  figure,
  onClose,
}: {
  campaign: CampaignDetail;
  item: SourceView;
  figure: Figure;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AcceptForm>();
  const today = chinaToday();
  const begun = campaign.periods.filter((p) => p.startsOn <= today);
  const save = useMutation({
    mutationFn: (v: AcceptForm) =>
      acceptFigure(campaign.id, item.itemId, figure.position, {
        indicatorId: v.indicatorId ?? '',
        participantId: v.participantId ?? '',
        period: v.period ?? '',
        value: v.value?.trim() || null,
      }),
    onSuccess: async () => {
      void message.success(`已采用“${figure.raw}”，计入汇总`);
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      onClose();
    },
    onError: (error) =>
      showFormError(form, error, message, ['indicatorId', 'participantId', 'period', 'value']),
  });
  return (
    <Modal
      open
      title={`采用数字“${figure.raw}”`}
      okText="采用"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph type="secondary">
        来源：{item.title}。采用后即为已核实的数据，并保留与该信息的关联。
      </Typography.Paragraph>
      <Form<AcceptForm>
        form={form}
        layout="vertical"
        initialValues={{
          indicatorId: figure.suggestion?.indicatorId,
          value: figure.suggestion?.value,
          period: begun.at(-1)?.period,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="indicatorId" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
          <Select
            options={campaign.indicators.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="participantId"
          label="参赛对象"
          rules={[{ required: true, message: '请选择参赛对象' }]}
        >
          <Select
            options={campaign.participantList.map((p) => ({
              value: p.id,
              label: `${p.name}（${p.org.name}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="period" label="填报期" rules={[{ required: true, message: '请选择填报期' }]}>
          <Select options={begun.map((p) => ({ value: p.period, label: p.label }))} />
        </Form.Item>
        <Form.Item name="value" label="数值（按指标的计量单位）" rules={[zodRule(DecimalText)]}>
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LinkModal({ campaign, onClose }: { campaign: CampaignDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: campaignKeys.search(campaign.id, q),
    queryFn: () => searchSources(campaign.id, q),
  });
  const link = useMutation({
    mutationFn: (itemId: string) => linkSource(campaign.id, itemId),
    onSuccess: (list) => {
      queryClient.setQueryData(campaignKeys.sources(campaign.id), list);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void message.success('已关联');
      onClose();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Modal open title="关联已录用的工作动态信息" footer={null} onCancel={onClose} width={640}>
      <Input.Search
        allowClear
        placeholder="标题或正文中的文字，如：招商引资"
        onSearch={(v) => setQ(v.trim())}
        style={{ marginBottom: 12 }}
      />
      <List
        loading={found.isFetching}
        dataSource={found.data?.items ?? []}
        locale={{ emptyText: '没有可关联的已录用信息' }}
        renderItem={(item) => (
          <List.Item
            actions={[
              <Button
                key="link"
                size="small"
                type="primary"
                loading={link.isPending}
                onClick={() => link.mutate(item.itemId)}
              >
                关联
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={item.title}
              description={`${item.org.name} · ${item.adoptedOn ?? ''} · 数字：${item.figures.map((f) => f.raw).join('、') || '无'}`}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}

export function SourcesTab({ campaign }: { campaign: CampaignDetail }) {
  const [linking, setLinking] = useState(false);
  const [accepting, setAccepting] = useState<{ item: SourceView; figure: Figure } | null>(null);
  const sources = useQuery({
    queryKey: campaignKeys.sources(campaign.id),
    queryFn: () => fetchSources(campaign.id),
  });
  const items = sources.data?.items ?? [];
  return (
    <>
      {campaign.manages && (
        <Button style={{ marginBottom: 12 }} onClick={() => setLinking(true)} data-testid="source-link">
          关联工作动态信息
        </Button>
      )}
      {!sources.isPending && !items.length && <Empty description="尚未关联工作动态信息" />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((item) => (
          <Card
            key={item.itemId}
            size="small"
            title={<Link to={`/bulletin/submissions/${item.itemId}`}>{item.title}</Link>}
            extra={`${item.org.name} ${item.adoptedOn ?? ''}`}
          >
            <List
              size="small"
              dataSource={item.figures}
              locale={{ emptyText: '文中没有识别出数字' }}
              renderItem={(f) => (
                <List.Item
                  actions={
                    f.acceptedValueId
                      ? [
                          <Tag key="done" color="green">
                            已采用
                          </Tag>,
                        ]
                      : campaign.manages && campaign.state === 'active'
                        ? [
                            <a
                              key="accept"
                              onClick={() => setAccepting({ item, figure: f })}
                              data-testid="figure-accept"
                            >
                              采用
                            </a>,
                          ]
                        : []
                  }
                >
                  <Space wrap>
                    <Typography.Text strong>{f.raw}</Typography.Text>
                    {f.approximate && <Tag>约数</Tag>}
                    {f.suggestion ? (
                      <Typography.Text type="secondary">
                        可作为“{f.suggestion.indicatorName}”：{f.suggestion.value}
                        {f.acceptedTotal !== null &&
                          (f.acceptedTotal === f.suggestion.value
                            ? `（与已核实的累计 ${f.acceptedTotal} 一致）`
                            : `（已核实的累计为 ${f.acceptedTotal}）`)}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">没有计量单位相符的指标</Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Space>
      {linking && <LinkModal campaign={campaign} onClose={() => setLinking(false)} />}
      {accepting && (
        <AcceptModal
          campaign={campaign}
          item={accepting.item}
          figure={accepting.figure}
          onClose={() => setAccepting(null)}
        />
      )}
    </>
  );
}
