// Loading, error and empty states shared by every page.
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../api';

export { PageLoading } from './page-loading';

/** What a failed load shows: the server's own Chinese message, with a retry where it may help. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <Result
        status="404"
        title="没有找到"
        subTitle={error.status === 404 ? error.message : '地址中的编号不正确，请从列表中重新打开'}
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return <Result status="403" title="没有权限" subTitle={error.message} />;
  }
  return (
    <Result
      status="error"
      title="加载失败"
      subTitle={errorMessage(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
