// Logging a visit (`/service/visits/new?enterpriseId=…&programmeId=…`), made for a phone: what
// was served by the four aspects, 引推扶, who was met and what was done, the needs raised, and
// what the cadre saw that belongs in the registry (the five haves, a founding, an election, a
// congress), saved together.
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { CheckboxGroup } from '../../web/components/checkbox-group';
import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../web/api';
import { MAX_IMAGE_BYTES } from '../../platform/shared/pictures-contract';
import { chinaToday } from '../../platform/shared/dates';
import { showFormError } from '../../web/form-errors';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import {
  FIVE_HAVE_ITEMS,
  FIVE_HAVE_LABELS,
  FACT_KIND_LABELS,
  type EnterpriseDetail,
} from '../../enterprises/contract';
import {
  APPROACHES,
  APPROACH_LABELS,
  ASPECT_LABELS,
  NEED_KINDS,
  NEED_KIND_LABELS,
  SERVICE_ASPECTS,
  SERVICE_ITEMS,
  SERVICE_ITEM_LABELS,
  aspectOf,
  type Approach,
  type NeedKind,
  type ServiceAspect,
  type ServiceItem,
  type VisitBody,
  MAX_VISIT_IMAGES,
} from '../contract';
import { createVisit, serviceKeys, uploadVisitImage } from './service-api';

const OTHER_FACTS = ['unionFounded', 'termElection', 'workersCongress', 'membersCongress'] as const;
type OtherFact = (typeof OTHER_FACTS)[number];
const VALUE_LABELS: Partial<Record<OtherFact, string>> = {
  unionFounded: '会员人数',
  termElection: '任期（年）',
};

interface VisitForm {
  visitedOn: Dayjs;
  items: ServiceItem[];
  approaches?: Approach[];
  met?: string;
  content?: string;
  fiveHaves?: string[];
  facts?: { kind: OtherFact; eventDate?: Dayjs; value?: number | null }[];
  needs?: { kind: NeedKind; description?: string; dueOn?: Dayjs | null }[];
}

const FIELDS = ['visitedOn', 'items', 'content', 'met', 'approaches'];

/** The four aspects, each a card of its items to tick; the value is every ticked item. */
function AspectChecklist({
  value = [],
  onChange,
  id,
}: {
  value?: ServiceItem[];
  onChange?: (items: ServiceItem[]) => void;
  id?: string;
}) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8} id={id}>
      {SERVICE_ASPECTS.map((aspect: ServiceAspect) => (
        <Card key={aspect} size="small" title={ASPECT_LABELS[aspect]} data-testid={`aspect-${aspect}`}>
          <CheckboxGroup<ServiceItem>
            value={value.filter((i) => aspectOf(i) === aspect)}
            onChange={(ticked) => onChange?.([...value.filter((i) => aspectOf(i) !== aspect), ...ticked])}
            options={SERVICE_ITEMS.filter((i) => aspectOf(i) === aspect).map((i) => ({
              value: i,
              label: SERVICE_ITEM_LABELS[i],
            }))}
          />
        </Card>
      ))}
    </Space>
  );
}

