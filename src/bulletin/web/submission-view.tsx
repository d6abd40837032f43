// Pieces of an item shared by the officer's and the editor's pages: its state tag, its text,
// the comparison of original and edited text, its history and its pictures.
import { Alert, Card, Col, Descriptions, Empty, Image, Row, Space, Tag, Timeline, Typography } from 'antd';
import {
  ADOPTION_KIND_LABELS,
  SUBMISSION_STATE_LABELS,
  type SubmissionDetail,
  type SubmissionImageView,
  type SubmissionState,
  type TextFigure,
} from '../contract';
import { STATE_COLORS, timeText } from './submission-format';
import { diffStats, diffText, type DiffPart } from './text-diff';

export function StateTag({ state }: { state: SubmissionState }) {
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="submission-state">
      {SUBMISSION_STATE_LABELS[state]}
    </Tag>
  );
}

const bodyStyle: React.CSSProperties = {
  whiteSpace: 'pre-wrap',
  lineHeight: 1.9,
  fontSize: 15,
  margin: 0,
  wordBreak: 'break-word',
};

/** A title and body as written. */
export function ItemText({ title, body, testId }: { title: string; body: string; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
        {title}
      </Typography.Title>
      <div style={bodyStyle}>{body}</div>
    </div>
  );
}

function Marked({ parts, side }: { parts: DiffPart[]; side: 'before' | 'after' }) {
  const hidden = side === 'before' ? 'insert' : 'delete';
  return (
    <>
      {parts.map((p, i) => {
        if (p.op === hidden) return null;
        if (p.op === 'equal') return <span key={i}>{p.text}</span>;
        return p.op === 'delete' ? (
          <del key={i} className="diff-del" style={{ background: '#ffd8d6', color: '#a8071a' }}>
            {p.text}
          </del>
        ) : (
          <ins
            key={i}
            className="diff-ins"
            style={{ background: '#c7f0c2', color: '#135200', textDecoration: 'none' }}
          >
            {p.text}
          </ins>
        );
      })}
    </>
  );
}

/** Original and edited text side by side, the changed characters marked on each side. */
export function DiffView({
  before,
  after,
}: {
  before: { title: string; body: string };
  after: { title: string; body: string };
}) {
  const title = diffText(before.title, after.title);
  const body = diffText(before.body, after.body);
  const stats = diffStats([...title, ...body]);
  const unchanged = stats.deleted === 0 && stats.inserted === 0;
  const column = (label: string, side: 'before' | 'after') => (
    <Col xs={24} md={12}>
      <Card
        size="small"
        title={label}
        style={{ height: '100%' }}
        data-testid={side === 'before' ? 'diff-original' : 'diff-edited'}
      >
        <Typography.Title level={5} style={{ textAlign: 'center', marginTop: 0 }}>
          <Marked parts={title} side={side} />
        </Typography.Title>
        <div style={bodyStyle}>
          <Marked parts={body} side={side} />
        </div>
      </Card>
    </Col>
  );
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="diff-view">
      <Typography.Text type="secondary" data-testid="diff-stats">
        {unchanged
          ? '编辑稿与原稿相同'
          : `与原稿相比：删去 ${stats.deleted} 字，增加 ${stats.inserted} 字（红色为删去，绿色为增加）`}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {column('原稿', 'before')}
        {column('编辑稿', 'after')}
      </Row>
    </Space>
  );
}

