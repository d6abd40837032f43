// A report that named its enterprise by hand, linked to the registry: to an enterprise already
// there (found by name), or to one registered now with the name the report gave.
import { lazy, Suspense, useState } from 'react';
import { Alert, App, Button, Form, Modal, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../web/api';
import { useAuth } from '../../web/auth';
import { showFormError } from '../../web/form-errors';
import { EnterpriseSearch } from '../../enterprises/web/enterprise-search';
import type { ReportDetail } from '../contract';
import { laborKeys, takeStep } from './labor-api';

// The registry's form, loaded when first opened.
const EnterpriseFormModal = lazy(() =>
  import('../../enterprises/web/enterprise-form').then((m) => ({ default: m.EnterpriseFormModal })),
);

export function LinkEnterprise({ report }: { report: ReportDetail }) {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<'find' | 'register' | null>(null);
  const [form] = Form.useForm<{ enterpriseId?: string }>();
  const link = useMutation({
    mutationFn: (enterpriseId: string) =>
      takeStep(report.id, 'enterprise', { version: report.version, enterpriseId }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(laborKeys.report(report.id), saved);
      await queryClient.invalidateQueries({ queryKey: laborKeys.all });
      void message.success(`已关联企业名录中的“${saved.enterprise.name}”`);
      setOpen(null);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        await queryClient.invalidateQueries({ queryKey: laborKeys.report(report.id) });
        setOpen(null);
        modal.warning({ title: '未能关联', content: STALE_MESSAGE });
        return;
      }
      if (open === 'find') showFormError(form, error, message, ['enterpriseId']);
      else void message.error(error instanceof Error ? error.message : '未能关联');
    },
  });
  return (
    <>
      <Alert
        type="info"
        showIcon
        message="该企业未在企业名录中"
        description={
          <Space direction="vertical" size={8}>
            <span>
              可关联名录中已有的企业，或将其登记到企业名录；关联后报告随企业计入行业、规模分析和重点企业。
            </span>
            <Space wrap>
              <Button size="small" onClick={() => setOpen('find')} data-testid="link-find">
                关联已有企业
              </Button>
              {can('enterprise:write') && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setOpen('register')}
                  data-testid="link-register"
                >
                  登记到企业名录
                </Button>
              )}
            </Space>
          </Space>
        }
      />
      {open === 'find' && (
        <Modal
          open
          title="关联企业名录中的企业"
          okText="关联"
          onOk={() => form.submit()}
          confirmLoading={link.isPending}
          onCancel={() => setOpen(null)}
          maskClosable={false}
        >
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => link.mutate(v.enterpriseId!)}
            style={{ marginTop: 16 }}
          >
            <Form.Item
              name="enterpriseId"
              label={`报告中的“${report.enterprise.name}”是`}
              rules={[{ required: true, message: '请选择企业' }]}
            >
              <EnterpriseSearch notFound="名录中没有找到，可改为登记到企业名录" />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {open === 'register' && (
        <Suspense fallback={null}>
          <EnterpriseFormModal
            mode="create"
            initial={{ name: report.enterprise.name }}
            onClose={() => setOpen(null)}
            onSaved={(saved) => link.mutate(saved.id)}
          />
        </Suspense>
      )}
    </>
  );
}
