// Import of model workers' lists: the template, a check without writing (试导入) and the import
// itself. Either every row is imported or none is: the errors are listed by row and column.
import { useState } from 'react';
import { Alert, Button, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../../web/api';
import {
  MODEL_WORKER_IMPORT_INVALID,
  type ModelWorkerImportError,
  type ModelWorkerImportResult,
} from '../contract';
import { workerKeys, WORKERS_API, importWorkers } from './workers-api';

export function ImportTab() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: ({ chosen, dryRun }: { chosen: File; dryRun: boolean }) => importWorkers(chosen, dryRun),
    onSuccess: async (result: ModelWorkerImportResult) => {
      if (result.committed) await queryClient.invalidateQueries({ queryKey: workerKeys.all });
    },
  });
  const error = run.error;
  const rowErrors =
    error instanceof ApiError && error.code === MODEL_WORKER_IMPORT_INVALID
      ? ((error.details as { errors?: ModelWorkerImportError[] } | undefined)?.errors ?? [])
      : [];
  const result = run.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="worker-import">
      <Alert
        type="info"
        showIcon
        message="导入劳模名单"
        description="支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码）。任何一行有错误时整个文件都不导入，建议先“试导入”检查。联系电话、通讯地址只有生产部和劳模协会导入时写入。"
      />
      <Button icon={<DownloadOutlined />} href={`${WORKERS_API}/import-template.xlsx`} download>
        下载导入模板
      </Button>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(chosen) => {
          setFile(chosen);
          run.reset();
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : '点击或拖入劳模名单文件'}</p>
        <p className="ant-upload-hint">.xlsx 或 .csv，不超过 20 MB</p>
      </Upload.Dragger>
      <Space wrap>
        <Button
          disabled={!file}
          loading={run.isPending && run.variables?.dryRun}
          onClick={() => file && run.mutate({ chosen: file, dryRun: true })}
        >
          试导入（只检查）
        </Button>
        <Button
          type="primary"
          disabled={!file}
          loading={run.isPending && !run.variables?.dryRun}
          onClick={() => file && run.mutate({ chosen: file, dryRun: false })}
          data-testid="worker-import-run"
        >
          导入
        </Button>
      </Space>
      {result && (
        <Alert
          type="success"
          showIcon
          message={
            result.committed
              ? `已导入 ${result.imported} 名劳模`
              : `检查通过：共 ${result.rows} 行，可导入 ${result.imported} 名劳模（尚未写入）`
          }
          description={result.warnings.join('；') || undefined}
        />
      )}
      {error && (
        <Alert type="error" showIcon message={errorMessage(error)} data-testid="worker-import-error" />
      )}
      {rowErrors.length > 0 && (
        <>
          <Typography.Text type="secondary">以下错误修改后请重新上传：</Typography.Text>
          <Table<ModelWorkerImportError>
            size="small"
            rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
            dataSource={rowErrors}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 480 }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '列', dataIndex: 'field', width: 120 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Space>
  );
}
