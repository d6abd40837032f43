// Entering or changing a model worker (登记劳模 / 修改): who, at what level and year, where and as
// what, in post or not; "从荣誉库选择" fills the form from a conferred 劳动模范 honour and links it.
// The contact fields appear only for those who may write them. Field problems appear under their
// fields; a stale version reloads the record.
import { useState } from 'react';
import { App, AutoComplete, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { chinaToday } from '../../../platform/shared/dates';
import { showFormError } from '../../../web/form-errors';
import { useDebounced } from '../../../web/use-debounced';
import { EnterpriseSearch } from '../../../enterprises/web/enterprise-search';
import { OrgSelect } from '../../../orgs/web/org-select';
import {
  GENDER_LABELS,
  GENDERS,
  MODEL_WORKER_FIELDS,
  MODEL_WORKER_LEVEL_LABELS,
  MODEL_WORKER_LEVELS,
  MODEL_WORKER_STATUS_LABELS,
  MODEL_WORKER_STATUSES,
  PHONE_PATTERN,
  type HonourCandidate,
  type ModelWorkerDetail,
  type ModelWorkerFields,
} from '../contract';
import { createWorker, editWorker, fetchHonourCandidates, workerKeys } from './workers-api';

type Values = ModelWorkerFields & { orgId?: string | null };

const FIELDS = [
  'name',
  'gender',
  'birthYear',
  'level',
  'year',
  'unitName',
  'enterpriseId',
  'position',
  'field',
  'status',
  'phone',
  'address',
  'honourId',
  'note',
  'orgId',
];

/** Picks a conferred 劳动模范 honour of the reader's scope. */
function HonourPicker({
  value,
  onPick,
  initial,
}: {
  value?: string | null;
  onPick: (honour: HonourCandidate | undefined) => void;
  initial: { id: string; title: string } | null;
}) {
  const [q, setQ] = useState('');
  const typed = useDebounced(q.trim());
  const found = useQuery({
    queryKey: workerKeys.honours(typed),
    queryFn: () => fetchHonourCandidates(typed),
    placeholderData: keepPreviousData,
  });
  const items = found.data?.items ?? [];
  const options = items.map((h) => ({
    value: h.id,
    label: `${h.name}（${h.year}年${MODEL_WORKER_LEVEL_LABELS[h.level]}，${h.unitName ?? h.enterprise?.name ?? '—'}）`,
    disabled: h.linkedTo !== null && h.id !== value,
  }));
  if (initial && !options.some((o) => o.value === initial.id))
    options.unshift({ value: initial.id, label: initial.title, disabled: false });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      value={value ?? undefined}
      onChange={(v?: string) => onPick(items.find((h) => h.id === v))}
      onClear={() => onPick(undefined)}
      loading={found.isFetching}
      placeholder="从荣誉库选择（输入姓名或单位查找）"
      notFoundContent={found.isFetching ? '正在查找…' : '荣誉库中没有找到已授予的劳动模范'}
      options={options}
      optionRender={(o) => {
        const h = items.find((i) => i.id === o.value);
        return (
          <Space direction="vertical" size={0}>
            <span>{o.label}</span>
            {h?.linkedTo && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                已登记为“{h.linkedTo}”
              </Typography.Text>
            )}
          </Space>
        );
      }}
      popupMatchSelectWidth={false}
      data-testid="worker-honour-picker"
    />
  );
}

