import { Result } from 'antd';

/** A page the user's role may not open (the server refuses its data anyway). */
export default function ForbiddenPage() {
  return (
    <Result status="403" title="没有权限" subTitle="您的角色没有访问此页面的权限，如有需要请联系系统管理员" />
  );
}
