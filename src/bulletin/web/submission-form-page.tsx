// Writing an item (`/bulletin/submissions/new`) or revising a draft or returned one
// (`/bulletin/submissions/:id/edit`): title, body with its character count, co-submitting units,
// authors, suggested column and pictures; 保存草稿 keeps it, 报送 sends it to the editors. The
// server's field errors appear under their fields; a stale version offers to reload.
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Result,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, PlusOutlined, SendOutlined, SaveOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ORG_KIND_LABELS } from '../../orgs/contract';
import { ancestorPath, fetchOrgs, orgKeys } from '../../orgs/web/org-api';
import { ApiError, errorMessage } from '../../web/api';
import { useAuth } from '../../web/auth';
import { ErrorResult, PageLoading } from '../../web/components/page-state';
import { showFormError } from '../../web/form-errors';
import { useDebounced } from '../../web/use-debounced';
import {
  MAX_BODY,
  MAX_IMAGE_BYTES,
  SUBMISSION_STATE_LABELS,
  type SubmissionDetail,
  type SubmissionImageView,
} from '../contract';
import {
  createSubmission,
  deleteImage,
  fetchColumns,
  fetchSubmission,
  invalidateSubmissions,
  submissionKeys,
  submitSubmission,
  updateSubmission,
  uploadImage,
} from './submissions-api';
import { EditorNotes } from './submission-view';

const MAX_TITLE = 200;

interface FormValues {
  title: string;
  body: string;
  authors: string[];
  coOrgIds: string[];
  suggestedColumnId?: string | null;
}

const FIELDS = ['title', 'body', 'authors', 'coOrgIds', 'suggestedColumnId'] as const;

const rules = {
  title: [
    { required: true, whitespace: true, message: '标题不能为空' },
    { max: MAX_TITLE, message: `标题不能超过 ${MAX_TITLE} 个字符` },
  ],
  body: [
    { required: true, whitespace: true, message: '正文不能为空' },
    { max: MAX_BODY, message: `正文不能超过 ${MAX_BODY} 个字符` },
  ],
  authors: [
    { type: 'array', max: 20, message: '作者最多 20 人' },
    {
      validator: (_rule, value: string[] | undefined) =>
        (value ?? []).some((a) => a.trim().length > 50)
          ? Promise.reject(new Error('作者姓名不能超过 50 个字符'))
          : Promise.resolve(),
    },
  ],
  coOrgIds: [{ type: 'array', max: 20, message: '联合报送单位最多 20 个' }],
} satisfies Record<string, Rule[]>;

export default function SubmissionFormPage() {
  const { id } = useParams();
  const item = useQuery({
    queryKey: submissionKeys.detail(id ?? 'new'),
    queryFn: () => fetchSubmission(id!),
    enabled: !!id,
  });
  if (!id) return <SubmissionForm key="new" item={null} />;
  if (item.isPending) return <PageLoading />;
  if (item.isError) return <ErrorResult error={item.error} onRetry={() => void item.refetch()} />;
  return (
    <SubmissionForm key={item.data.id} item={item.data} onReload={async () => (await item.refetch()).data} />
  );
}

function valuesOf(item: SubmissionDetail | null): FormValues {
  return {
    title: item?.title ?? '',
    body: item?.body ?? '',
    authors: item?.authors ?? [],
    coOrgIds: item?.coOrgs.map((o) => o.id) ?? [],
    suggestedColumnId: item?.suggestedColumn?.id ?? undefined,
  };
}

