// How a model worker's status looks wherever it is shown.
import { Tag } from 'antd';
import { MODEL_WORKER_STATUS_LABELS, type ModelWorkerStatus } from '../contract';

const COLORS: Record<ModelWorkerStatus, string> = {
  active: 'green',
  retired: 'default',
  deceased: 'default',
};

export function StatusTag({ status }: { status: ModelWorkerStatus }) {
  return <Tag color={COLORS[status]}>{MODEL_WORKER_STATUS_LABELS[status]}</Tag>;
}
