// "导入目标" on the coverage dashboard: download the node's targets template (its children and,
// where allowed, itself, with the targets set so far), upload it filled in, and see either how
// many targets changed or every row the server refused (nothing is written then).
import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage, queryString } from '../../web/api';
import {
  TARGETS_IMPORT_INVALID,
  TARGETS_IMPORT_RULES,
  type TargetsImportIssue,
  type TargetsImportResult,
} from '../targets-import-contract';
import { coverageKeys } from './coverage-api';

const ACCEPT = '.xlsx,.csv,.txt';

export function targetsTemplateHref(orgId: string, year: number): string {
  return `/api/coverage/targets/template.xlsx${queryString({ orgId, year })}`;
}

/** Sends the file to `POST /api/coverage/targets/import`; the rows' problems come in the ApiError. */
function uploadTargets(orgId: string, year: number, file: File): Promise<TargetsImportResult> {
  return api.upload<TargetsImportResult>('/api/coverage/targets/import', file, { orgId, year });
}

/** The refused rows of a 400, when the server listed them. */
function issuesOf(error: unknown): { errors: TargetsImportIssue[]; total: number } | null {
  if (!(error instanceof ApiError) || error.code !== TARGETS_IMPORT_INVALID) return null;
  const details = error.details as { errors?: TargetsImportIssue[]; total?: number } | undefined;
  return Array.isArray(details?.errors) ? { errors: details.errors, total: details.total ?? 0 } : null;
}

function resultText(r: TargetsImportResult): string {
  if (r.targetsChanged === 0) return `已读取 ${r.rows} 个单位，目标与现有目标相同，没有变化`;
  return `已导入：${r.orgsChanged} 个单位的 ${r.targetsChanged} 项目标有变化（共读取 ${r.rows} 个单位）`;
}

/** The button and the dialog of the targets import for one node and year. */
export function TargetsImportButton({
  orgId,
  orgName,
  year,
}: {
  orgId: string;
  orgName: string;
  year: number;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} data-testid="import-targets" onClick={() => setOpen(true)}>
        导入目标
      </Button>
      {open && (
        <TargetsImportModal orgId={orgId} orgName={orgName} year={year} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

function TargetsImportModal({
  orgId,
  orgName,
  year,
  onClose,
}: {
  orgId: string;
  orgName: string;
  year: number;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadTargets(orgId, year, file),
    onSuccess: async (result) => {
      if (result.targetsChanged > 0) void message.success(`目标已导入，${result.targetsChanged} 项有变化`);
      await queryClient.invalidateQueries({ queryKey: coverageKeys.all });
    },
  });
  const issues = upload.isError ? issuesOf(upload.error) : null;

  return (
    <Modal
      open
      title={`导入目标 · ${orgName}（${year} 年）`}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={760}
      destroyOnHidden
      data-testid="targets-import-modal"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          1. 下载本单位下级单位的目标模板（已填入现有目标），按说明填写：
        </Typography.Paragraph>
        <ul style={{ margin: 0, paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
          {TARGETS_IMPORT_RULES.slice(0, 3).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <Button
          icon={<DownloadOutlined />}
          href={targetsTemplateHref(orgId, year)}
          download
          data-testid="targets-template"
        >
          下载 {year} 年目标模板
        </Button>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          2. 上传填好的文件（.xlsx，或 UTF-8 / GBK 编码的 .csv）。全部行无误才会导入，否则不导入任何目标。
        </Typography.Paragraph>
        <div data-testid="targets-dragger">
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              setFileName(file.name);
              upload.mutate(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              {upload.isPending ? `正在导入 ${fileName ?? ''}…` : '点击或把文件拖到这里上传'}
            </p>
            <p className="ant-upload-hint">导入 {year} 年的目标，支持 .xlsx、.csv，不超过 10 MB</p>
          </Upload.Dragger>
        </div>
        {upload.isSuccess && (
          <Alert
            type="success"
            showIcon
            message={resultText(upload.data)}
            description={fileName ? `文件：${fileName}；看板已刷新` : '看板已刷新'}
            data-testid="targets-import-success"
          />
        )}
        {upload.isError && (
          <Alert
            type="error"
            showIcon
            message={errorMessage(upload.error)}
            description={
              issues && issues.total > issues.errors.length
                ? `以下列出前 ${issues.errors.length} 处，共 ${issues.total} 处`
                : undefined
            }
            data-testid="targets-import-error"
          />
        )}
        {issues && (
          <Table<TargetsImportIssue & { key: number }>
            size="small"
            data-testid="targets-import-issues"
            rowKey="key"
            dataSource={issues.errors.map((e, key) => ({ ...e, key }))}
            pagination={issues.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: '行号', dataIndex: 'row', width: 64, render: (v: number | null) => v ?? '—' },
              { title: '列', dataIndex: 'column', width: 150 },
              { title: '原值', dataIndex: 'value', width: 140, ellipsis: true },
              { title: '问题', dataIndex: 'reason' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
