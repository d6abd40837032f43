// The nomination form (推荐荣誉): what honour, at what level and year, from which awarding body,
// for whom (a person or team with its unit, an enterprise union of the registry, or a union of
// the tree). The same form changes a nomination not yet reviewed or returned, which sends it
// again. Field problems appear under their fields; a stale version reloads the nomination.
import { App, AutoComplete, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { chinaToday } from '../../../platform/shared/dates';
import { showFormError } from '../../../web/form-errors';
import { EnterpriseSearch } from '../../../enterprises/web/enterprise-search';
import { OrgSelect } from '../../../orgs/web/org-select';
import {
  GENDER_LABELS,
  GENDERS,
  HONOUR_KIND_LABELS,
  HONOUR_KINDS,
  HONOUR_LEVEL_LABELS,
  HONOUR_LEVELS,
  MODEL_WORKER_LEVELS,
  NAMED_KINDS,
  RECIPIENT_KIND_LABELS,
  RECIPIENT_KINDS,
  type HonourDetail,
  type HonourFields,
} from '../contract';
import { editNomination, honourKeys, nominate } from './honours-api';

type Values = Omit<HonourFields, 'gender'> & { gender?: HonourFields['gender'] };

const FIELDS = [
  'kind',
  'name',
  'level',
  'year',
  'awardingBody',
  'recipientKind',
  'recipientName',
  'gender',
  'jobTitle',
  'unitName',
  'enterpriseId',
  'recipientOrgId',
  'note',
];

const AWARDING_BODIES = [
  '中华全国总工会',
  '江苏省总工会',
  '江苏省人民政府',
  '苏州市总工会',
  '苏州市人民政府',
];

export function HonourForm({ honour, onClose }: { honour?: HonourDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const recipientKind = Form.useWatch('recipientKind', form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        name: v.name || null,
        gender: v.gender ?? null,
        enterpriseId: v.enterpriseId ?? null,
        recipientOrgId: v.recipientOrgId ?? null,
      };
      return honour ? editNomination(honour.id, { ...body, version: honour.version }) : nominate(body);
    },
    onSuccess: async () => {
      void message.success(honour ? '推荐已修改' : '已推荐，等待上级工会审核');
      await queryClient.invalidateQueries({ queryKey: honourKeys.all });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale && honour) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: honourKeys.one(honour.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, FIELDS);
    },
  });
  const initial: Partial<Values> = honour
    ? {
        kind: honour.kind,
        name: honour.name,
        level: honour.level,
        year: honour.year,
        awardingBody: honour.awardingBody,
        recipientKind: honour.recipientKind,
        recipientName: honour.recipientName,
        gender: honour.gender,
        jobTitle: honour.jobTitle,
        unitName: honour.unitName,
        enterpriseId: honour.enterprise?.id ?? null,
        recipientOrgId: honour.recipientOrg?.id ?? null,
        note: honour.note,
      }
    : { kind: 'mayDayMedal', level: 'city', year: Number(chinaToday().slice(0, 4)), recipientKind: 'person' };
  const required = (text: string) => [{ required: true, message: text }];
  const person = recipientKind === 'person' || recipientKind === 'team';
  return (
    <Modal
      open
      title={honour ? '修改推荐' : '推荐荣誉'}
      okText={honour?.state === 'returned' ? '修改并重新推荐' : '确定'}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={Math.min(640, window.innerWidth)}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        data-testid="honour-form"
      >
        <Form.Item name="kind" label="荣誉类型" rules={required('请选择荣誉类型')}>
          <Select options={HONOUR_KINDS.map((k) => ({ value: k, label: HONOUR_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind && NAMED_KINDS.includes(kind) && (
          <Form.Item
            name="name"
            label={kind === 'other' ? '荣誉名称' : '竞赛名称'}
            rules={required(kind === 'other' ? '请填写荣誉名称' : '请填写劳动竞赛的名称')}
          >
            <Input
              maxLength={100}
              placeholder={kind === 'other' ? '如：苏州市优秀工会工作者' : '如：2026年建功立业劳动竞赛'}
            />
          </Form.Item>
        )}
        <Form.Item name="level" label="级别" rules={required('请选择级别')}>
          <Radio.Group
            options={HONOUR_LEVELS.map((l) => ({
              value: l,
              label: HONOUR_LEVEL_LABELS[l],
              disabled: kind === 'modelWorker' && !MODEL_WORKER_LEVELS.includes(l),
            }))}
          />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={required('请填写年度')}>
          <InputNumber min={1950} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="awardingBody" label="授予机关" rules={required('请填写授予机关')}>
          <AutoComplete
            options={AWARDING_BODIES.map((b) => ({ value: b }))}
            placeholder="选择或输入，如 苏州市总工会"
            maxLength={100}
          />
        </Form.Item>
        <Form.Item name="recipientKind" label="获奖对象" rules={required('请选择获奖对象类型')}>
          <Radio.Group
            options={RECIPIENT_KINDS.map((k) => ({ value: k, label: RECIPIENT_KIND_LABELS[k] }))}
          />
        </Form.Item>
        {person && (
          <>
            <Form.Item
              name="recipientName"
              label={recipientKind === 'person' ? '姓名' : '集体(班组)名称'}
              rules={required(recipientKind === 'person' ? '请填写姓名' : '请填写集体(班组)名称')}
            >
              <Input maxLength={100} />
            </Form.Item>
            {recipientKind === 'person' && (
              <>
                <Form.Item name="gender" label="性别">
                  <Radio.Group options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
                </Form.Item>
                <Form.Item name="jobTitle" label="职务">
                  <Input maxLength={100} placeholder="如：数控车间主任、高级技师" />
                </Form.Item>
              </>
            )}
            <Form.Item name="enterpriseId" label="所在企业（在企业名录中时选择）">
              <EnterpriseSearch
                initial={honour?.enterprise ?? null}
                notFound="没有找到企业：可不选，直接在下面填写所在单位"
              />
            </Form.Item>
            <Form.Item name="unitName" label="所在单位（不填则用所选企业的名称）">
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        {recipientKind === 'enterprise' && (
          <Form.Item name="enterpriseId" label="企业" rules={required('请从企业名录中选择企业')}>
            <EnterpriseSearch initial={honour?.enterprise ?? null} />
          </Form.Item>
        )}
        {recipientKind === 'org' && (
          <Form.Item name="recipientOrgId" label="工会组织" rules={required('请选择获奖的工会组织')}>
            <OrgSelect initial={honour?.recipientOrg ?? null} />
          </Form.Item>
        )}
        <Form.Item name="note" label="主要事迹或备注（可不填）">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
