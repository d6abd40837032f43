// One bulletin issue (`/bulletin/issues/:id`) laid out like the printed bulletin: the red
// masthead, each column as 【栏目】 with its full items and run-in briefs, sources in brackets,
// and the distribution lines at the bottom. Everything is rendered as text, never as HTML.
// 打印 prints only the bulletin: a copy of the sheet sized in points is portalled to <body> and
// `@media print` hides everything else, on A4 with the official margins (GB/T 9704-2012). Issues
// that went out (archived or published) are also downloaded as Word in the official layout.
import type { CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { ISSUE_STATE_LABELS, type IssueView } from '../contract';
import { chineseDate } from '../../platform/shared/dates';
import { fetchIssue, issueKeys, issueNumberLabel } from './bulletin-api';

type IssueItem = IssueView['columns'][number]['items'][number];

const RED = '#c8161d';
const SERIF = '"仿宋_GB2312", "FangSong", "STFangsong", "仿宋", "Songti SC", "SimSun", serif';
const TITLE_FONT = '"方正小标宋简体", "华文中宋", "STZhongsong", "Songti SC", "SimSun", serif';
const HEADING_FONT = '"黑体", "SimHei", "STHeiti", sans-serif';

/** Sizes on screen (px) and on paper (pt: 3号 body, 4号 distribution, one 28.95 pt grid line). */
const SIZES = {
  screen: { unit: 'px', masthead: 44, line: 16, heading: 18, title: 18, body: 16, note: 14, leading: 1.9 },
  print: { unit: 'pt', masthead: 42, line: 16, heading: 16, title: 20, body: 16, note: 14, leading: 1.81 },
} as const;
type Media = keyof typeof SIZES;

const PRINT_CLASS = 'gh-issue-print';
/** Only the portalled sheet is printed, on A4 with the margins of GB/T 9704-2012. */
const PRINT_CSS = `
.${PRINT_CLASS} { display: none; }
@media print {
  @page {
    size: A4;
    margin: 37mm 26mm 35mm 28mm;
    @bottom-center { content: "— " counter(page) " —"; font: 14pt "宋体", "SimSun", serif; }
  }
  html, body { background: #fff !important; }
  body > *:not(.${PRINT_CLASS}) { display: none !important; }
  .${PRINT_CLASS} { display: block; color: #000; }
  .${PRINT_CLASS} * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .${PRINT_CLASS} h2, .${PRINT_CLASS} h3 { break-after: avoid; }
  .${PRINT_CLASS} [data-print-keep] { break-inside: avoid; }
}
`;

function paragraphStyle(media: Media): CSSProperties {
  const z = SIZES[media];
  return {
    margin: media === 'print' ? 0 : '0 0 8px',
    textIndent: '2em',
    textAlign: 'justify',
    lineHeight: z.leading,
    fontSize: `${z.body}${z.unit}`,
    whiteSpace: 'pre-wrap',
  };
}

/** Body lines without the indentation the old files used. */
function paragraphs(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0);
}

/** A brief's title runs into its body, so it ends with a full stop as in print. */
function runInTitle(title: string): string {
  return /[。！？!?.…]$/.test(title) ? title : `${title}。`;
}

function sourcesText(sources: string[]): string | null {
  return sources.length > 0 ? `（${sources.join('、')}）` : null;
}

function FlagTag({ reason, media }: { reason: string | null; media: Media }) {
  if (!reason || media === 'print') return null;
  return (
    <div style={{ margin: '0 0 8px' }} data-testid="issue-item-flag">
      <Tag color="orange">需核对</Tag>
      <Typography.Text type="warning" style={{ fontSize: 13 }}>
        {reason}
      </Typography.Text>
    </div>
  );
}

function FullItem({ item, media }: { item: IssueItem; media: Media }) {
  const z = SIZES[media];
  const sources = sourcesText(item.sources);
  const lines = paragraphs(item.body);
  const paragraph = paragraphStyle(media);
  return (
    <div style={{ marginBottom: media === 'print' ? 0 : 20 }} data-testid="issue-item">
      {item.title && (
        <h3
          style={{
            textAlign: 'center',
            fontFamily: TITLE_FONT,
            fontWeight: media === 'print' ? 400 : 700,
            fontSize: `${z.title}${z.unit}`,
            margin: media === 'print' ? '14.5pt 0' : '8px 0 10px',
          }}
        >
          {item.title}
        </h3>
      )}
      <FlagTag reason={item.flagged} media={media} />
      {lines.map((line, i) => (
        <p key={i} style={paragraph}>
          {line}
          {sources && i === lines.length - 1 && sources}
        </p>
      ))}
      {sources && lines.length === 0 && <p style={paragraph}>{sources}</p>}
    </div>
  );
}

function BriefItem({ item, media }: { item: IssueItem; media: Media }) {
  const sources = sourcesText(item.sources);
  const text = paragraphs(item.body).join('');
  return (
    <div data-testid="issue-item">
      <FlagTag reason={item.flagged} media={media} />
      <p style={paragraphStyle(media)}>
        {item.title && <strong>{runInTitle(item.title)}</strong>}
        {text}
        {sources}
      </p>
    </div>
  );
}

