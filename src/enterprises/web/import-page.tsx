// Import of an enterprise list (`/enterprises/import`): template, upload, a progress bar that
// polls the job, then either the summary or the rejection with its errors and the full error
// report; a corrected file can be uploaded again from the same page. The job's id stays in the
// address bar, so a reload keeps following it.
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Progress,
  Radio,
  Result,
  Space,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../web/api';
import type { JobView } from '../../platform/shared/jobs-contract';
import {
  errorReportHref,
  fetchJob,
  importResultOf,
  invalidateEnterprises,
  isDryRunJob,
  TEMPLATE_HREF,
  uploadImport,
  type ImportResultView,
} from './enterprise-api';

type Mode = 'check' | 'import';

const MAX_BYTES = 200 * 2 ** 20;
const ACCEPT = '.xlsx,.csv,.xls,.txt';

interface UploadState {
  name: string;
  percent: number;
  error?: unknown;
}

export default function ImportPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [mode, setMode] = useState<Mode>('check');
  const [file, setFile] = useState<File | null>(null);
  // Rows of the chosen CSV counted in the browser, so that the bar can show a share while the
  // server reads (it knows the total only at the end); null for workbooks.
  const [estimate, setEstimate] = useState<{ file: File; rows: number } | null>(null);
  const [upload, setUpload] = useState<UploadState | null>(null);

  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => fetchJob(jobId ?? ''),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 500 : false),
    staleTime: Infinity,
  });
  const finished = job.data && job.data.state !== 'running' ? job.data : null;

  // A committed import changes the list, the details and the home page's counts.
  const committedId = finished?.state === 'succeeded' && !isDryRunJob(finished) ? finished.id : null;
  useEffect(() => {
    if (committedId) void invalidateEnterprises(queryClient);
  }, [committedId, queryClient]);

  // The outcome may lie below the upload area: bring it into view when it arrives.
  const resultRef = useRef<HTMLDivElement>(null);
  const finishedId = finished?.id;
  useEffect(() => {
    if (finishedId) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [finishedId]);

  const start = async (chosen: File, dryRun: boolean) => {
    if (chosen.size > MAX_BYTES) {
      void message.error(`文件超过 ${MAX_BYTES / 2 ** 20} MB 上限，请拆分后分批导入`);
      return;
    }
    setFile(chosen);
    if (estimate?.file !== chosen) {
      setEstimate(null);
      void countCsvRows(chosen).then((rows) => rows !== null && setEstimate({ file: chosen, rows }));
    }
    setUpload({ name: chosen.name, percent: 0 });
    setParams({}, { replace: true });
    try {
      const started = await uploadImport(chosen, dryRun, queryClient, (percent) =>
        setUpload({ name: chosen.name, percent }),
      );
      queryClient.setQueryData(['jobs', started.id], started);
      setUpload(null);
      setParams({ job: started.id }, { replace: true });
    } catch (error) {
      setUpload({ name: chosen.name, percent: 100, error });
    }
  };

  const busy = !!upload && !upload.error ? true : job.data?.state === 'running';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[{ title: <Link to="/enterprises">企业名单</Link> }, { title: '导入企业名单' }]}
        />
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          导入企业名单
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
          按模板填写企业及其工会情况（建会、换届、集体合同、工资专项集体协议等），上传 Excel 工作簿（.xlsx）或
          CSV 文件（UTF-8 或 GBK 编码均可）。必填列：统一社会信用代码、企业名称、所属乡镇(街道)。
          已登记的企业按信用代码更新，事项追加到其时间线。导入是整体进行的：只要有一处错误，就不会写入任何数据。
        </Typography.Paragraph>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap size={24}>
            <Button icon={<FileExcelOutlined />} href={TEMPLATE_HREF} download data-testid="import-template">
              下载导入模板
            </Button>
            <Space>
              <span>上传后：</span>
              <Radio.Group
                value={mode}
                onChange={(e) => setMode(e.target.value as Mode)}
                optionType="button"
                buttonStyle="solid"
                disabled={busy}
                options={[
                  { value: 'check', label: '先校验（不写入）' },
                  { value: 'import', label: '导入' },
                ]}
                data-testid="import-mode"
              />
            </Space>
          </Space>
          <div data-testid="import-dragger">
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(chosen) => {
                void start(chosen, mode === 'check');
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">
                {finished ? '改正后，点击或把文件拖到这里重新上传' : '点击或把文件拖到这里上传'}
              </p>
              <p className="ant-upload-hint">
                {mode === 'check' ? '只校验，不写入数据；校验通过后可一键导入' : '校验通过后直接写入'}
                ，支持 .xlsx、.csv，不超过 200 MB
              </p>
            </Upload.Dragger>
          </div>
        </Space>
      </Card>
      {(upload || jobId) && (
        <Card title={finished ? '导入结果' : '导入进度'} ref={resultRef}>
          <div data-testid="import-progress">
            <ImportProgress
              upload={upload}
              job={job.data}
              estimatedRows={estimate && estimate.file === file ? estimate.rows : null}
              loadError={job.isError ? job.error : null}
            />
          </div>
          {finished && (
            <div data-testid="import-result" style={{ marginTop: 16 }}>
              <ImportOutcome
                job={finished}
                canRetryForReal={!!file && isDryRunJob(finished) && finished.state === 'succeeded'}
                onImportForReal={() => {
                  if (file) {
                    setMode('import');
                    void start(file, false);
                  }
                }}
              />
            </div>
          )}
        </Card>
      )}
    </Space>
  );
}

