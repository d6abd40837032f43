// The 导出 button of a list: downloads it as xlsx with the filters it shows (not its page).
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { queryString, type QueryParams } from '../api';

/** Downloads `path` with the list's filters (its page and page size left out). */
export function ExportButton({ path, query }: { path: string; query: QueryParams }) {
  const { page: _page, pageSize: _size, ...filters } = query;
  return (
    <Button
      icon={<DownloadOutlined />}
      href={`${path}${queryString(filters)}`}
      download
      data-testid="list-export"
    >
      导出
    </Button>
  );
}
