// Sign-in: user name and password; the server's message is shown as it is (wrong password,
// too many attempts, deactivated account).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { LoginBody, MeView } from '../../orgs/contract';
import { api, errorMessage } from '../api';
import { ME_KEY } from '../auth';
import { safeNext } from '../next-path';

export default function LoginPage() {
  const [form] = Form.useForm<LoginBody>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  const submit = async (values: LoginBody) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await api.post<MeView>('/api/auth/login', values, { allow401: true });
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
      navigate(next, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #8f0f14 0%, #c8161d 45%, #f2f3f5 45%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 380, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            工会工作平台
          </Typography.Title>
          <Typography.Text type="secondary">市总工会及所属各级工会组织</Typography.Text>
        </div>
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        {next !== '/' && !error && (
          <Alert
            type="info"
            showIcon
            message="请先登录，登录后将回到您要打开的页面"
            style={{ marginBottom: 16 }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          size="large"
          onFinish={(v) => void submit(v)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[
              { required: true, whitespace: true, message: '请输入用户名' },
              { max: 64, message: '用户名过长' },
            ]}
          >
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label="密码"
            rules={[
              { required: true, message: '请输入密码' },
              { max: 128, message: '密码过长' },
            ]}
          >
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
