// One bulletin issue (`/bulletin/issues/:id`) laid out like the printed bulletin: the red
// masthead, each column as 【栏目】 with its full items and run-in briefs, sources in brackets,
// and the distribution lines at the bottom. Everything is rendered as text, never as HTML.
import type { CSSProperties } from 'react';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { ISSUE_STATE_LABELS, type IssueView } from '../contract';
import { chineseDate, fetchIssue, issueKeys, issueNumberLabel } from './bulletin-api';

type IssueItem = IssueView['columns'][number]['items'][number];

const RED = '#c8161d';
const SERIF = '"FangSong", "STFangsong", "仿宋", "Songti SC", "SimSun", serif';
const PARAGRAPH: CSSProperties = {
  margin: '0 0 8px',
  textIndent: '2em',
  lineHeight: 1.9,
  fontSize: 16,
  whiteSpace: 'pre-wrap',
};

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

function FlagTag({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <div style={{ margin: '0 0 8px' }} data-testid="issue-item-flag">
      <Tag color="orange">需核对</Tag>
      <Typography.Text type="warning" style={{ fontSize: 13 }}>
        {reason}
      </Typography.Text>
    </div>
  );
}

function FullItem({ item }: { item: IssueItem }) {
  const sources = sourcesText(item.sources);
  const lines = paragraphs(item.body);
  return (
    <div style={{ marginBottom: 20 }} data-testid="issue-item">
      {item.title && (
        <h3 style={{ textAlign: 'center', fontWeight: 700, fontSize: 18, margin: '8px 0 10px' }}>
          {item.title}
        </h3>
      )}
      <FlagTag reason={item.flagged} />
      {lines.map((line, i) => (
        <p key={i} style={PARAGRAPH}>
          {line}
          {sources && i === lines.length - 1 && sources}
        </p>
      ))}
      {sources && lines.length === 0 && <p style={PARAGRAPH}>{sources}</p>}
    </div>
  );
}

function BriefItem({ item }: { item: IssueItem }) {
  const sources = sourcesText(item.sources);
  const text = paragraphs(item.body).join('');
  return (
    <div data-testid="issue-item">
      <FlagTag reason={item.flagged} />
      <p style={PARAGRAPH}>
        {item.title && <strong>{runInTitle(item.title)}</strong>}
        {text}
        {sources}
      </p>
    </div>
  );
}

function Distribution({ issue }: { issue: IssueView }) {
  const d = issue.distribution;
  const lines: [string, string | null][] = [
    ['报：', d.report],
    ['送：', d.send],
    ['发：', d.issue],
    ['本期印发：', d.issuedTo],
  ];
  const shown = lines.filter((l): l is [string, string] => Boolean(l[1]));
  if (shown.length === 0 && issue.printCount === null) return null;
  return (
    <div
      style={{ borderTop: `2px solid ${RED}`, marginTop: 24, paddingTop: 12, fontSize: 14, lineHeight: 1.9 }}
      data-testid="issue-distribution"
    >
      {shown.map(([label, value]) => (
        <div key={label}>
          <strong>{label}</strong>
          {value}
        </div>
      ))}
      {issue.printCount !== null && <div style={{ textAlign: 'right' }}>（共印 {issue.printCount} 份）</div>}
    </div>
  );
}

export default function IssuePage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: issueKeys.detail(id), queryFn: () => fetchIssue(id) });
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const issue = query.data;
  const date = chineseDate(issue.date);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/bulletin/archive">
          <Button icon={<ArrowLeftOutlined />}>往期简报</Button>
        </Link>
        <Tag>{ISSUE_STATE_LABELS[issue.state]}</Tag>
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
        <article
          data-testid="issue-sheet"
          style={{ maxWidth: 760, margin: '0 auto', padding: '40px 48px 48px', fontFamily: SERIF }}
        >
          <header style={{ textAlign: 'center' }} data-testid="issue-masthead">
            <div style={{ color: RED, fontSize: 44, fontWeight: 700, letterSpacing: 8, lineHeight: 1.3 }}>
              {issue.series}
            </div>
            <div style={{ fontSize: 16, margin: '12px 0 4px' }}>
              {issue.year}年{issueNumberLabel(issue)}
              {issue.totalNumber !== null && `（总第${issue.totalNumber}期）`}
            </div>
            <div
              style={{
                display: 'flex',
                justifyContent: 'flex-end',
                fontSize: 15,
                paddingBottom: 6,
                borderBottom: `3px solid ${RED}`,
                minHeight: 30,
              }}
            >
              {date}
            </div>
          </header>
          <div style={{ marginTop: 20 }}>
            {issue.columns.map((column, c) => (
              <section key={`${c}-${column.name}`} data-testid="issue-column">
                <h2 style={{ fontSize: 18, fontWeight: 700, margin: '16px 0 8px' }}>【{column.name}】</h2>
                {column.items.map((item, i) =>
                  item.kind === 'brief' ? (
                    <BriefItem key={i} item={item} />
                  ) : (
                    <FullItem key={i} item={item} />
                  ),
                )}
              </section>
            ))}
            {issue.columns.length === 0 && (
              <Typography.Paragraph type="secondary">本期没有读到信息条目</Typography.Paragraph>
            )}
          </div>
          <Distribution issue={issue} />
        </article>
      </Card>
    </Space>
  );
}
