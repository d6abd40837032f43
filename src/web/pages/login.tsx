// Sign-in: user name and password; the server's message is shown as it is (wrong password,
// too many attempts, deactivated account).
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, theme } from 'antd';
// The two inputs themselves: antd's Input also carries TextArea, Search and OTP, and with them
// the auto-size machinery that no login needs.
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { CloseCircleFilled, InfoCircleFilled, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { LoginBody, MeView } from '../../orgs/contract';
import { api, errorMessage } from '../api';
import { ME_KEY } from '../auth';
import { safeNext } from '../next-path';

type Problems = Partial<Record<keyof LoginBody, string>>;

function check(values: LoginBody): Problems {
  const problems: Problems = {};
  if (!values.username.trim()) problems.username = '请输入用户名';
  else if (values.username.length > 64) problems.username = '用户名过长';
  if (!values.password) problems.password = '请输入密码';
  else if (values.password.length > 128) problems.password = '密码过长';
  return problems;
}

/** A labelled field with its problem below it, laid out as antd's vertical form does. */
function Field(props: { id: string; label: string; problem?: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: props.problem ? 0 : 24 }}>
      <label
        htmlFor={props.id}
        style={{ display: 'block', paddingBottom: 8, fontSize: token.fontSizeLG, color: token.colorText }}
      >
        {props.label}
      </label>
      {props.children}
      {props.problem && (
        <div id={`${props.id}-problem`} role="alert" style={{ color: token.colorError, minHeight: 24 }}>
          {props.problem}
        </div>
      )}
    </div>
  );
}

/** A message above the form, drawn as antd's Alert is. */
function Notice(props: { type: 'error' | 'info'; children: ReactNode; 'data-testid'?: string }) {
  const { token } = theme.useToken();
  const error = props.type === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      data-testid={props['data-testid']}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        marginBottom: 16,
        padding: '8px 12px',
        borderRadius: token.borderRadiusLG,
        border: `1px solid ${error ? token.colorErrorBorder : token.colorInfoBorder}`,
        background: error ? token.colorErrorBg : token.colorInfoBg,
      }}
    >
      {error ? (
        <CloseCircleFilled style={{ color: token.colorError }} />
      ) : (
        <InfoCircleFilled style={{ color: token.colorInfo }} />
      )}
      <span>{props.children}</span>
    </div>
  );
}

// Plain fields instead of antd's Form, Card, Typography and Alert: the first page anyone opens stays
// small (those three bring the validator, tabs, menus and tooltips along).
export default function LoginPage() {
  const { token } = theme.useToken();
  const [values, setValues] = useState<LoginBody>({ username: '', password: '' });
  const [problems, setProblems] = useState<Problems>({});
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  const change = (field: keyof LoginBody, value: string) => {
    const changed = { ...values, [field]: value };
    setValues(changed);
    // Once a field was found wanting, it is checked again as the user types, as antd's form does.
    if (problems[field]) setProblems({ ...problems, [field]: check(changed)[field] });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setProblems(found);
    if (found.username || found.password) return;
    setSubmitting(true);
    setError(null);
    try {
      const me = await api.post<MeView>('/api/auth/login', values, { allow401: true });
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
      navigate(next, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setValues((v) => ({ ...v, password: '' }));
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
      <div
        style={{
          width: 380,
          padding: 24,
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          boxShadow: '0 8px 24px rgba(0,0,0,0.12)',
          fontSize: token.fontSize,
          color: token.colorText,
        }}
      >
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <h1 style={{ margin: '0 0 4px', fontSize: token.fontSizeHeading3, fontWeight: 600 }}>
            工会工作平台
          </h1>
          <div style={{ color: token.colorTextSecondary }}>市总工会及所属各级工会组织</div>
        </div>
        {error && (
          <Notice type="error" data-testid="login-error">
            {error}
          </Notice>
        )}
        {next !== '/' && !error && <Notice type="info">请先登录，登录后将回到您要打开的页面</Notice>}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field id="username" label="用户名" problem={problems.username}>
            <Input
              id="username"
              size="large"
              prefix={<UserOutlined />}
              placeholder="用户名"
              autoComplete="username"
              autoFocus
              value={values.username}
              onChange={(e) => change('username', e.target.value)}
              status={problems.username ? 'error' : undefined}
              aria-invalid={!!problems.username}
              aria-describedby={problems.username ? 'username-problem' : undefined}
            />
          </Field>
          <Field id="password" label="密码" problem={problems.password}>
            <Password
              id="password"
              size="large"
              prefix={<LockOutlined />}
              placeholder="密码"
              autoComplete="current-password"
              value={values.password}
              onChange={(e) => change('password', e.target.value)}
              status={problems.password ? 'error' : undefined}
              aria-invalid={!!problems.password}
              aria-describedby={problems.password ? 'password-problem' : undefined}
            />
          </Field>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            登录
          </Button>
        </form>
      </div>
    </div>
  );
}
