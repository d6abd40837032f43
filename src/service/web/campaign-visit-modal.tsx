// Recording (or correcting) a delivery of a 送清凉 / 送温暖 campaign: an enterprise of the registry
// or a place outside it, the people reached by group and some by name, the money and goods given.
// Amounts are typed in yuan and sent in fen.
import {
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { showFormError } from '../../web/form-errors';
import { chinaToday } from '../../platform/shared/dates';
import { EnterpriseSearch } from '../../enterprises/web/enterprise-search';
import {
  CAMPAIGN_GROUPS,
  GROUP_LABELS,
  type CampaignGroup,
  type CampaignView,
  type CampaignVisitBody,
  type CampaignVisitView,
} from '../contract';
import { campaignKeys, createCampaignVisit, updateCampaignVisit } from './service-api';

type GroupFields = Record<`g_${CampaignGroup}`, number | null>;
interface DeliveryForm extends GroupFields {
  at: 'enterprise' | 'place';
  enterpriseId?: string;
  place?: string;
  visitedOn: Dayjs;
  leaders?: string;
  workers?: { name: string; group: CampaignGroup; note?: string }[];
  money?: number | null;
  goods?: string;
  goodsValue?: number | null;
  note?: string;
}

const FIELDS = [
  'enterpriseId',
  'place',
  'visitedOn',
  'leaders',
  ...CAMPAIGN_GROUPS.map((g) => `g_${g}`),
  'workers',
  'money',
  'goods',
  'goodsValue',
  'note',
];
const RENAME: Record<string, string> = {
  groups: 'g_frontline',
  moneyFen: 'money',
  goodsValueFen: 'goodsValue',
  ...Object.fromEntries(CAMPAIGN_GROUPS.map((g) => [`groups.${g}`, `g_${g}`])),
};

const fen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

export default function CampaignVisitModal({
  campaign,
  editing,
  onClose,
}: {
  campaign: Pick<CampaignView, 'id' | 'name' | 'startsOn' | 'endsOn'>;
  editing?: CampaignVisitView;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeliveryForm>();
  const at = Form.useWatch('at', form) ?? (editing && !editing.enterprise ? 'place' : 'enterprise');
  const today = chinaToday();
  const save = useMutation({
    mutationFn: (v: DeliveryForm) => {
      const body: CampaignVisitBody = {
        enterpriseId: v.at === 'enterprise' ? (v.enterpriseId ?? null) : null,
        place: v.at === 'place' ? (v.place ?? null) : null,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        leaders: v.leaders ?? null,
        groups: Object.fromEntries(CAMPAIGN_GROUPS.map((g) => [g, v[`g_${g}`] ?? 0])),
        workers: (v.workers ?? []).map((w) => ({ name: w.name, group: w.group, note: w.note ?? null })),
        moneyFen: fen(v.money),
        goods: v.goods ?? null,
        goodsValueFen: fen(v.goodsValue),
        note: v.note ?? null,
      };
      return editing
        ? updateCampaignVisit(editing.id, { ...body, version: editing.version })
        : createCampaignVisit(campaign.id, body);
    },
    onSuccess: async () => {
      void message.success(editing ? '慰问记录已更正' : '慰问记录已登记');
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      onClose();
    },
    onError: (error) => showFormError(form, error, message, FIELDS, RENAME),
  });
  const initial: Partial<DeliveryForm> = editing
    ? {
        at: editing.enterprise ? 'enterprise' : 'place',
        enterpriseId: editing.enterprise?.id,
        place: editing.place ?? undefined,
        visitedOn: dayjs(editing.visitedOn),
        leaders: editing.leaders ?? undefined,
        ...(Object.fromEntries(
          CAMPAIGN_GROUPS.map((g) => [`g_${g}`, editing.groups[g] || null]),
        ) as GroupFields),
        workers: editing.workers.map((w) => ({ ...w, note: w.note ?? undefined })),
        money: editing.moneyFen / 100 || null,
        goods: editing.goods ?? undefined,
        goodsValue: editing.goodsValueFen / 100 || null,
        note: editing.note ?? undefined,
      }
    : {
        at: 'enterprise',
        visitedOn: dayjs(today > campaign.endsOn ? campaign.endsOn : today),
      };
  return (
    <Modal
      open
      title={`${editing ? '更正' : '登记'}慰问记录 · ${campaign.name}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={720}
    >
      <Form<DeliveryForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        data-testid="delivery-form"
      >
        <Form.Item name="at" label="慰问对象">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'enterprise', label: '登记在册的企业' },
              { value: 'place', label: '其他地点（工地、环卫站等）' },
            ]}
          />
        </Form.Item>
        {at === 'enterprise' ? (
          <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterpriseSearch initial={editing?.enterprise} testId="delivery-enterprise" />
          </Form.Item>
        ) : (
          <Form.Item name="place" label="慰问地点" rules={[{ required: true, message: '请填写慰问地点' }]}>
            <Input maxLength={100} placeholder="如：城东环卫作业站" data-testid="delivery-place" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="visitedOn"
              label="慰问日期"
              rules={[{ required: true, message: '请选择慰问日期' }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                inputReadOnly
                disabledDate={(d) =>
                  d.isBefore(dayjs(campaign.startsOn), 'day') || d.isAfter(dayjs(campaign.endsOn), 'day')
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="leaders" label="带队领导">
              <Input maxLength={100} placeholder="如：区总工会副主席 王某" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>慰问职工（人）</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {CAMPAIGN_GROUPS.map((g) => (
            <Col xs={12} sm={8} key={g}>
              <Form.Item name={`g_${g}`} label={GROUP_LABELS[g]}>
                <InputNumber
                  min={0}
                  max={100000}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid={`delivery-${g}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.List name="workers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, message: '请填写姓名' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input placeholder="姓名" maxLength={20} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'group']}
                    rules={[{ required: true, message: '请选择类别' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Select
                      placeholder="类别"
                      style={{ width: 120 }}
                      options={CAMPAIGN_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} style={{ marginBottom: 8 }}>
                    <Input placeholder="情况（如因病致困）" maxLength={100} style={{ width: 180 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除" />
                </Space>
              ))}
              <Form.Item name="workers" help="困难职工、劳动模范等可按姓名登记，并计入上面对应类别的人数">
                <Button icon={<PlusOutlined />} onClick={() => add({ group: 'hardship' })}>
                  按姓名登记职工
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="money" label="慰问金（元）">
              <InputNumber
                min={0}
                max={1e9}
                precision={2}
                style={{ width: '100%' }}
                data-testid="delivery-money"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="goods" label="慰问物资">
              <Input maxLength={200} placeholder="如：防暑降温用品 50 份" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="goodsValue" label="物资折款（元）">
              <InputNumber min={0} max={1e9} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
