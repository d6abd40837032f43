// Judged contests (`/contests`): the contests the reader runs or may see (their own subtree's and
// those of the organisations above), by name, state and year; a new contest; each opens its page.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { chinaToday } from '../../../platform/shared/dates';
import { useAuth } from '../../../web/auth';
import { FilterSelect } from '../../../web/components/filter-select';
import { PagedTable } from '../../../web/components/paged-table';
import { useListParams } from '../../../web/components/list-params';
import { showFormError } from '../../../web/form-errors';
import {
  CONTEST_CATEGORIES,
  CONTEST_CATEGORY_LABELS,
  CONTEST_STATES,
  CONTEST_STATE_LABELS,
  ENTRY_KINDS,
  ENTRY_KIND_LABELS,
  type ContestCategory,
  type ContestState,
  type ContestView,
  type EntryKind,
} from '../contract';
import { contestKeys, createContest, fetchContests } from './contests-api';

export const STATE_COLORS: Record<ContestState, string> = {
  setup: 'default',
  scoring: 'processing',
  released: 'success',
};

interface NewContest {
  name?: string;
  category?: ContestCategory;
  heldOn?: Dayjs;
  venue?: string;
  organisers?: string;
  entryKind?: EntryKind;
}

function NewContestModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewContest>();
  const save = useMutation({
    mutationFn: (v: NewContest) =>
      createContest({
        name: v.name ?? '',
        category: v.category ?? 'other',
        heldOn: v.heldOn ? v.heldOn.format('YYYY-MM-DD') : '',
        venue: v.venue || null,
        organisers: v.organisers ?? '',
        entryKind: v.entryKind ?? 'unit',
      }),
    onSuccess: async (created) => {
      void message.success('比赛已建立，请继续设置轮次、参赛名单和评委');
      await queryClient.invalidateQueries({ queryKey: contestKeys.all });
      void navigate(`/contests/${created.id}`);
    },
    onError: (error) =>
      showFormError(form, error, message, ['name', 'category', 'heldOn', 'venue', 'organisers', 'entryKind']),
  });
  return (
    <Modal
      open
      title="新建比赛"
      okText="建立"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ heldOn: dayjs(chinaToday()), organisers: me.scope.name, entryKind: 'unit' }}
      >
        <Form.Item name="name" label="比赛名称" rules={[{ required: true, message: '请填写比赛名称' }]}>
          <Input maxLength={100} placeholder="如：2026年全市人民调解员法律知识竞赛" />
        </Form.Item>
        <Form.Item name="category" label="比赛类别" rules={[{ required: true, message: '请选择比赛类别' }]}>
          <Select
            options={CONTEST_CATEGORIES.map((c) => ({ value: c, label: CONTEST_CATEGORY_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item name="heldOn" label="比赛日期" rules={[{ required: true, message: '请选择比赛日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="venue" label="比赛地点">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="organisers"
          label="主办单位（通报中的写法，可含合办单位）"
          rules={[{ required: true, message: '请填写主办单位' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="entryKind" label="参赛对象" rules={[{ required: true, message: '请选择参赛对象' }]}>
          <Select options={ENTRY_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ContestsPage() {
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const { get, page, pageSize, set, paging } = useListParams();
  const query = { q: get('q'), state: get('state'), year: get('year'), page, pageSize };
  const list = useQuery({
    queryKey: contestKeys.list(query),
    queryFn: () => fetchContests(query),
    placeholderData: keepPreviousData,
  });
  const thisYear = Number(chinaToday().slice(0, 4));
  return (
    <Card
      title="评比竞赛"
      extra={
        can('competition:manage') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建比赛
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="比赛名称"
          defaultValue={query.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 220 }}
        />
        <FilterSelect
          placeholder="状态"
          value={query.state}
          options={CONTEST_STATES.map((s) => ({ value: s, label: CONTEST_STATE_LABELS[s] }))}
          onChange={(state) => set({ state })}
        />
        <FilterSelect
          placeholder="年份"
          value={query.year}
          options={Array.from({ length: 8 }, (_, i) => String(thisYear - i)).map((y) => ({
            value: y,
            label: `${y}年`,
          }))}
          onChange={(year) => set({ year })}
        />
      </Space>
      <PagedTable<ContestView>
        list={list}
        paging={paging}
        rowKey="id"
        scroll={{ x: 800 }}
        locale={{ emptyText: '还没有比赛。点击“新建比赛”设置第一场。' }}
        columns={[
          { title: '比赛', key: 'name', render: (_, c) => <Link to={`/contests/${c.id}`}>{c.name}</Link> },
          { title: '类别', key: 'category', render: (_, c) => CONTEST_CATEGORY_LABELS[c.category] },
          { title: '日期', dataIndex: 'heldOn', width: 110 },
          { title: '主办', key: 'org', render: (_, c) => c.org.name },
          { title: '参赛', dataIndex: 'entries', align: 'right', width: 70 },
          { title: '评委', dataIndex: 'judges', align: 'right', width: 70 },
          {
            title: '状态',
            key: 'state',
            width: 110,
            render: (_, c) => <Tag color={STATE_COLORS[c.state]}>{CONTEST_STATE_LABELS[c.state]}</Tag>,
          },
        ]}
      />
      {creating && <NewContestModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
