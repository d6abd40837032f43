// Create or edit a user account, and reset its password. Roles are those the signed-in user may
// grant; department and organisation follow the role's rules, checked before sending.
import { useCallback, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { api, ApiError, STALE_MESSAGE } from '../../web/api';
import { useAuth } from '../../web/auth';
import { showFormError } from '../../web/form-errors';
import { zodRule } from '../../web/zod-rule';
import { permissionsOf } from '../../platform/shared/access-catalog';
import {
  DEPARTMENTS,
  DEPARTMENT_LABELS,
  GRASSROOTS_KINDS,
  Password,
  ROLES,
  ROLE_LABELS,
  Username,
  type Department,
  type OrgView,
  type PasswordResetBody,
  type Permission,
  type Role,
  type UserCreateBody,
  type UserPatchBody,
  type UserView,
} from '../contract';
import { OrgSelect } from './org-select';

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  department?: Department | null;
  orgId: string;
  phone?: string;
  password?: string;
  confirm?: string;
}

const FIELDS = ['username', 'displayName', 'role', 'department', 'orgId', 'phone', 'password'] as const;

const confirmRule =
  (field: string) =>
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_rule: unknown, value: string | undefined) =>
      !value || value === getFieldValue(field)
        ? Promise.resolve()
        : Promise.reject(new Error('两次输入的密码不一致')),
  });

/** What a role requires of the organisation it belongs to, or null when it may belong anywhere. */
function orgRuleOf(role: Role | undefined): ((org: OrgView) => string | null) | null {
  if (role === 'federationStaff') {
    return (org) => (org.kind === 'cityFederation' ? null : '市总工会部门工作人员应属于市总工会');
  }
  if (role === 'grassrootsChair') {
    return (org) => (GRASSROOTS_KINDS.includes(org.kind) ? null : '基层工会主席应属于基层工会或联合工会');
  }
  return null;
}

function useGrantable() {
  const { me } = useAuth();
  const mine = new Set<Permission>(me.permissions);
  const within = (perms: Permission[]) => perms.every((p) => mine.has(p));
  return {
    roles: ROLES.filter((r) => within(permissionsOf(r, null))),
    departments: DEPARTMENTS.filter((d) => within(permissionsOf('federationStaff', d))),
  };
}

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

type Props =
  | { mode: 'create'; onClose: () => void; onSaved: () => void }
  | { mode: 'edit'; user: UserView; onClose: () => void; onSaved: () => void };

export function UserFormModal(props: Props) {
  const { message, modal } = App.useApp();
  const { me } = useAuth();
  const [form] = Form.useForm<UserFormValues>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const grantable = useGrantable();
  const user = props.mode === 'edit' ? props.user : null;
  const isSelf = user?.id === me.user.id;
  const orgRule = orgRuleOf(role);
  const disabledReason = useCallback((org: OrgView) => (orgRule ? orgRule(org) : null), [orgRule]);

  const roleChoices =
    user && !grantable.roles.includes(user.role) ? [...grantable.roles, user.role] : grantable.roles;

  const save = async (values: UserFormValues) => {
    const department = values.role === 'federationStaff' ? (values.department ?? null) : null;
    setSaving(true);
    try {
      if (!user) {
        const body: UserCreateBody = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          department,
          orgId: values.orgId,
          phone: text(values.phone),
          password: values.password ?? '',
        };
        const saved = await api.post<UserView>('/api/users', body);
        void message.success(`已新建用户“${saved.displayName}”`);
      } else {
        const patch: UserPatchBody = { version: user.version };
        const next = {
          displayName: values.displayName.trim(),
          role: values.role,
          department,
          orgId: values.orgId,
          phone: text(values.phone),
        };
        if (next.displayName !== user.displayName) patch.displayName = next.displayName;
        if (next.role !== user.role) patch.role = next.role;
        if (next.department !== user.department) patch.department = next.department;
        if (next.orgId !== user.org.id) patch.orgId = next.orgId;
        if (next.phone !== user.phone) patch.phone = next.phone;
        if (Object.keys(patch).length === 1) {
          void message.info('没有修改任何内容');
          props.onClose();
          return;
        }
        await api.patch<UserView>(`/api/users/${user.id}`, patch);
        void message.success('已保存');
      }
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        props.onClose();
        modal.warning({ title: '未能保存', content: STALE_MESSAGE });
        props.onSaved();
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
      title={user ? `编辑用户“${user.displayName}”` : '新建用户'}
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={props.onClose}
      maskClosable={false}
      width={600}
    >
      {isSelf && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          message="这是您本人的账号：不能修改本人的角色和所属组织。"
        />
      )}
      <Form
        form={form}
        name="user-form"
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 17 }}
        style={{ marginTop: 16 }}
        onFinish={(v) => void save(v)}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                department: user.department,
                orgId: user.org.id,
                phone: user.phone ?? '',
              }
            : {}
        }
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={
            user ? [] : [{ required: true, whitespace: true, message: '请输入用户名' }, zodRule(Username)]
          }
          extra={user ? '用户名创建后不能修改' : '登录用，3-32 位，以字母开头'}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不能超过 50 个字符' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            disabled={isSelf}
            placeholder="请选择"
            options={roleChoices.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            onChange={() => void form.validateFields(['orgId']).catch(() => undefined)}
          />
        </Form.Item>
        {role === 'federationStaff' && (
          <Form.Item
            name="department"
            label="所在部门"
            rules={[{ required: true, message: '市总工会部门工作人员须选择所在部门' }]}
          >
            <Select
              placeholder="请选择"
              disabled={isSelf}
              options={grantable.departments.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="orgId"
          label="所属组织"
          rules={[{ required: true, message: '请选择所属组织' }]}
          extra={
            role === 'federationStaff'
              ? '市总工会部门工作人员应属于市总工会'
              : role === 'grassrootsChair'
                ? '基层工会主席应属于基层工会或联合工会'
                : '用户只能看到所属组织及其下级的数据'
          }
        >
          <OrgSelect
            initial={user ? { id: user.org.id, name: user.org.name } : null}
            disabledReason={orgRule ? disabledReason : undefined}
          />
        </Form.Item>
        <Form.Item name="phone" label="电话" rules={[{ max: 40, message: '电话不能超过 40 个字符' }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        {!user && (
          <>
            <Form.Item
              name="password"
              label="初始密码"
              rules={[{ required: true, message: '请输入初始密码' }, zodRule(Password)]}
              extra="至少 8 位，须同时包含字母和数字；请通过安全渠道告知本人"
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="确认密码"
              dependencies={['password']}
              rules={[{ required: true, message: '请再次输入密码' }, confirmRule('password')]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: UserView;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [saving, setSaving] = useState(false);

  const save = async ({ password }: { password: string }) => {
    setSaving(true);
    try {
      const body: PasswordResetBody = { version: user.version, password };
      await api.post<UserView>(`/api/users/${user.id}/password`, body);
      void message.success(`已重置“${user.displayName}”的密码，其已登录的会话已退出`);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        onClose();
        modal.warning({ title: '未能重置', content: STALE_MESSAGE });
        onDone();
        return;
      }
      showFormError(form, error, message, ['password']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`重置“${user.displayName}（${user.username}）”的密码`}
      okText="重置密码"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        name="reset-password"
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="password"
          label="新密码"
          rules={[{ required: true, message: '请输入新密码' }, zodRule(Password)]}
          extra="至少 8 位，须同时包含字母和数字"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['password']}
          rules={[{ required: true, message: '请再次输入新密码' }, confirmRule('password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
