// The township an enterprise lies in, as the coverage worklists show it.
import { Space, Typography } from 'antd';
import { useAuth } from '../../web/auth';
import type { EnterpriseView } from '../../enterprises/contract';

/** The township, with its district beneath when the reader's scope is above the district. */
export function EnterpriseTownship({ enterprise: e }: { enterprise: EnterpriseView }) {
  const { me } = useAuth();
  return (
    <Space direction="vertical" size={0}>
      <span>{e.org.name}</span>
      {e.district && e.district.id !== e.org.id && e.district.id !== me.scope.id && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.district.name}
        </Typography.Text>
      )}
    </Space>
  );
}