export function WorkerForm({
  worker,
  canWriteContacts,
  onClose,
  onSaved,
}: {
  worker?: ModelWorkerDetail;
  canWriteContacts: boolean;
  onClose: () => void;
  onSaved?: (saved: ModelWorkerDetail) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const honourId = Form.useWatch('honourId', form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        gender: v.gender ?? null,
        birthYear: v.birthYear ?? null,
        enterpriseId: v.enterpriseId ?? null,
        honourId: v.honourId ?? null,
        // Those who may not write contacts leave them out: the stored ones are kept.
        phone: canWriteContacts ? (v.phone ?? null) : undefined,
        address: canWriteContacts ? (v.address ?? null) : undefined,
      };
      if (!worker) return createWorker(body);
      const { orgId: _org, ...fields } = body;
      return editWorker(worker.id, { ...fields, version: worker.version });
    },
    onSuccess: async (saved) => {
      void message.success(worker ? '已保存' : '已登记到劳模名册');
      await queryClient.invalidateQueries({ queryKey: workerKeys.all });
      onSaved?.(saved);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale && worker) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: workerKeys.one(worker.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, FIELDS);
    },
  });
  const initial: Partial<Values> = worker
    ? {
        name: worker.name,
        gender: worker.gender,
        birthYear: worker.birthYear,
        level: worker.level,
        year: worker.year,
        unitName: worker.unitName,
        enterpriseId: worker.enterprise?.id ?? null,
        position: worker.position,
        field: worker.field,
        status: worker.status,
        phone: worker.phone,
        address: worker.address,
        honourId: worker.honour?.id ?? null,
        note: worker.note,
      }
    : { level: 'city', year: Number(chinaToday().slice(0, 4)), status: 'active' };
  const pick = (h: HonourCandidate | undefined) => {
    if (!h) {
      form.setFieldsValue({ honourId: null });
      return;
    }
    form.setFieldsValue({
      honourId: h.id,
      name: h.name,
      gender: h.gender,
      level: h.level,
      year: h.year,
      unitName: h.unitName ?? h.enterprise?.name ?? (form.getFieldValue('unitName') as string | undefined),
      enterpriseId: h.enterprise?.id ?? null,
      position: h.position ?? (form.getFieldValue('position') as string | null | undefined),
    });
  };
  const required = (text: string) => [{ required: true, message: text }];
  const thisYear = Number(chinaToday().slice(0, 4));
  return (
    <Modal
      open
      title={worker ? `修改劳模信息：${worker.name}` : '登记劳模'}
      okText="保存"
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
        data-testid="worker-form"
      >
        <Form.Item
          name="honourId"
          label="荣誉库记录"
          extra={honourId ? '级别和授予年度须与荣誉库一致' : '已在荣誉库中的劳模可直接选择，自动填入下列信息'}
        >
          <HonourPicker
            value={honourId}
            onPick={pick}
            initial={
              worker?.honour
                ? { id: worker.honour.id, title: `${worker.name}（${worker.honour.title}）` }
                : null
            }
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="姓名"
          rules={[...required('请填写姓名'), { max: 50, message: '姓名不能超过 50 个字符' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="gender" label="性别">
            <Radio.Group options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
          </Form.Item>
          <Form.Item name="birthYear" label="出生年份">
            <InputNumber min={1900} max={thisYear} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="level" label="级别" rules={required('请选择劳模级别')}>
          <Radio.Group
            options={MODEL_WORKER_LEVELS.map((l) => ({ value: l, label: MODEL_WORKER_LEVEL_LABELS[l] }))}
          />
        </Form.Item>
        <Form.Item name="year" label="授予年度" rules={required('请填写授予年度')}>
          <InputNumber min={1950} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="enterpriseId" label="所在企业（在企业名录中时选择）">
          <EnterpriseSearch
            initial={worker?.enterprise ?? null}
            notFound="没有找到企业：可不选，直接在下面填写工作单位"
          />
        </Form.Item>
        <Form.Item name="unitName" label="工作单位" rules={required('请填写工作单位')}>
          <Input maxLength={100} placeholder="如：苏州中学、某某机械有限公司" />
        </Form.Item>
        <Form.Item name="position" label="职务职称">
          <Input maxLength={50} placeholder="如：高级技师、特级教师" />
        </Form.Item>
        <Form.Item name="field" label="专业领域">
          <AutoComplete
            options={MODEL_WORKER_FIELDS.map((f) => ({ value: f }))}
            placeholder="选择或输入"
            maxLength={50}
          />
        </Form.Item>
        <Form.Item name="status" label="状态" rules={required('请选择状态')}>
          <Radio.Group
            options={MODEL_WORKER_STATUSES.map((s) => ({ value: s, label: MODEL_WORKER_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        {canWriteContacts && (
          <>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[{ pattern: PHONE_PATTERN, message: '联系电话只能包含数字、空格、短横线和括号' }]}
            >
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
            <Form.Item name="address" label="通讯地址">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {!worker && (
          <Form.Item name="orgId" label="保管单位（不选则为您所在的单位）">
            <OrgSelect allowClear placeholder="输入单位名称查找" />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