/** Data rows of a CSV file (line breaks less the header), or null for other files. */
async function countCsvRows(file: File): Promise<number | null> {
  if (!/\.(csv|txt)$/i.test(file.name)) return null;
  let breaks = 0;
  let last = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const byte of value) if (byte === 10) breaks += 1;
    last = value.at(-1) ?? last;
  }
  const lines = breaks + (last === 10 || file.size === 0 ? 0 : 1);
  return Math.max(0, lines - 1);
}

function ImportProgress({
  upload,
  job,
  estimatedRows,
  loadError,
}: {
  upload: UploadState | null;
  job: JobView | undefined;
  estimatedRows: number | null;
  loadError: unknown;
}) {
  if (upload?.error) {
    return (
      <Alert
        type="error"
        showIcon
        message={`“${upload.name}”上传未成功`}
        description={errorMessage(upload.error)}
      />
    );
  }
  if (loadError) {
    return <Alert type="error" showIcon message="无法读取导入任务" description={errorMessage(loadError)} />;
  }
  const failed = job?.state === 'failed';
  // A file that cannot be read at all (no header, missing columns) fails while reading.
  const failedReading = failed && !!job && importResultOf(job) === null;
  const stepOf = () => {
    if (upload || !job) return 0;
    if (failedReading) return 1;
    if (job.state !== 'running') return 3;
    return job.total === null ? 1 : 2;
  };
  const step = stepOf();
  const rows = job?.progress ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Steps
        size="small"
        current={step}
        status={failed ? 'error' : step === 3 ? 'finish' : 'process'}
        items={[
          { title: '上传文件' },
          { title: '读取与校验' },
          { title: job && isDryRunJob(job) ? '核对' : '核对与写入' },
          { title: failed && !failedReading ? '未通过' : '完成' },
        ]}
      />
      {upload ? (
        <div>
          <Typography.Text>正在上传“{upload.name}”</Typography.Text>
          <Progress percent={upload.percent} status="active" />
        </div>
      ) : job ? (
        <div>
          <Typography.Text data-testid="import-rows">
            {job.state === 'running'
              ? job.total === null
                ? `正在读取与校验：已读取 ${rows} 行${estimatedRows ? `，共约 ${estimatedRows} 行` : ''}`
                : `已读取 ${job.total} 行。${job.message ?? '正在处理'}……`
              : `已读取 ${job.total ?? rows} 行`}
          </Typography.Text>
          {job.state !== 'running' ? (
            <Progress percent={100} status={failed ? 'exception' : 'success'} />
          ) : job.total === null && estimatedRows ? (
            <Progress percent={Math.min(99, Math.floor((rows / estimatedRows) * 100))} status="active" />
          ) : job.total === null ? (
            // How many rows a workbook holds is known only once it has been read.
            <Progress percent={100} status="active" showInfo={false} strokeColor="#91caff" />
          ) : (
            <Progress percent={100} status="active" format={() => '处理中'} />
          )}
        </div>
      ) : (
        <Progress percent={0} status="active" showInfo={false} />
      )}
    </Space>
  );
}

