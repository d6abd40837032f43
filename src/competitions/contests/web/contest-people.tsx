// The people of a contest: the entries in order of appearance (added one by one or pasted as a
// list, as staff keep them in Excel), and the judges (users of the organiser's subtree, or
// contest-only logins made here for outside experts).
import { useState } from 'react';
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../../web/use-debounced';
import { ENTRY_KIND_LABELS, type ContestDetail, type EntryView } from '../contract';
import {
  addEntries,
  addJudge,
  contestKeys,
  deleteEntry,
  fetchCandidates,
  patchEntry,
  removeJudge,
} from './contests-api';
import { useContestSave } from './use-contest-save';

/** “名称” or “名称<Tab/，/,>所在单位” per line; empty lines are skipped. */
export function parseEntryLines(text: string): { name: string; unitName: string | null }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', ...unit] = line.split(/\t|，|,/).map((p) => p.trim());
      return { name, unitName: unit.filter(Boolean).join('，') || null };
    });
}

function AddEntriesModal({ contest, onClose }: { contest: ContestDetail; onClose: () => void }) {
  const [text, setText] = useState('');
  const rows = parseEntryLines(text);
  const save = useContestSave(contest, () => addEntries(contest.id, rows), {
    done: `已添加 ${rows.length} 个${ENTRY_KIND_LABELS[contest.entryKind].replace('参赛', '')}`,
    onSaved: onClose,
  });
  return (
    <Modal
      open
      title={`添加${ENTRY_KIND_LABELS[contest.entryKind]}`}
      okText={rows.length ? `添加 ${rows.length} 个` : '添加'}
      okButtonProps={{ disabled: !rows.length }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => save.mutate(undefined)}
    >
      <Typography.Paragraph type="secondary">
        每行一个，按出场顺序排列；名称后可用 Tab 或逗号写所在单位（可直接从 Excel 复制两列粘贴）。
      </Typography.Paragraph>
      <Input.TextArea
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'第一代表队，长桥街道调委会\n第二代表队，越溪街道调委会'}
        aria-label="参赛名单"
      />
    </Modal>
  );
}

