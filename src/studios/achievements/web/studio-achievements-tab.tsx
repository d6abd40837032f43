// A studio's achievements (the studio page's 创新成果 tab): its totals, then its records year by
// year as cards that fit a phone — each with the fields of its kind, its benefit and basis, and
// its files — with adding, changing and (after a confirmation) removing for the studio's own side.
import { lazy, Suspense, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Statistic,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE, api, errorMessage } from '../../../web/api';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import {
  ATTACHMENT_ACCEPT,
  MAX_ATTACHMENT_BYTES,
  type AttachmentView,
} from '../../../platform/shared/attachments-contract';
import {
  ACHIEVEMENT_KIND_LABELS,
  AWARD_LEVEL_LABELS,
  MAX_ACHIEVEMENT_ATTACHMENTS,
  PATENT_KIND_LABELS,
  yuanText,
  type AchievementTotals,
  type AchievementView,
} from '../contract';
import {
  achievementKeys,
  deleteAchievement,
  fetchStudioAchievements,
  uploadAttachment,
} from './achievements-api';

const AchievementForm = lazy(() =>
  import('./achievement-form').then((m) => ({ default: m.AchievementForm })),
);

const KIND_COLORS: Record<AchievementView['kind'], string> = {
  innovation: 'blue',
  improvement: 'cyan',
  patent: 'purple',
  project: 'geekblue',
  training: 'green',
  proposal: 'orange',
  award: 'gold',
};

/** The figures of a set of records, as small statistics that wrap on a phone. */
export function TotalsStrip({ totals }: { totals: AchievementTotals }) {
  const patents = totals.kinds.patent;
  const items = [
    { title: '成果', value: totals.records, suffix: '项' },
    { title: '专利', value: patents, suffix: '件' },
    { title: '培养人才', value: totals.peopleTrained, suffix: '人' },
    { title: '合理化建议', value: totals.proposals, suffix: '条' },
    { title: '获奖', value: totals.kinds.award, suffix: '项' },
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col key={i.title} xs={8} sm={4}>
          <Statistic title={i.title} value={i.value} suffix={i.suffix} valueStyle={{ fontSize: 20 }} />
        </Col>
      ))}
      <Col xs={24} sm={8}>
        <Statistic
          title="经济效益"
          value={totals.benefitYuan}
          precision={2}
          suffix="元"
          valueStyle={{ fontSize: 20 }}
        />
      </Col>
    </Row>
  );
}

function Files({
  achievement,
  mayWrite,
  onChanged,
}: {
  achievement: AchievementView;
  mayWrite: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (file: File) => uploadAttachment(achievement.id, file),
    onSuccess: async (saved) => {
      void message.success(`已上传“${saved.fileName}”`);
      await onChanged();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: (a: AttachmentView) => api.delete(a.url),
    onSuccess: async () => {
      void message.success('附件已删除');
      await onChanged();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const room = achievement.attachments.length < MAX_ACHIEVEMENT_ATTACHMENTS;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      {achievement.attachments.map((a) => (
        <Space key={a.id} size={4} wrap>
          <PaperClipOutlined />
          <a href={a.url} target="_blank" rel="noreferrer">
            {a.fileName}
          </a>
          {mayWrite && (
            <Popconfirm
              title={`删除附件“${a.fileName}”？`}
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutate(a)}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除附件" />
            </Popconfirm>
          )}
        </Space>
      ))}
      {mayWrite && room && (
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
          <Button size="small" icon={<PaperClipOutlined />} loading={add.isPending}>
            上传证书、报告或照片
          </Button>
        </Upload>
      )}
    </Space>
  );
}

function AchievementCard({
  a,
  mayWrite,
  onEdit,
  onChanged,
}: {
  a: AchievementView;
  mayWrite: boolean;
  onEdit: () => void;
  onChanged: () => Promise<unknown>;
}) {
  const { message, modal } = App.useApp();
  const remove = useMutation({
    mutationFn: () => deleteAchievement(a),
    onSuccess: async () => {
      void message.success('成果已删除');
      await onChanged();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale)
        modal.warning({ title: '未能删除', content: STALE_MESSAGE });
      else void message.error(errorMessage(error));
      await onChanged();
    },
  });
  const facts: { label: string; value: React.ReactNode }[] = [];
  if (a.achievedOn) facts.push({ label: '日期', value: a.achievedOn });
  if (a.patentNumber)
    facts.push({
      label: '专利',
      value: `${a.patentNumber}（${a.patentKind ? PATENT_KIND_LABELS[a.patentKind] : ''}，${a.patentDate ?? ''} 授权）`,
    });
  if (a.peopleTrained !== null) facts.push({ label: '培养人数', value: `${a.peopleTrained} 人` });
  if (a.proposalsCount !== null) facts.push({ label: '建议条数', value: `${a.proposalsCount} 条` });
  if (a.awardName)
    facts.push({
      label: '奖项',
      value: `${a.awardName}${a.awardLevel ? `（${AWARD_LEVEL_LABELS[a.awardLevel]}）` : ''}`,
    });
  if (a.benefitFen !== null) facts.push({ label: '经济效益', value: yuanText(a.benefitFen) });
  if (a.benefitBasis) facts.push({ label: '测算依据', value: a.benefitBasis });
  if (a.note) facts.push({ label: '备注', value: a.note });
  return (
    <Card
      size="small"
      data-testid="achievement-card"
      title={
        <Space size={6} wrap style={{ whiteSpace: 'normal' }}>
          <Tag color={KIND_COLORS[a.kind]}>{ACHIEVEMENT_KIND_LABELS[a.kind]}</Tag>
          <span>{a.title}</span>
        </Space>
      }
      extra={
        mayWrite && (
          <Space size={0}>
            <Button type="text" size="small" icon={<EditOutlined />} onClick={onEdit} aria-label="修改" />
            <Popconfirm
              title="删除这项成果？"
              description="成果及其附件将一并删除，且不能恢复。"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutate()}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
            </Popconfirm>
          </Space>
        )
      }
    >
      {facts.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          items={facts.map((f, i) => ({ key: i, ...f, children: f.value }))}
        />
      )}
      <Files achievement={a} mayWrite={mayWrite} onChanged={onChanged} />
    </Card>
  );
}

