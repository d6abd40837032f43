// Pairing chosen enterprises (from the three-category list or the registry) with a service cadre
// in a programme: the answer says how many were paired and names those already paired.
import { useState } from 'react';
import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { showFormError } from '../../web/form-errors';
import type { PairResult } from '../contract';
import { fetchProgrammes, pairEnterprises, serviceKeys } from './service-api';
import { CadreSelect } from './cadre-select';

export default function PairModal({
  enterpriseIds,
  onClose,
  onDone,
}: {
  enterpriseIds: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ programmeId: string; cadreId: string }>();
  const programmes = useQuery({ queryKey: serviceKeys.programmes, queryFn: fetchProgrammes });
  const programmeId = Form.useWatch('programmeId', form);
  const [result, setResult] = useState<PairResult | null>(null);
  const save = useMutation({
    mutationFn: (v: { programmeId: string; cadreId: string }) =>
      pairEnterprises(v.programmeId, { cadreId: v.cadreId, enterpriseIds }),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      if (r.alreadyPaired.length) {
        setResult(r);
      } else {
        void message.success(`已挂钩 ${r.paired} 家企业`);
        onDone();
      }
    },
    onError: (error) =>
      showFormError(form, error, message, ['programmeId', 'cadreId'], {
        ...Object.fromEntries(enterpriseIds.map((_, i) => [`enterpriseIds.${i}`, 'cadreId'])),
      }),
  });
  const first = programmes.data?.items[0]?.id;
  return (
    <Modal
      open
      title={`挂钩给服务干部（已选 ${enterpriseIds.length} 家企业）`}
      okText={result ? '完成' : '挂钩'}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => (result ? onDone() : form.submit())}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="pair-modal"
    >
      {result ? (
        <Alert
          type="info"
          showIcon
          message={`已挂钩 ${result.paired} 家企业；以下 ${result.alreadyPaired.length} 家已有挂钩干部，未作调整`}
          description={result.alreadyPaired.map((a) => `${a.name}（${a.cadre}）`).join('；')}
        />
      ) : programmes.data && !programmes.data.items.length ? (
        <Typography.Text type="secondary">
          还没有服务活动，请先在“服务企业”中创建本年度的活动。
        </Typography.Text>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{ programmeId: first }}
        >
          <Form.Item
            name="programmeId"
            label="服务活动"
            rules={[{ required: true, message: '请选择服务活动' }]}
          >
            <Select
              loading={programmes.isFetching}
              options={programmes.data?.items.map((p) => ({
                value: p.id,
                label: `${p.name}（${p.org.name}）`,
              }))}
              data-testid="pair-programme"
            />
          </Form.Item>
          <Form.Item name="cadreId" label="服务干部" rules={[{ required: true, message: '请选择服务干部' }]}>
            <CadreSelect programmeId={programmeId ?? first ?? ''} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
