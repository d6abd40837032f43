// Create a child organisation or edit one: kinds limited to what may stand under the parent,
// USCC and division code checked while typing, the server's field errors under their fields.
import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, STALE_MESSAGE } from '../../web/api';
import { showFormError } from '../../web/form-errors';
import { normalizeUscc } from '../../platform/shared/uscc';
import {
  GRASSROOTS_KINDS,
  ORG_KIND_LABELS,
  type OrgCreateBody,
  type OrgDetail,
  type OrgKind,
  type OrgPatchBody,
} from '../contract';
import { invalidateOrgs } from './org-api';
import { kindsUnder, usccIssue } from './org-rules';

interface OrgFormValues {
  name: string;
  shortName?: string;
  kind: OrgKind;
  divisionCode?: string;
  uscc?: string;
  address?: string;
  contactPhone?: string;
  sortOrder?: number | null;
}

const FIELDS = [
  'name',
  'shortName',
  'kind',
  'divisionCode',
  'uscc',
  'address',
  'contactPhone',
  'sortOrder',
] as const;

const rules = {
  name: [
    { required: true, whitespace: true, message: '请输入组织名称' },
    { max: 100, message: '组织名称不能超过 100 个字符' },
  ],
  shortName: [{ max: 30, message: '简称不能超过 30 个字符' }],
  kind: [{ required: true, message: '请选择组织类型' }],
  divisionCode: [{ pattern: /^\d{6}$/, message: '行政区划代码应为 6 位数字（GB/T 2260，如 320506）' }],
  address: [{ max: 200, message: '地址不能超过 200 个字符' }],
  contactPhone: [{ max: 40, message: '联系电话不能超过 40 个字符' }],
} satisfies Record<string, Rule[]>;

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

type Props =
  | { mode: 'create'; parent: OrgDetail; onClose: () => void; onSaved: (org: OrgDetail) => void }
  | {
      mode: 'edit';
      org: OrgDetail;
      /** Kind of the parent when the parent is in the user's scope; undefined when it is not. */
      parentKind: OrgKind | null | undefined;
      onClose: () => void;
      onSaved: (org: OrgDetail) => void;
    };

export function OrgFormModal(props: Props) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrgFormValues>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);

  const editing = props.mode === 'edit' ? props.org : null;
  const kindChoices =
    props.mode === 'create'
      ? kindsUnder(props.parent.kind)
      : props.parentKind === undefined
        ? [props.org.kind]
        : kindsUnder(props.parentKind);
  const initialValues: Partial<OrgFormValues> = editing
    ? {
        name: editing.name,
        shortName: editing.shortName ?? '',
        kind: editing.kind,
        divisionCode: editing.divisionCode ?? '',
        uscc: editing.uscc ?? '',
        address: editing.address ?? '',
        contactPhone: editing.contactPhone ?? '',
        sortOrder: editing.sortOrder,
      }
    : { kind: kindChoices.length === 1 ? kindChoices[0] : undefined, sortOrder: 0 };

  const save = async (values: OrgFormValues) => {
    const fields = {
      name: values.name.trim(),
      shortName: text(values.shortName),
      kind: values.kind,
      divisionCode: text(values.divisionCode),
      uscc: values.uscc ? normalizeUscc(values.uscc) || null : null,
      address: text(values.address),
      contactPhone: text(values.contactPhone),
      sortOrder: values.sortOrder ?? 0,
    };
    setSaving(true);
    try {
      let saved: OrgDetail;
      if (props.mode === 'create') {
        const body: OrgCreateBody = { parentId: props.parent.id, ...fields };
        saved = await api.post<OrgDetail>('/api/orgs', body);
        void message.success(`已新建“${saved.name}”`);
      } else {
        const org = props.org;
        const patch: OrgPatchBody = { version: org.version };
        let changed = false;
        for (const key of FIELDS) {
          if (fields[key] !== org[key]) {
            Object.assign(patch, { [key]: fields[key] });
            changed = true;
          }
        }
        if (!changed) {
          void message.info('没有修改任何内容');
          props.onClose();
          return;
        }
        saved = await api.patch<OrgDetail>(`/api/orgs/${org.id}`, patch);
        void message.success('已保存');
      }
      await invalidateOrgs(queryClient);
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        await invalidateOrgs(queryClient);
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
      title={props.mode === 'create' ? `在“${props.parent.name}”下新建组织` : `编辑“${props.org.name}”`}
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={props.onClose}
      width={640}
      maskClosable={false}
    >
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 17 }}
        initialValues={initialValues}
        onFinish={(v) => void save(v)}
        style={{ marginTop: 16 }}
        name="org-form"
      >
        <Form.Item name="name" label="组织名称" rules={rules.name}>
          <Input placeholder="如：苏州某某有限公司工会委员会" />
        </Form.Item>
        <Form.Item name="shortName" label="简称" rules={rules.shortName}>
          <Input />
        </Form.Item>
        <Form.Item
          name="kind"
          label="组织类型"
          rules={rules.kind}
          extra={
            props.mode === 'create'
              ? `“${ORG_KIND_LABELS[props.parent.kind]}”之下可以设立的类型`
              : props.parentKind === undefined
                ? '上级组织不在您的管理范围内，不能修改类型'
                : undefined
          }
        >
          <Select
            options={kindChoices.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
            disabled={kindChoices.length <= 1 && props.mode === 'edit'}
            placeholder="请选择"
          />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label="行政区划代码"
          rules={rules.divisionCode}
          extra="GB/T 2260 六位代码，乡镇以下一般不填"
        >
          <Input maxLength={6} style={{ width: 160 }} inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          dependencies={['kind']}
          validateDebounce={300}
          normalize={(v: string) => v.replace(/\s+/g, '').toUpperCase()}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) => {
                const issue = usccIssue(value, getFieldValue('kind') as OrgKind | undefined);
                return issue ? Promise.reject(new Error(issue)) : Promise.resolve();
              },
            }),
          ]}
          extra={
            kind && GRASSROOTS_KINDS.includes(kind)
              ? '18 位，基层工会以 81 开头；输入时自动检查校验位'
              : '18 位，具有法人资格时填写'
          }
        >
          <Input style={{ width: 260, fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={rules.address}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={rules.contactPhone}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序号" extra="同一上级下按排序号从小到大排列">
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
