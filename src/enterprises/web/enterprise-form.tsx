// Register an enterprise or edit its attributes: USCC checked while typing, dates in order,
// employees not below the recorded members without a note, the server's field errors under their
// fields, and a stale version answered by reloading.
import { useState } from 'react';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, STALE_MESSAGE } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import { normalizeUscc, usccProblem } from '../../platform/shared/uscc';
import {
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  STATUS_LABELS,
  type EnterpriseCreateBody,
  type EnterpriseDetail,
  type EnterprisePatchBody,
  type EnterpriseStatus,
  type Ownership,
} from '../contract';
import { invalidateEnterprises } from './enterprise-api';
import { HostOrgSelect, JointUnionSelect } from './org-pickers';
import { chinaToday } from '../../platform/shared/dates';

interface FormValues {
  uscc?: string;
  name: string;
  orgId?: string;
  ownership?: Ownership | null;
  industry?: string;
  employees?: number | null;
  aboveDesignatedSize: boolean;
  global500: boolean;
  status: EnterpriseStatus;
  registeredOn?: Dayjs | null;
  closedOn?: Dayjs | null;
  address?: string;
  jointUnionOrgId?: string | null;
  jointUnionFrom?: Dayjs | null;
  unionUscc?: string;
  note?: string;
}

const FIELDS = [
  'uscc',
  'name',
  'orgId',
  'ownership',
  'industry',
  'employees',
  'aboveDesignatedSize',
  'global500',
  'status',
  'registeredOn',
  'closedOn',
  'address',
  'jointUnionOrgId',
  'jointUnionFrom',
  'unionUscc',
  'note',
] as const;

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const afterToday = (d: Dayjs) => d.isAfter(dayjs(chinaToday()), 'day');

/** Why a typed USCC is wrong, or null; `union` codes begin with 81. */
function usccIssue(raw: string | undefined, union = false): string | null {
  const code = raw ? normalizeUscc(raw) : '';
  if (!code) return null;
  const problem = usccProblem(code);
  if (problem) return problem;
  if (union && !code.startsWith('81'))
    return '工会的统一社会信用代码应以 81 开头（8 表示工会，1 表示基层工会）';
  return null;
}

const usccRule = (union: boolean): Rule => ({
  validator: (_rule, value: string | undefined) => {
    const issue = usccIssue(value, union);
    return issue ? Promise.reject(new Error(issue)) : Promise.resolve();
  },
});

type Props =
  | {
      mode: 'create';
      /** What is already known of the enterprise (e.g. the name a risk report gave it). */
      initial?: { name?: string; orgId?: string };
      onClose: () => void;
      onSaved: (saved: EnterpriseDetail) => void;
    }
  | {
      mode: 'edit';
      enterprise: EnterpriseDetail;
      onClose: () => void;
      onSaved: (saved: EnterpriseDetail) => void;
    };

