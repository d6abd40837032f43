// The attachments of a risk report: each file with its size, opening (PDF, pictures) or
// downloading (Word, Excel); the reporting unit and the handlers add more and remove them, with
// a confirmation before a file goes.
import { App, Button, List, Popconfirm, Space, Typography, Upload } from 'antd';
import {
  DeleteOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../web/api';
import {
  ATTACHMENT_ACCEPT,
  MAX_ATTACHMENT_BYTES,
  type AttachmentView,
} from '../../platform/shared/attachments-contract';
import { MAX_REPORT_ATTACHMENTS, type ReportDetail } from '../contract';
import { laborKeys } from './labor-api';

function FileIcon({ type }: { type: string }) {
  if (type.startsWith('image/')) return <FileImageOutlined />;
  if (type === 'application/pdf') return <FilePdfOutlined style={{ color: '#cf1322' }} />;
  if (type.includes('word')) return <FileWordOutlined style={{ color: '#1d39c4' }} />;
  return <FileExcelOutlined style={{ color: '#237804' }} />;
}

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function ReportAttachments({ report }: { report: ReportDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: laborKeys.report(report.id) });
  const add = useMutation({
    mutationFn: (file: File) =>
      api.upload<AttachmentView>(`/api/labor/reports/${report.id}/attachments`, file),
    onSuccess: async (saved) => {
      void message.success(`已上传“${saved.fileName}”`);
      await refresh();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: (a: AttachmentView) => api.delete(a.url),
    onSuccess: async () => {
      void message.success('附件已删除');
      await refresh();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const room = report.attachments.length < MAX_REPORT_ATTACHMENTS;
  if (!report.attachments.length && !report.mayAttach) return null;
  return (
    <div data-testid="report-attachments">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          附件（{report.attachments.length}）
        </Typography.Title>
        {report.mayAttach && room && (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX_ATTACHMENT_BYTES)
                void message.error(`“${file.name}”超过 ${MAX_ATTACHMENT_BYTES / 2 ** 20} MB 上限`);
              else add.mutate(file);
              return false;
            }}
          >
            <Button size="small" icon={<PaperClipOutlined />} loading={add.isPending} data-testid="attach">
              上传附件
            </Button>
          </Upload>
        )}
      </Space>
      {report.mayAttach && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          可上传 PDF、Word、Excel 或图片，每个不超过 {MAX_ATTACHMENT_BYTES / 2 ** 20} MB，最多{' '}
          {MAX_REPORT_ATTACHMENTS} 个
        </Typography.Text>
      )}
      <List
        size="small"
        dataSource={report.attachments}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(a) => (
          <List.Item
            actions={
              report.mayAttach
                ? [
                    <Popconfirm
                      key="delete"
                      title={`删除附件“${a.fileName}”？`}
                      okText="删除"
                      cancelText="取消"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutate(a)}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              <FileIcon type={a.mimeType} />
              <a href={a.url} target="_blank" rel="noreferrer">
                {a.fileName}
              </a>
              <Typography.Text type="secondary">{sizeText(a.size)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