function ImportOutcome({
  job,
  canRetryForReal,
  onImportForReal,
}: {
  job: JobView;
  canRetryForReal: boolean;
  onImportForReal: () => void;
}) {
  const result = importResultOf(job);
  const dryRun = isDryRunJob(job);
  if (job.state === 'succeeded') {
    return (
      <Result
        status="success"
        style={{ padding: '16px 0' }}
        title={dryRun ? '校验通过，尚未写入' : '导入完成'}
        subTitle={
          result && (
            <span data-testid="import-summary">
              {dryRun
                ? `共 ${result.rows} 行，全部有效：将新增 ${result.created} 家，更新 ${result.updated} 家。`
                : `共 ${result.rows} 行：新增 ${result.created} 家，更新 ${result.updated} 家，事项 ${result.facts} 条。`}
            </span>
          )
        }
        extra={
          <Space wrap>
            {dryRun && canRetryForReal && (
              <Button type="primary" onClick={onImportForReal}>
                导入此文件
              </Button>
            )}
            {dryRun && !canRetryForReal && (
              <Typography.Text type="secondary">请选择“导入”后重新上传该文件以写入数据</Typography.Text>
            )}
            <Link to="/enterprises">
              <Button type={dryRun ? 'default' : 'primary'}>查看企业名单</Button>
            </Link>
          </Space>
        }
      >
        {result && result.warnings.length > 0 && <Warnings warnings={result.warnings} />}
      </Result>
    );
  }
  return <Rejection job={job} result={result} />;
}

function Warnings({ warnings }: { warnings: string[] }) {
  return (
    <Alert
      type="warning"
      showIcon
      message={`请留意（${warnings.length} 条提示，不影响导入）`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="import-warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      }
    />
  );
}

function Rejection({ job, result }: { job: JobView; result: ImportResultView | null }) {
  const shown = result?.errors.length ?? 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="error"
        showIcon
        message={isDryRunJob(job) ? '校验未通过' : '导入未成功，没有写入任何数据'}
        description={<span data-testid="import-message">{job.message ?? '导入失败'}</span>}
        action={
          result?.hasReport ? (
            <Button
              danger
              icon={<DownloadOutlined />}
              href={errorReportHref(job.id)}
              download
              data-testid="import-error-report"
            >
              下载错误明细
            </Button>
          ) : undefined
        }
      />
      {result && result.errors.length > 0 && (
        <>
          <Typography.Text>
            共 {result.rows} 行，发现 {result.errorCount} 处错误
            {result.errorCount > shown ? `，下面列出前 ${shown} 处，全部错误请下载错误明细` : ''}。
            改正后请在上方重新上传。
          </Typography.Text>
          <Table
            data-testid="import-errors"
            size="small"
            rowKey="key"
            dataSource={result.errors.map((e, key) => ({ ...e, key }))}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80, align: 'right' },
              { title: '列', dataIndex: 'column', width: 180 },
              {
                title: '原值',
                dataIndex: 'value',
                width: 220,
                render: (v: string) =>
                  v ? (
                    <Typography.Text code style={{ wordBreak: 'break-all' }}>
                      {v}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">（空）</Typography.Text>
                  ),
              },
              { title: '问题', dataIndex: 'reason' },
            ]}
          />
        </>
      )}
      {result && result.warnings.length > 0 && <Warnings warnings={result.warnings} />}
    </Space>
  );
}
