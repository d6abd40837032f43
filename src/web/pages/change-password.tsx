// The signed-in user changes their own password, proving the current one.
import { useState } from 'react';
import { App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { Password, type ChangePasswordBody } from '../../orgs/contract';
import { api } from '../api';
import { showFormError } from '../form-errors';
import { zodRule } from '../zod-rule';

interface Values extends ChangePasswordBody {
  confirm: string;
}

export default function ChangePasswordPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async ({ currentPassword, newPassword }: Values) => {
    setSaving(true);
    try {
      const body: ChangePasswordBody = { currentPassword, newPassword };
      await api.post('/api/auth/password', body);
      void message.success('密码已修改，其他设备上的登录已退出；下次登录请使用新密码');
      form.resetFields();
      navigate('/');
    } catch (error) {
      showFormError(form, error, message, ['currentPassword', 'newPassword']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="修改密码" style={{ maxWidth: 560 }}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} name="change-password">
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          rules={[{ required: true, message: '请输入新密码' }, zodRule(Password)]}
          extra="至少 8 位，须同时包含字母和数字"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存新密码
        </Button>
      </Form>
    </Card>
  );
}