function Distribution({ issue, media }: { issue: IssueView; media: Media }) {
  const z = SIZES[media];
  const d = issue.distribution;
  const lines: [string, string | null][] = [
    ['报：', d.report],
    ['送：', d.send],
    ['发：', d.issue],
    ['本期印发：', d.issuedTo],
  ];
  const shown = lines.filter((l): l is [string, string] => Boolean(l[1]));
  if (shown.length === 0 && issue.printCount === null) return null;
  const print = media === 'print';
  return (
    <div
      data-print-keep
      style={{
        // On paper the distribution sits between black rules, as the 版记 of official documents.
        borderTop: print ? '1pt solid #000' : `2px solid ${RED}`,
        borderBottom: print ? '1pt solid #000' : undefined,
        marginTop: print ? '28.95pt' : 24,
        paddingTop: print ? 0 : 12,
        fontSize: `${z.note}${z.unit}`,
        lineHeight: print ? '28.95pt' : 1.9,
      }}
      data-testid={print ? undefined : 'issue-distribution'}
    >
      {shown.map(([label, value]) => (
        <div key={label} style={{ paddingLeft: `${label.length + 1}em`, textIndent: `-${label.length}em` }}>
          <strong>{label}</strong>
          {value}
        </div>
      ))}
      {issue.printCount !== null && (
        <div
          style={{
            textAlign: 'right',
            paddingRight: '1em',
            borderTop: print && shown.length > 0 ? '0.75pt solid #000' : undefined,
          }}
        >
          （共印{issue.printCount}份）
        </div>
      )}
    </div>
  );
}

/** The issue as printed; `print` sizes it in points for paper and leaves out the 需核对 tags. */
function IssueSheet({ issue, media }: { issue: IssueView; media: Media }) {
  const z = SIZES[media];
  const print = media === 'print';
  const date = chineseDate(issue.date);
  const testId = (id: string) => (print ? undefined : id);
  return (
    <article
      data-testid={testId('issue-sheet')}
      style={
        print
          ? { fontFamily: SERIF, fontSize: `${z.body}pt`, color: '#000' }
          : { maxWidth: 760, margin: '0 auto', padding: '40px 48px 48px', fontFamily: SERIF }
      }
    >
      <header style={{ textAlign: 'center' }} data-testid={testId('issue-masthead')}>
        <div
          style={{
            color: RED,
            fontFamily: TITLE_FONT,
            fontSize: `${z.masthead}${z.unit}`,
            fontWeight: print ? 400 : 700,
            letterSpacing: print ? '10pt' : 8,
            lineHeight: 1.3,
          }}
        >
          {issue.series}
        </div>
        <div style={{ fontSize: `${z.line}${z.unit}`, margin: print ? '6pt 0 0' : '12px 0 4px' }}>
          {issue.year}年{issueNumberLabel(issue)}
          {issue.totalNumber !== null && `（总第${issue.totalNumber}期）`}
        </div>
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            fontSize: `${z.line}${z.unit}`,
            paddingBottom: print ? '4pt' : 6,
            borderBottom: print ? `2.25pt solid ${RED}` : `3px solid ${RED}`,
            minHeight: print ? '28.95pt' : 30,
            alignItems: 'flex-end',
          }}
        >
          <span data-testid={testId('issue-editing-unit')}>
            {issue.editingUnit ? `${issue.editingUnit}编` : ''}
          </span>
          <span>{date}</span>
        </div>
      </header>
      <div style={{ marginTop: print ? '28.95pt' : 20 }}>
        {issue.columns.map((column, c) => (
          <section key={`${c}-${column.name}`} data-testid={testId('issue-column')}>
            <h2
              style={{
                fontFamily: HEADING_FONT,
                fontSize: `${z.heading}${z.unit}`,
                fontWeight: 700,
                margin: print ? 0 : '16px 0 8px',
                lineHeight: print ? '28.95pt' : undefined,
              }}
            >
              【{column.name}】
            </h2>
            {column.items.map((item, i) =>
              item.kind === 'brief' ? (
                <BriefItem key={i} item={item} media={media} />
              ) : (
                <FullItem key={i} item={item} media={media} />
              ),
            )}
          </section>
        ))}
        {issue.columns.length === 0 && !print && (
          <Typography.Paragraph type="secondary">本期没有读到信息条目</Typography.Paragraph>
        )}
      </div>
      <Distribution issue={issue} media={media} />
    </article>
  );
}

/** Word export of issues that went out; drafts are refused by the server. */
function exportHref(issue: IssueView): string | null {
  if (issue.state !== 'archived' && issue.state !== 'published') return null;
  return `/api/bulletin/issues/${encodeURIComponent(issue.id)}/export.docx`;
}

export default function IssuePage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: issueKeys.detail(id), queryFn: () => fetchIssue(id) });
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const issue = query.data;
  const wordHref = exportHref(issue);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <style>{PRINT_CSS}</style>
      <Space wrap>
        <Link to="/bulletin/archive">
          <Button icon={<ArrowLeftOutlined />}>往期简报</Button>
        </Link>
        <Tag>{ISSUE_STATE_LABELS[issue.state]}</Tag>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="issue-print">
          打印
        </Button>
        {wordHref && (
          <Button icon={<DownloadOutlined />} href={wordHref} download data-testid="issue-word">
            下载Word
          </Button>
        )}
      </Space>
      {issue.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="issue-warnings"
          message="导入时发现以下问题，请对照原件核对"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {issue.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <IssueSheet issue={issue} media="screen" />
      </Card>
      {createPortal(
        <div className={PRINT_CLASS} data-testid="issue-print-sheet">
          <IssueSheet issue={issue} media="print" />
        </div>,
        document.body,
      )}
    </Space>
  );
}
