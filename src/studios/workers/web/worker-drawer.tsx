// One model worker opened from the register: who, where and as what, the honour it is in the
// honours register, the contacts for those who may read them, and the history of the record; the
// staff who keep it change it here (a status change too).
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Tag, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { GENDER_LABELS, MODEL_WORKER_LEVEL_LABELS, type ModelWorkerDetail } from '../contract';
import { fetchWorker, workerKeys } from './workers-api';
import { WorkerForm } from './worker-form';
import { StatusTag } from './worker-format';

function Facts({ w }: { w: ModelWorkerDetail }) {
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="姓名">
        <Space wrap>
          <span data-testid="worker-name">{w.name}</span>
          {w.gender && <span>{GENDER_LABELS[w.gender]}</span>}
          {w.birthYear && <span>{w.birthYear} 年生</span>}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="称号">
        {w.year}年 {MODEL_WORKER_LEVEL_LABELS[w.level]}
      </Descriptions.Item>
      <Descriptions.Item label="荣誉库">
        {w.honour ? `${w.honour.title}（${w.honour.awardingBody}）` : '未关联'}
      </Descriptions.Item>
      <Descriptions.Item label="工作单位">{w.enterprise?.name ?? w.unitName}</Descriptions.Item>
      {w.position && <Descriptions.Item label="职务职称">{w.position}</Descriptions.Item>}
      {w.field && <Descriptions.Item label="专业领域">{w.field}</Descriptions.Item>}
      <Descriptions.Item label="状态">
        <StatusTag status={w.status} />
      </Descriptions.Item>
      {!w.contactsHidden && (
        <>
          <Descriptions.Item label="联系电话">
            {w.phone ? <a href={`tel:${w.phone}`}>{w.phone}</a> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="通讯地址">{w.address ?? '—'}</Descriptions.Item>
        </>
      )}
      <Descriptions.Item label="保管单位">
        {w.org.name === w.district ? w.org.name : `${w.org.name}（${w.district}）`}
      </Descriptions.Item>
      {w.note && <Descriptions.Item label="备注">{w.note}</Descriptions.Item>}
    </Descriptions>
  );
}

export function WorkerDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const worker = useQuery({ queryKey: workerKeys.one(id), queryFn: () => fetchWorker(id) });
  const [editing, setEditing] = useState(false);
  const w = worker.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title="劳模信息"
      width={Math.min(600, window.innerWidth)}
      data-testid="worker-drawer"
    >
      {worker.isError && !w ? (
        <ErrorResult error={worker.error} onRetry={() => void worker.refetch()} />
      ) : !w ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {w.canEdit && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="worker-edit"
            >
              修改
            </Button>
          )}
          {w.status === 'deceased' && <Alert type="info" showIcon message="该劳模已故，记录保留在名册中" />}
          <Facts w={w} />
          {w.contactsHidden && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              联系方式仅生产部、劳模协会可见
            </Typography.Text>
          )}
          <div>
            <Typography.Title level={5}>修改记录</Typography.Title>
            <Timeline
              items={w.history.map((h) => ({
                children: (
                  <Space direction="vertical" size={0}>
                    <span>
                      <Tag>{h.action}</Tag>
                      {h.text}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(h.at).format('YYYY-MM-DD HH:mm')} {h.actorName}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      {w && editing && (
        <WorkerForm worker={w} canWriteContacts={w.canEditContacts} onClose={() => setEditing(false)} />
      )}
    </Drawer>
  );
}