function SubmissionForm({
  item,
  onReload,
}: {
  item: SubmissionDetail | null;
  onReload?: () => Promise<SubmissionDetail | undefined>;
}) {
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [stale, setStale] = useState(false);
  // The item as last saved here: its version is what the next save sends.
  const [saved, setSaved] = useState<SubmissionDetail | null>(item);
  const columns = useQuery({
    queryKey: submissionKeys.columns,
    queryFn: fetchColumns,
    staleTime: 5 * 60_000,
  });

  const ownUnit = !item || item.org.id === me.user.org.id;
  const editable = !item || item.state === 'draft' || item.state === 'returned';
  if (!ownUnit || !editable) {
    return (
      <Result
        status="info"
        title="该稿件不能修改"
        subTitle={
          !ownUnit
            ? '只有报送单位的信息员可以修改该稿件'
            : `稿件当前状态为“${SUBMISSION_STATE_LABELS[item.state]}”，只有草稿或退回修改的稿件可以修改`
        }
        extra={
          <Link to={`/bulletin/submissions/${item.id}`}>
            <Button type="primary">查看稿件</Button>
          </Link>
        }
      />
    );
  }

  const columnOptions = (columns.data?.items ?? [])
    .filter((c) => c.active || c.id === saved?.suggestedColumn?.id)
    .map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name}（已停用）` }));

  /** Creates the draft or saves the changes; returns the item as the server now has it. */
  const save = async (values: FormValues): Promise<SubmissionDetail> => {
    const body = {
      title: values.title,
      body: values.body,
      authors: (values.authors ?? []).map((a) => a.trim()).filter(Boolean),
      coOrgIds: values.coOrgIds ?? [],
      suggestedColumnId: values.suggestedColumnId ?? null,
    };
    const result = saved
      ? await updateSubmission(saved.id, { ...body, version: saved.version })
      : await createSubmission(body);
    setSaved(result);
    queryClient.setQueryData(submissionKeys.detail(result.id), result);
    return result;
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      setStale(true);
      void message.error(error.message);
      return;
    }
    showFormError(form, error, message, FIELDS);
  };

  const onSaveDraft = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error('请按提示修改标红的内容');
      return;
    }
    setBusy('save');
    try {
      const result = await save(values);
      await invalidateSubmissions(queryClient);
      void message.success('草稿已保存');
      if (!item) void navigate(`/bulletin/submissions/${result.id}/edit`, { replace: true });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error('请按提示修改标红的内容');
      return;
    }
    const resubmit = saved?.state === 'returned';
    modal.confirm({
      title: resubmit ? '确认重新报送？' : '确认报送？',
      content: '报送后稿件交编辑处理，在退回修改前不能再改动。',
      okText: resubmit ? '重新报送' : '报送',
      cancelText: '再看看',
      onOk: async () => {
        setBusy('submit');
        try {
          const draft = await save(values);
          const sent = await submitSubmission(draft.id, draft.version);
          queryClient.setQueryData(submissionKeys.detail(sent.id), sent);
          await invalidateSubmissions(queryClient);
          void message.success(resubmit ? '已重新报送' : '已报送');
          void navigate(`/bulletin/submissions/${sent.id}`);
        } catch (error) {
          fail(error);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const reload = async () => {
    const fresh = await onReload?.();
    if (!fresh) return;
    setStale(false);
    setSaved(fresh);
    form.resetFields();
    form.setFieldsValue(valuesOf(fresh));
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {item ? (item.state === 'returned' ? '修改退回的稿件' : '修改草稿') : '写信息'}
          </Typography.Title>
          <Link to="/bulletin/submissions">返回我的信息</Link>
        </Space>
      </Card>
      {item && <EditorNotes item={item} />}
      {stale && (
        <Alert
          type="error"
          showIcon
          data-testid="stale-alert"
          message="该稿件已被其他人修改或处理"
          description="为避免覆盖别人的改动，本次没有保存。请重新载入最新内容，核对后再修改（重新载入会放弃本页未保存的改动）。"
          action={
            <Button danger onClick={() => void reload()}>
              重新载入
            </Button>
          }
        />
      )}
      <Card>
        <Form<FormValues>
          form={form}
          layout="vertical"
          name="submission-form"
          initialValues={valuesOf(item)}
          disabled={busy !== null}
        >
          <Form.Item name="title" label="标题" rules={rules.title}>
            <Input
              placeholder="一句话概括这条信息"
              maxLength={MAX_TITLE + 50}
              showCount={{ formatter: ({ count }) => `${count} / ${MAX_TITLE}` }}
            />
          </Form.Item>
          <Form.Item
            name="body"
            label="正文"
            rules={rules.body}
            extra="段首可用两个全角空格缩进；系统按原样保存。"
          >
            <Input.TextArea
              autoSize={{ minRows: 14, maxRows: 32 }}
              placeholder="　　近日，……"
              showCount={{ formatter: ({ count }) => `${count} / ${MAX_BODY} 字` }}
              style={{ fontSize: 15, lineHeight: 1.8 }}
            />
          </Form.Item>
          <Space size={16} wrap style={{ width: '100%' }} align="start">
            <Form.Item name="suggestedColumnId" label="建议栏目" style={{ minWidth: 220 }}>
              <Select
                allowClear
                placeholder="请选择栏目"
                loading={columns.isPending}
                options={columnOptions}
              />
            </Form.Item>
            <Form.Item name="authors" label="作者" rules={rules.authors} style={{ minWidth: 320 }}>
              <Select
                mode="tags"
                open={false}
                tokenSeparators={[',', '，', '、', ' ']}
                placeholder="输入姓名后按回车，可填多人"
              />
            </Form.Item>
            <Form.Item name="coOrgIds" label="联合报送单位" rules={rules.coOrgIds} style={{ minWidth: 380 }}>
              <OrgsSelect initial={saved?.coOrgs ?? []} ownOrgId={me.user.org.id} />
            </Form.Item>
          </Space>
          <Form.Item label="图片">
            {saved ? (
              <ImagesEditor item={saved} onChange={(images) => setSaved({ ...saved, images })} />
            ) : (
              <Typography.Text type="secondary">保存草稿后可添加图片</Typography.Text>
            )}
          </Form.Item>
          <Space>
            <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void onSaveDraft()}>
              保存草稿
            </Button>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              onClick={() => void onSubmit()}
            >
              {saved?.state === 'returned' ? '重新报送' : '报送'}
            </Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}

/** Several organisations, found by typing part of their name (within the user's scope). */
function OrgsSelect({
  value,
  onChange,
  initial,
  ownOrgId,
  id,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  initial: { id: string; name: string }[];
  ownOrgId: string;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const query = { q: q || undefined, pageSize: 30 };
  const result = useQuery({
    queryKey: orgKeys.list(query),
    queryFn: () => fetchOrgs(query),
    placeholderData: keepPreviousData,
  });
  const [known, setKnown] = useState(() => new Map(initial.map((o) => [o.id, o.name])));
  const options = useMemo(() => {
    const found = (result.data?.items ?? [])
      .filter((o) => o.id !== ownOrgId)
      .map((o) => ({
        value: o.id,
        name: o.name,
        label: (
          <Space direction="vertical" size={0} style={{ lineHeight: 1.3, padding: '2px 0' }}>
            <span>
              {o.name}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                {ORG_KIND_LABELS[o.kind]}
              </Typography.Text>
            </span>
            {ancestorPath(o) && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {ancestorPath(o)}
              </Typography.Text>
            )}
          </Space>
        ),
      }));
    const extra = [...known]
      .filter(([oid]) => !found.some((o) => o.value === oid))
      .map(([oid, name]) => ({ value: oid, name, label: <span>{name}</span> }));
    return [...found, ...extra];
  }, [result.data, known, ownOrgId]);
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch
      value={value ?? []}
      filterOption={false}
      onSearch={setSearch}
      onChange={(ids: string[]) => {
        const names = new Map(known);
        for (const o of options) if (ids.includes(o.value)) names.set(o.value, o.name);
        setKnown(names);
        onChange?.(ids);
      }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      options={options}
      optionLabelProp="name"
      loading={result.isFetching}
      placeholder="输入名称搜索单位（可不填）"
      notFoundContent={result.isFetching ? '正在搜索…' : '没有名称包含该文字的单位'}
      popupMatchSelectWidth={false}
      data-testid="co-orgs-select"
    />
  );
}

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp';

/** Pictures of a saved draft: upload one at a time, remove with a confirmation. */
function ImagesEditor({
  item,
  onChange,
}: {
  item: SubmissionDetail;
  onChange: (images: SubmissionImageView[]) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadImage(item.id, file),
    onSuccess: (image) => {
      onChange([...item.images, image]);
      void queryClient.invalidateQueries({ queryKey: submissionKeys.detail(item.id) });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: deleteImage,
    onSuccess: (_r, image) => {
      onChange(item.images.filter((i) => i.id !== image.id));
      void queryClient.invalidateQueries({ queryKey: submissionKeys.detail(item.id) });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Space wrap size={8} align="start" data-testid="images-editor">
      {item.images.map((img) => (
        <div key={img.id} style={{ width: 112, textAlign: 'center' }}>
          <img
            src={img.url}
            alt={img.fileName}
            style={{
              width: 112,
              height: 84,
              objectFit: 'cover',
              borderRadius: 4,
              border: '1px solid #f0f0f0',
            }}
          />
          <Popconfirm
            title="删除这张图片？"
            okText="删除"
            cancelText="取消"
            onConfirm={() => remove.mutate(img)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              删除
            </Button>
          </Popconfirm>
        </div>
      ))}
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        multiple={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          if (file.size > MAX_IMAGE_BYTES) {
            void message.error(`图片超过 ${MAX_IMAGE_BYTES / 2 ** 20} MB 上限`);
            return false;
          }
          upload.mutate(file);
          return false;
        }}
      >
        <Button icon={<PlusOutlined />} loading={upload.isPending} style={{ width: 112, height: 84 }}>
          添加图片
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12, alignSelf: 'center' }}>
        PNG、JPEG、GIF 或 WebP，每张不超过 10 MB
      </Typography.Text>
    </Space>
  );
}
