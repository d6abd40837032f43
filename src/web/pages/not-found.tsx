import { Button, Result } from 'antd';
import { Link, useLocation } from 'react-router-dom';

/** Any client route the app does not know. */
export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle={`没有找到地址为“${pathname}”的页面，可能是链接有误或页面已调整。`}
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