function EditEntryModal({
  contest,
  entry,
  onClose,
}: {
  contest: ContestDetail;
  entry: EntryView;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ name: string; unitName?: string; members?: string; seq: number }>();
  const save = useContestSave(
    contest,
    (v: { name: string; unitName?: string; members?: string; seq: number }) =>
      patchEntry(contest.id, entry.id, {
        version: entry.version,
        name: v.name,
        unitName: v.unitName || null,
        members: v.members || null,
        seq: v.seq,
      }),
    { done: '已保存', form, fields: ['name', 'unitName', 'members', 'seq'], onSaved: onClose },
  );
  return (
    <Modal
      open
      title="修改参赛者"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...entry, unitName: entry.unitName ?? '', members: entry.members ?? '' }}
      >
        <Form.Item name="seq" label="出场顺序" rules={[{ required: true, message: '请填写出场顺序' }]}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unitName" label="所在单位">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="members" label="成员">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EntriesPanel({ contest }: { contest: ContestDetail }) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<EntryView | null>(null);
  const remove = useContestSave(contest, (e: EntryView) => deleteEntry(contest.id, e.id, contest.version), {
    done: '已删除',
  });
  const manage = contest.mayManage && contest.state !== 'released';
  return (
    <>
      {manage && contest.state === 'setup' && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          style={{ marginBottom: 12 }}
        >
          添加{ENTRY_KIND_LABELS[contest.entryKind]}
        </Button>
      )}
      <Table<EntryView>
        size="small"
        rowKey="id"
        dataSource={contest.entryList}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有参赛名单' }}
        scroll={{ x: 600 }}
        columns={[
          { title: '出场', dataIndex: 'seq', width: 60 },
          { title: '名称', dataIndex: 'name' },
          { title: '所在单位', key: 'unit', render: (_, e) => e.unitName ?? e.org?.name ?? '—' },
          { title: '成员', key: 'members', render: (_, e) => e.members ?? '—' },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 120,
                  render: (_: unknown, e: EntryView) => (
                    <Space>
                      <a onClick={() => setEditing(e)}>修改</a>
                      {contest.state === 'setup' && (
                        <Popconfirm
                          title={`删除“${e.name}”？`}
                          okText="删除"
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove.mutate(e)}
                        >
                          <a>删除</a>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && <AddEntriesModal contest={contest} onClose={() => setAdding(false)} />}
      {editing && <EditEntryModal contest={contest} entry={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface NewJudge {
  username: string;
  displayName: string;
  affiliation?: string;
  phone?: string;
  password: string;
  chief: boolean;
}

function NewJudgeModal({ contest, onClose }: { contest: ContestDetail; onClose: () => void }) {
  const [form] = Form.useForm<NewJudge>();
  const save = useContestSave(
    contest,
    (v: NewJudge) =>
      addJudge(contest.id, {
        newUser: {
          username: v.username,
          displayName: v.displayName,
          phone: v.phone || null,
          password: v.password,
        },
        affiliation: v.affiliation || null,
        chief: v.chief,
      }),
    {
      done: '评委账号已建立，请把用户名和密码交给评委',
      form,
      fields: ['username', 'displayName', 'affiliation', 'phone', 'password'],
      onSaved: onClose,
    },
  );
  return (
    <Modal
      open
      title="新建评委账号（只能用于评分）"
      okText="建立"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form form={form} layout="vertical" initialValues={{ chief: false }}>
        <Form.Item
          name="displayName"
          label="评委姓名"
          rules={[{ required: true, message: '请填写评委姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="affiliation" label="工作单位">
          <Input maxLength={100} placeholder="如：苏州大学音乐学院" />
        </Form.Item>
        <Form.Item name="phone" label="电话">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="username"
          label="登录用户名"
          rules={[
            { required: true, message: '请填写用户名' },
            {
              pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/,
              message: '3-32 位，以字母开头，可含字母、数字、下划线、点和短横线',
            },
          ]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          rules={[
            { required: true, message: '请设置初始密码' },
            { min: 8, message: '密码至少 8 位' },
            { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: '密码须同时包含字母和数字' },
          ]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="chief" label="评委会主任" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function JudgesPanel({ contest }: { contest: ContestDetail }) {
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const debounced = useDebounced(q);
  const manage = contest.mayManage && contest.state !== 'released';
  const candidates = useQuery({
    queryKey: contestKeys.candidates(contest.id, debounced),
    queryFn: () => fetchCandidates(contest.id, debounced),
    enabled: manage,
  });
  const add = useContestSave(contest, (userId: string) => addJudge(contest.id, { userId, chief: false }), {
    done: '已加入评委名单',
  });
  const remove = useContestSave(
    contest,
    (judgeId: string) => removeJudge(contest.id, judgeId, contest.version),
    {
      done: '已移出评委名单',
    },
  );
  const { message } = App.useApp();
  const taken = new Set(contest.judgeList.map((j) => j.userId));
  return (
    <>
      {manage && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            showSearch
            style={{ width: 280 }}
            placeholder="搜索本单位及下级单位的用户加为评委"
            filterOption={false}
            onSearch={setQ}
            value={null}
            loading={candidates.isFetching}
            notFoundContent="没有找到用户"
            options={(candidates.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.name}（${u.username}，${u.unit}）`,
              disabled: taken.has(u.id),
            }))}
            onChange={(userId: string | null) => {
              if (userId) add.mutate(userId);
              else void message.info('请选择用户');
            }}
            aria-label="选择评委"
          />
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建评委账号
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={contest.judgeList}
        pagination={false}
        locale={{ emptyText: '还没有评委' }}
        scroll={{ x: 560 }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          {
            title: '评委',
            key: 'name',
            render: (_, j) => (
              <Space>
                {j.name}
                {j.chief && <Tag color="gold">评委会主任</Tag>}
                {j.contestOnly && <Tag>评委账号</Tag>}
              </Space>
            ),
          },
          { title: '用户名', dataIndex: 'username' },
          { title: '单位', dataIndex: 'unit' },
          { title: '已评', dataIndex: 'scored', align: 'right', width: 70 },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 90,
                  render: (_: unknown, j: ContestDetail['judgeList'][number]) =>
                    j.scored === 0 ? (
                      <Popconfirm
                        title={`把${j.name}移出评委名单？`}
                        okText="移出"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutate(j.id)}
                      >
                        <a>移出</a>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {creating && <NewJudgeModal contest={contest} onClose={() => setCreating(false)} />}
    </>
  );
}
