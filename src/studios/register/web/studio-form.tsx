// The application form (申报劳模创新工作室): name, leader from the model workers register, host
// unit (an enterprise of the registry, a union of the tree such as a school's, or a typed name),
// field, level applied for, introduction, and for a new application the applying union and the
// members. The same form changes an application not yet recommended, or a returned one. Field
// problems appear under their fields; a stale version reloads the studio. Fits a phone's width.
import { useState } from 'react';
import { App, AutoComplete, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { EnterpriseSearch } from '../../../enterprises/web/enterprise-search';
import { OrgSelect } from '../../../orgs/web/org-select';
import {
  STUDIO_LEVEL_LABELS,
  STUDIO_LEVEL_RANK,
  STUDIO_LEVELS,
  type StudioDetail,
  type StudioLevel,
} from '../contract';
import { applyForStudio, editStudio, studioKeys } from './studios-api';
import { ModelWorkerPicker } from '../../workers/web/model-worker-picker';

type HostKind = 'enterprise' | 'org' | 'typed';

interface Values {
  name: string;
  leaderId?: string;
  hostKind: HostKind;
  enterpriseId?: string;
  hostOrgId?: string;
  hostUnitName?: string;
  field: string;
  appliedLevel: StudioLevel;
  introduction?: string;
  orgId?: string;
  members?: { name?: string; position?: string }[];
}

const FIELDS = [
  'name',
  'leaderId',
  'enterpriseId',
  'hostOrgId',
  'hostUnitName',
  'field',
  'appliedLevel',
  'introduction',
  'orgId',
];

export const STUDIO_FIELDS = [
  '机械制造',
  '电子信息',
  '纺织服装',
  '精细化工',
  '建筑施工',
  '交通运输',
  '电力能源',
  '生物医药',
  '精密加工',
  '市政服务',
  '基础教育',
  '职业教育',
  '医疗卫生',
];

export function StudioForm({ studio, onClose }: { studio?: StudioDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const hostKind = Form.useWatch('hostKind', form);
  const [initialHost] = useState<HostKind>(
    studio?.enterprise ? 'enterprise' : studio?.hostOrg ? 'org' : studio ? 'typed' : 'enterprise',
  );
  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        name: v.name,
        leaderId: v.leaderId ?? '',
        enterpriseId: v.hostKind === 'enterprise' ? (v.enterpriseId ?? null) : null,
        hostOrgId: v.hostKind === 'org' ? (v.hostOrgId ?? null) : null,
        hostUnitName: v.hostKind === 'enterprise' ? null : v.hostUnitName || null,
        field: v.field,
        appliedLevel: v.appliedLevel,
        introduction: v.introduction || null,
      };
      if (studio) return editStudio(studio.id, { ...fields, version: studio.version });
      return applyForStudio({
        ...fields,
        orgId: v.orgId ?? null,
        members: (v.members ?? [])
          .filter((m) => m.name?.trim())
          .map((m) => ({ name: m.name!.trim(), position: m.position || null })),
      });
    },
    onSuccess: async (saved) => {
      void message.success(studio ? '申报材料已修改' : '已申报，等待所在区（县级市）或产业工会推荐');
      await queryClient.invalidateQueries({ queryKey: studioKeys.all });
      onClose();
      if (!studio) void navigate(`/studios/${saved.id}`);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale && studio) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: studioKeys.one(studio.id) });
        onClose();
        return;
      }
      showFormError(form, error, message, FIELDS);
    },
  });
  const initial: Partial<Values> = studio
    ? {
        name: studio.name,
        leaderId: studio.leader.id,
        hostKind: initialHost,
        enterpriseId: studio.enterprise?.id,
        hostOrgId: studio.hostOrg?.id,
        hostUnitName: studio.hostUnitName,
        field: studio.field,
        appliedLevel: studio.appliedLevel,
        introduction: studio.introduction ?? undefined,
      }
    : { hostKind: 'enterprise', appliedLevel: 'city', members: [] };
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  const held = studio?.level ?? null;
  return (
    <Modal
      open
      title={studio ? '修改申报' : '申报劳模创新工作室'}
      okText="确定"
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
        data-testid="studio-form"
      >
        <Form.Item name="name" label="工作室名称" rules={required('请填写工作室名称')}>
          <Input maxLength={100} placeholder="如：张建华劳模创新工作室" />
        </Form.Item>
        <Form.Item
          name="leaderId"
          label="负责人（劳模名册中的劳模）"
          rules={[{ required: true, message: '请选择负责人' }]}
        >
          <ModelWorkerPicker
            initial={studio ? studio.leader : null}
            allowClear={false}
            testId="studio-leader"
          />
        </Form.Item>
        <Form.Item name="hostKind" label="承载单位">
          <Radio.Group
            options={[
              { value: 'enterprise', label: '企业名录中的企业' },
              { value: 'org', label: '工会组织（如学校工会）' },
              { value: 'typed', label: '直接填写' },
            ]}
          />
        </Form.Item>
        {hostKind === 'enterprise' && (
          <Form.Item name="enterpriseId" rules={[{ required: true, message: '请从企业名录中选择企业' }]}>
            <EnterpriseSearch
              initial={studio?.enterprise ?? null}
              notFound="没有找到企业：可选“直接填写”承载单位名称"
            />
          </Form.Item>
        )}
        {hostKind === 'org' && (
          <>
            <Form.Item name="hostOrgId" rules={[{ required: true, message: '请选择承载单位的工会组织' }]}>
              <OrgSelect initial={studio?.hostOrg ?? null} />
            </Form.Item>
            <Form.Item name="hostUnitName" label="承载单位名称（不填则用所选组织的名称）">
              <Input maxLength={100} placeholder="如：苏州市第十中学校" />
            </Form.Item>
          </>
        )}
        {hostKind === 'typed' && (
          <Form.Item name="hostUnitName" rules={required('请填写承载单位名称')}>
            <Input maxLength={100} placeholder="承载单位名称" />
          </Form.Item>
        )}
        <Form.Item name="field" label="所属领域" rules={required('请填写所属领域')}>
          <AutoComplete
            options={STUDIO_FIELDS.map((f) => ({ value: f }))}
            placeholder="选择或输入，如 机械制造"
            maxLength={50}
          />
        </Form.Item>
        <Form.Item
          name="appliedLevel"
          label="申报级别"
          rules={[{ required: true, message: '请选择申报级别' }]}
        >
          <Radio.Group
            options={STUDIO_LEVELS.map((l) => ({
              value: l,
              label: STUDIO_LEVEL_LABELS[l],
              disabled: held !== null && STUDIO_LEVEL_RANK[l] <= STUDIO_LEVEL_RANK[held],
            }))}
          />
        </Form.Item>
        <Form.Item name="introduction" label="工作室简介（可不填）">
          <Input.TextArea rows={3} maxLength={2000} placeholder="攻关方向、主要成果、带徒传技情况" />
        </Form.Item>
        {!studio && (
          <>
            <Form.Item name="orgId" label="申报单位（不选则为本单位）">
              <OrgSelect allowClear placeholder="代下级工会申报时选择" />
            </Form.Item>
            <Form.List name="members">
              {(items, { add, remove }) => (
                <Form.Item label="成员（负责人自动列为成员）">
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {items.map((item) => (
                      <Space key={item.key} align="baseline" wrap>
                        <Form.Item name={[item.name, 'name']} noStyle rules={required('请填写成员姓名')}>
                          <Input placeholder="姓名" maxLength={50} style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item name={[item.name, 'position']} noStyle>
                          <Input placeholder="职务或岗位" maxLength={100} style={{ width: 160 }} />
                        </Form.Item>
                        <MinusCircleOutlined aria-label="删除成员" onClick={() => remove(item.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      添加成员
                    </Button>
                  </Space>
                </Form.Item>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}