export default function VisitFormPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const enterpriseId = params.get('enterpriseId') ?? '';
  const programmeId = params.get('programmeId') || null;
  const [form] = Form.useForm<VisitForm>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const enterprise = useQuery({
    queryKey: ['enterprises', 'detail', enterpriseId],
    queryFn: () => api.get<EnterpriseDetail>(`/api/enterprises/${enterpriseId}`),
    enabled: Boolean(enterpriseId),
  });
  const save = useMutation({
    mutationFn: (values: VisitForm) => {
      const day = values.visitedOn.format('YYYY-MM-DD');
      const body: VisitBody = {
        enterpriseId,
        programmeId,
        visitedOn: day,
        items: values.items,
        approaches: values.approaches ?? [],
        met: values.met ?? null,
        content: values.content ?? '',
        needs: (values.needs ?? []).map((n) => ({
          kind: n.kind,
          description: n.description ?? '',
          dueOn: n.dueOn ? n.dueOn.format('YYYY-MM-DD') : null,
        })),
        facts: [
          ...(values.facts ?? []).map((f) => ({
            kind: f.kind,
            eventDate: f.eventDate ? f.eventDate.format('YYYY-MM-DD') : day,
            value: f.value ?? null,
          })),
          ...(values.fiveHaves ?? []).map((item) => ({
            kind: 'fiveHave' as const,
            eventDate: day,
            data: { item },
          })),
        ],
      };
      return createVisit(body);
    },
    onSuccess: async (visit) => {
      // The pictures go once the visit is saved; one that fails is named, the visit stays.
      const failed: string[] = [];
      for (const photo of photos) {
        if (!photo.originFileObj) continue;
        try {
          await uploadVisitImage(visit.id, photo.originFileObj);
        } catch (error) {
          failed.push(`${photo.name}（${errorMessage(error)}）`);
        }
      }
      const saved = photos.length - failed.length;
      void message.success(
        `走访已登记${visit.needIds.length ? `，登记需求 ${visit.needIds.length} 项` : ''}${
          visit.facts.length ? `，企业名单已更新 ${visit.facts.length} 项` : ''
        }${saved ? `，照片 ${saved} 张` : ''}`,
      );
      if (failed.length)
        void message.warning(`以下照片未能上传，可在走访记录中补传：${failed.join('；')}`, 8);
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      void navigate('/service/my');
    },
    onError: (error) => {
      showFormError(
        form,
        error,
        message,
        FIELDS,
        Object.fromEntries(SERVICE_ITEMS.map((_, i) => [`items.${i}`, 'items'])),
      );
    },
  });

  if (!enterpriseId) return <ErrorResult error={new Error('请从“我的企业”选择要走访的企业')} />;
  if (enterprise.isError)
    return <ErrorResult error={enterprise.error} onRetry={() => void enterprise.refetch()} />;
  if (!enterprise.data) return <PageLoading />;
  const e = enterprise.data;

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        登记走访
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {e.name} · {e.org.name}
        {e.hasUnion ? '' : ' · 未建会'}
      </Typography.Paragraph>
      <Form<VisitForm>
        form={form}
        layout="vertical"
        initialValues={{ visitedOn: dayjs(chinaToday()), approaches: [], items: [] }}
        onFinish={(values) => save.mutate(values)}
        onFinishFailed={() => void message.error('请按提示修改标红的内容')}
        data-testid="visit-form"
      >
        <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择走访日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
            data-testid="visit-date"
          />
        </Form.Item>
        <Form.Item
          label="服务内容（四个方面，可多选）"
          name="items"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项服务内容' }]}
        >
          <AspectChecklist />
        </Form.Item>
        <Form.Item name="approaches" label="引、推、扶（本单位采用时填写）">
          <CheckboxGroup options={APPROACHES.map((a) => ({ value: a, label: APPROACH_LABELS[a] }))} />
        </Form.Item>
        <Form.Item name="met" label="接待人员">
          <Input maxLength={100} placeholder="如：工会主席 张三" />
        </Form.Item>
        <Form.Item name="content" label="服务情况" rules={[{ required: true, message: '请填写服务情况' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="visit-content" />
        </Form.Item>
        <Form.Item
          label={`现场照片（最多 ${MAX_VISIT_IMAGES} 张，每张不超过 ${MAX_IMAGE_BYTES / 2 ** 20} MB）`}
        >
          <div data-testid="visit-photos">
            <Upload
              listType="picture-card"
              accept="image/png,image/jpeg,image/gif,image/webp"
              multiple
              fileList={photos}
              beforeUpload={(file) => {
                if (file.size > MAX_IMAGE_BYTES) {
                  void message.error(`“${file.name}”超过 ${MAX_IMAGE_BYTES / 2 ** 20} MB 上限`);
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
              onChange={({ fileList }) => {
                if (fileList.length > MAX_VISIT_IMAGES)
                  void message.warning(`每次走访最多 ${MAX_VISIT_IMAGES} 张照片`);
                setPhotos(fileList.slice(0, MAX_VISIT_IMAGES));
              }}
            >
              {photos.length < MAX_VISIT_IMAGES && (
                <div>
                  <PlusOutlined />
                  <div style={{ marginTop: 4 }}>添加照片</div>
                </div>
              )}
            </Upload>
          </div>
        </Form.Item>

        <Card size="small" title="企业需求" style={{ marginBottom: 16 }}>
          <Form.List name="needs">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Card key={field.key} size="small" type="inner" data-testid="visit-need">
                    <Form.Item
                      name={[field.name, 'kind']}
                      label="类型"
                      rules={[{ required: true, message: '请选择' }]}
                    >
                      <Select options={NEED_KINDS.map((k) => ({ value: k, label: NEED_KIND_LABELS[k] }))} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      label="需求内容"
                      rules={[{ required: true, message: '请填写需求内容' }]}
                    >
                      <Input.TextArea rows={2} maxLength={500} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} label="办结期限">
                      <DatePicker style={{ width: '100%' }} inputReadOnly />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} danger size="small">
                      删除此需求
                    </Button>
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'training' })}
                  block
                  data-testid="add-need"
                >
                  添加需求
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>

        <Card size="small" title="同时更新企业名单" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            走访中核实的情况会在保存时记入企业名单，两个普遍统计随之更新。
          </Typography.Paragraph>
          {e.hasUnion && (
            <Form.Item name="fiveHaves" label="核实已具备的“五有”">
              <CheckboxGroup
                options={FIVE_HAVE_ITEMS.map((i) => ({ value: i, label: FIVE_HAVE_LABELS[i] }))}
                data-testid="visit-five-haves"
              />
            </Form.Item>
          )}
          <Form.List name="facts">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => {
                  return (
                    <Card key={field.key} size="small" type="inner">
                      <Form.Item
                        name={[field.name, 'kind']}
                        label="事项"
                        rules={[{ required: true, message: '请选择' }]}
                      >
                        <Select
                          options={OTHER_FACTS.filter((k) =>
                            e.hasUnion ? k !== 'unionFounded' : k === 'unionFounded',
                          ).map((k) => ({ value: k, label: FACT_KIND_LABELS[k] }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'eventDate']} label="日期（默认走访日期）">
                        <DatePicker style={{ width: '100%' }} inputReadOnly />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => {
                          const kind = form.getFieldValue(['facts', field.name, 'kind']) as
                            OtherFact | undefined;
                          const label = kind ? VALUE_LABELS[kind] : undefined;
                          return label ? (
                            <Form.Item
                              name={[field.name, 'value']}
                              label={label}
                              rules={[{ required: true, message: '请填写' }]}
                            >
                              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                            </Form.Item>
                          ) : null;
                        }}
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        danger
                        size="small"
                      >
                        删除此事项
                      </Button>
                    </Card>
                  );
                })}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: e.hasUnion ? 'termElection' : 'unionFounded' })}
                  block
                >
                  {e.hasUnion ? '登记换届、职代会或会员代表大会' : '登记建立工会'}
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          block
          size="large"
          data-testid="visit-submit"
        >
          保存走访记录
        </Button>
      </Form>
    </div>
  );
}