export function EventTimeline({ events }: { events: SubmissionDetail['events'] }) {
  return (
    <Timeline
      data-testid="submission-events"
      items={events.map((e) => ({
        key: e.id,
        color: STATE_COLORS[e.toState] === 'error' ? 'red' : e.toState === 'returned' ? 'orange' : 'blue',
        children: (
          <Space direction="vertical" size={0}>
            <span>
              <Typography.Text strong>{e.actorName}</Typography.Text>{' '}
              {e.fromState === null ? '新建为' : '改为'} {SUBMISSION_STATE_LABELS[e.toState]}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {timeText(e.at)}
            </Typography.Text>
            {e.comment && <Typography.Text>{e.comment}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

export function ImageThumbs({ images }: { images: SubmissionImageView[] }) {
  if (!images.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8} data-testid="submission-images">
        {images.map((img) => (
          <Space key={img.id} direction="vertical" size={0} style={{ width: 120 }}>
            <Image
              src={img.url}
              alt={img.fileName}
              width={120}
              height={90}
              style={{ objectFit: 'cover', borderRadius: 4 }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis title={img.fileName}>
              {img.width}×{img.height}
            </Typography.Text>
          </Space>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** What the editor said, on top of the item where the officer looks first. */
export function EditorNotes({ item }: { item: SubmissionDetail }) {
  return (
    <>
      {item.state === 'returned' && item.editorComment && (
        <Alert
          type="warning"
          showIcon
          data-testid="editor-comment"
          message="编辑退回修改"
          description={item.editorComment}
        />
      )}
      {item.state === 'rejected' && item.rejectReason && (
        <Alert
          type="error"
          showIcon
          data-testid="reject-reason"
          message="未采用"
          description={item.rejectReason}
        />
      )}
      {item.state === 'merged' && <Alert type="info" showIcon message="该稿件已与其他稿件合并采用" />}
    </>
  );
}

/** The facts of an item: units, authors, columns, times. */
export function ItemFacts({ item }: { item: SubmissionDetail }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="submission-facts">
      <Descriptions.Item label="报送单位">
        {[item.org, ...item.coOrgs].map((o) => o.name).join('、')}
      </Descriptions.Item>
      <Descriptions.Item label="作者">{item.authors.join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label="建议栏目">{item.suggestedColumn?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="报送时间">{timeText(item.submittedAt)}</Descriptions.Item>
      {item.column && (
        <Descriptions.Item label="采用">
          {item.column.name}
          {item.adoptionKind ? `（${ADOPTION_KIND_LABELS[item.adoptionKind]}）` : ''}，
          {timeText(item.adoptedAt)}
        </Descriptions.Item>
      )}
      {item.mergedFrom.length > 0 && (
        <Descriptions.Item label="合并自" span={2}>
          {item.mergedFrom.map((s) => `《${s.title}》（${s.org.name}）`).join('')}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });

/** The figures found in the printed text, for the editor to check against the source. */
export function FiguresCard({ figures }: { figures: TextFigure[] }) {
  if (!figures.length) return null;
  return (
    <Card size="small" title={`文中数字（${figures.length}，请核对）`} data-testid="submission-figures">
      <Space wrap size={[8, 8]}>
        {figures.map((f, i) => (
          <Tag key={i} color={f.approximate ? 'gold' : 'blue'} style={{ fontSize: 13, padding: '2px 8px' }}>
            {f.raw}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {number.format(f.value)}
              {f.unit ? ` ${f.unit}` : ''}
              {f.approximate ? '（约数）' : ''}
            </Typography.Text>
          </Tag>
        ))}
      </Space>
    </Card>
  );
}

/** The whole item for reading: notes, facts, text (or comparison when edited), pictures, history. */
export function SubmissionBody({ item }: { item: SubmissionDetail }) {
  const edited = item.editedTitle !== null || item.editedBody !== null;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <EditorNotes item={item} />
      <ItemFacts item={item} />
      {edited ? (
        <DiffView
          before={{ title: item.title, body: item.body }}
          after={{ title: item.editedTitle ?? item.title, body: item.editedBody ?? item.body }}
        />
      ) : (
        <Card size="small">
          <ItemText title={item.title} body={item.body} testId="submission-text" />
        </Card>
      )}
      <FiguresCard figures={item.figures} />
      {item.images.length > 0 && (
        <Card size="small" title={`图片（${item.images.length}）`}>
          <ImageThumbs images={item.images} />
        </Card>
      )}
      <Card size="small" title="处理记录">
        {item.events.length ? <EventTimeline events={item.events} /> : <Empty description="暂无记录" />}
      </Card>
    </Space>
  );
}