export function StudioAchievementsTab({ studioId }: { studioId: string }) {
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number | 'all'>('all');
  const [editing, setEditing] = useState<AchievementView | 'new' | null>(null);
  const view = useQuery({
    queryKey: achievementKeys.studio(studioId),
    queryFn: () => fetchStudioAchievements(studioId),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: achievementKeys.all });
  if (view.isPending) return <PageLoading />;
  if (view.isError) return <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  const mayWrite = data.mayWrite && data.closedBecause === null;
  const years = data.byYear.map((y) => y.year);
  const shownYears = year === 'all' ? years : years.filter((y) => y === year);
  const totals =
    year === 'all' ? data.totals : (data.byYear.find((y) => y.year === year)?.totals ?? data.totals);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="studio-achievements">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        {years.length > 1 ? (
          <Segmented<number | 'all'>
            value={year}
            onChange={setYear}
            options={[{ value: 'all', label: '历年' }, ...years.map((y) => ({ value: y, label: `${y}年` }))]}
          />
        ) : (
          <span />
        )}
        {mayWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="achievement-new"
          >
            登记成果
          </Button>
        )}
      </Space>
      {data.mayWrite && data.closedBecause && (
        <Typography.Text type="secondary">{data.closedBecause}</Typography.Text>
      )}
      <Card size="small" title={year === 'all' ? '历年合计' : `${year}年合计`}>
        <TotalsStrip totals={totals} />
      </Card>
      {data.items.length === 0 ? (
        <Empty description={mayWrite ? '尚未登记成果，点击“登记成果”开始' : '暂无成果记录'} />
      ) : (
        shownYears.map((y) => (
          <div key={y}>
            <Typography.Title level={5} style={{ margin: '8px 0' }}>
              {y}年
            </Typography.Title>
            <List
              grid={{ gutter: 12, xs: 1, sm: 1, md: 2, xl: 3 }}
              dataSource={data.items.filter((i) => i.year === y)}
              renderItem={(a) => (
                <List.Item>
                  <AchievementCard
                    a={a}
                    mayWrite={mayWrite}
                    onEdit={() => setEditing(a)}
                    onChanged={refresh}
                  />
                </List.Item>
              )}
            />
          </div>
        ))
      )}
      {editing && (
        <Suspense fallback={null}>
          <AchievementForm
            studioId={studioId}
            achievement={editing === 'new' ? undefined : editing}
            onClose={() => setEditing(null)}
          />
        </Suspense>
      )}
    </Space>
  );
}