export function EnterpriseFormModal(props: Props) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('status', form);
  const editing = props.mode === 'edit' ? props.enterprise : null;
  const jointUnionOrgId = Form.useWatch('jointUnionOrgId', form);
  // The start of a joint union's coverage is asked for when the joint union is set or changed.
  const jointChanged = (jointUnionOrgId ?? null) !== (editing?.jointUnion?.id ?? null);
  const members = editing?.members ?? null;

  const initialValues: Partial<FormValues> = editing
    ? {
        uscc: editing.uscc,
        name: editing.name,
        orgId: editing.org.id,
        ownership: editing.ownership,
        industry: editing.industry ?? '',
        employees: editing.employees,
        aboveDesignatedSize: !!editing.aboveDesignatedSize,
        global500: !!editing.global500,
        status: editing.status,
        registeredOn: editing.registeredOn ? dayjs(editing.registeredOn) : null,
        closedOn: editing.closedOn ? dayjs(editing.closedOn) : null,
        address: editing.address ?? '',
        jointUnionOrgId: editing.jointUnion?.id ?? null,
        unionUscc: editing.unionUscc ?? '',
        note: editing.note ?? '',
      }
    : {
        status: 'operating',
        aboveDesignatedSize: false,
        global500: false,
        ...(props.mode === 'create' ? props.initial : {}),
      };

  const save = async (values: FormValues) => {
    const fields = {
      name: values.name.trim(),
      orgId: values.orgId ?? '',
      ownership: values.ownership ?? null,
      industry: text(values.industry),
      employees: values.employees ?? null,
      // An unknown flag (null) stays unknown unless the user ticks it.
      aboveDesignatedSize:
        editing && editing.aboveDesignatedSize === null && !values.aboveDesignatedSize
          ? null
          : values.aboveDesignatedSize,
      global500: editing && editing.global500 === null && !values.global500 ? null : values.global500,
      status: values.status,
      registeredOn: day(values.registeredOn),
      closedOn: values.status === 'closed' ? day(values.closedOn) : null,
      address: text(values.address),
      jointUnionOrgId: values.jointUnionOrgId ?? null,
      unionUscc: values.unionUscc ? normalizeUscc(values.unionUscc) || null : null,
      note: text(values.note),
    };
    setSaving(true);
    try {
      let saved: EnterpriseDetail;
      if (props.mode === 'create') {
        const body: EnterpriseCreateBody = {
          uscc: normalizeUscc(values.uscc ?? ''),
          ...fields,
          jointUnionFrom: fields.jointUnionOrgId ? day(values.jointUnionFrom) : null,
        };
        saved = await api.post<EnterpriseDetail>('/api/enterprises', body);
        void message.success(`已登记“${saved.name}”`);
      } else {
        const e = props.enterprise;
        const current = { ...e, orgId: e.org.id, jointUnionOrgId: e.jointUnion?.id ?? null };
        const patch: EnterprisePatchBody = { version: e.version };
        let changed = false;
        for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
          if (fields[key] !== current[key]) {
            Object.assign(patch, { [key]: fields[key] });
            changed = true;
          }
        }
        // A change of joint union holds from the day given (today without one).
        if (patch.jointUnionOrgId !== undefined && values.jointUnionFrom)
          patch.jointUnionFrom = day(values.jointUnionFrom);
        if (!changed) {
          void message.info('没有修改任何内容');
          props.onClose();
          return;
        }
        saved = await api.patch<EnterpriseDetail>(`/api/enterprises/${e.id}`, patch);
        void message.success('已保存');
      }
      await invalidateEnterprises(queryClient);
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        await invalidateEnterprises(queryClient);
        props.onClose();
        modal.warning({ title: '未能保存', content: STALE_MESSAGE });
        return;
      }
      showFormError(form, error, message, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={editing ? `编辑“${editing.name}”` : '登记企业'}
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={props.onClose}
      width={720}
      maskClosable={false}
    >
      <Form
        form={form}
        name="enterprise-form"
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 17 }}
        initialValues={initialValues}
        onFinish={(v) => void save(v)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          validateDebounce={300}
          normalize={(v: string) => v.replace(/\s+/g, '').toUpperCase()}
          rules={editing ? [] : [{ required: true, message: '请输入统一社会信用代码' }, usccRule(false)]}
          extra={editing ? '统一社会信用代码登记后不能修改' : '18 位，输入时自动检查校验位'}
        >
          <Input disabled={!!editing} style={{ width: 260, fontFamily: 'monospace' }} maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label="企业名称"
          rules={[
            { required: true, whitespace: true, message: '请输入企业名称' },
            { max: 200, message: '企业名称不能超过 200 个字符' },
          ]}
        >
          <Input placeholder="营业执照上的全称" />
        </Form.Item>
        <Form.Item
          name="orgId"
          label="所属乡镇(街道)"
          rules={[{ required: true, message: '请选择企业所在的乡镇(街道)' }]}
        >
          <HostOrgSelect placeholder="输入名称搜索乡镇(街道)" />
        </Form.Item>
        <Form.Item name="ownership" label="经济类型">
          <Select
            allowClear
            placeholder="请选择"
            style={{ width: 200 }}
            options={OWNERSHIPS.map((o) => ({ value: o, label: OWNERSHIP_LABELS[o] }))}
          />
        </Form.Item>
        <Form.Item name="industry" label="所属行业" rules={[{ max: 60, message: '行业不能超过 60 个字符' }]}>
          <Input placeholder="如：纺织业" style={{ width: 320 }} />
        </Form.Item>
        <Form.Item
          name="employees"
          label="职工人数"
          dependencies={['note']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: number | null | undefined) => {
                if (value === null || value === undefined || members === null || value >= members)
                  return Promise.resolve();
                if (text(getFieldValue('note') as string | undefined)) return Promise.resolve();
                return Promise.reject(
                  new Error(
                    `职工人数（${value}）少于已登记的会员人数（${members}），请核实，或在备注中说明原因`,
                  ),
                );
              },
            }),
          ]}
        >
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 160 }} suffix="人" />
        </Form.Item>
        <Form.Item label="企业标识" style={{ marginBottom: 12 }}>
          <Space size={24}>
            <Form.Item name="aboveDesignatedSize" valuePropName="checked" noStyle>
              <Checkbox>规模以上企业</Checkbox>
            </Form.Item>
            <Form.Item name="global500" valuePropName="checked" noStyle>
              <Checkbox>世界500强企业</Checkbox>
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="registeredOn" label="成立日期">
          <DatePicker disabledDate={afterToday} placeholder="营业执照上的成立日期" />
        </Form.Item>
        <Form.Item name="status" label="经营状态">
          <Radio.Group
            options={(['operating', 'closed'] as const).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
        </Form.Item>
        {status === 'closed' && (
          <Form.Item
            name="closedOn"
            label="注销日期"
            dependencies={['registeredOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: Dayjs | null | undefined) => {
                  const registered = getFieldValue('registeredOn') as Dayjs | null | undefined;
                  if (value && registered && value.isBefore(registered, 'day'))
                    return Promise.reject(new Error('注销日期不能早于成立日期'));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker disabledDate={afterToday} />
          </Form.Item>
        )}
        <Form.Item name="address" label="地址" rules={[{ max: 200, message: '地址不能超过 200 个字符' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="jointUnionOrgId"
          label="所属联合工会"
          extra="由联合工会覆盖的企业视为已建会；企业自建工会的不填"
        >
          <JointUnionSelect initial={editing?.jointUnion ?? null} />
        </Form.Item>
        {jointChanged && (
          <Form.Item
            name="jointUnionFrom"
            label={jointUnionOrgId ? '纳入联合工会日期' : '解除日期'}
            extra={
              editing
                ? '自该日起按新的联合工会覆盖情况统计；不填则自今天起'
                : '自该日起由联合工会覆盖；不填则视为成立以来'
            }
          >
            <DatePicker disabledDate={afterToday} />
          </Form.Item>
        )}
        <Form.Item
          name="unionUscc"
          label="工会信用代码"
          tooltip="企业工会的统一社会信用代码，以 81 开头"
          validateDebounce={300}
          normalize={(v: string) => v.replace(/\s+/g, '').toUpperCase()}
          rules={[usccRule(true)]}
        >
          <Input style={{ width: 260, fontFamily: 'monospace' }} maxLength={40} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不能超过 500 个字符' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
