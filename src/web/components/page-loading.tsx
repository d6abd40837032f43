// The two states the app's first bundle needs before any page has loaded: a spinner, and a
// failure with a way to try again. Kept apart from page-state.tsx so that the login page does not
// carry the pages' illustrated results; the spinner is drawn by index.html's style, not antd's Spin.
import { Button } from 'antd';
import { CloseCircleFilled } from '@ant-design/icons';

/** A centred spinner while a page or its data loads. */
export function PageLoading({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div style={{ padding: '96px 0', textAlign: 'center' }} role="status">
      <span className="page-spinner" />
      <div style={{ marginTop: 16, color: 'rgba(0,0,0,0.45)' }}>{tip}</div>
    </div>
  );
}

/** A load that failed before any page could show it: the message and a retry. */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div style={{ padding: '48px 32px', textAlign: 'center' }} role="alert">
      <CloseCircleFilled style={{ fontSize: 72, color: '#ff4d4f' }} />
      <div style={{ marginTop: 24, fontSize: 24, color: 'rgba(0,0,0,0.88)' }}>加载失败</div>
      <div style={{ marginTop: 8, fontSize: 14, color: 'rgba(0,0,0,0.45)' }}>{message}</div>
      <Button type="primary" onClick={onRetry} style={{ marginTop: 24 }}>
        重试
      </Button>
    </div>
  );
}
