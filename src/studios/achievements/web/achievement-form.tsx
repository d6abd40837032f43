// The form of one achievement (登记成果 / 修改成果): the kind decides which fields show — a patent's
// number, kind and date, the people trained, the proposals, an award's name and level — and every
// kind may state an economic benefit in yuan, with the basis of the figure. The rules are the
// contract's, so the form says what the server would; a stale version reloads the studio's records.
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, STALE_MESSAGE } from '../../../web/api';
import { showFormError } from '../../../web/form-errors';
import { chinaToday } from '../../../platform/shared/dates';
import {
  ACHIEVEMENT_KIND_LABELS,
  ACHIEVEMENT_KINDS,
  AWARD_LEVEL_LABELS,
  AWARD_LEVELS,
  KIND_FIELDS,
  MAX_BENEFIT_FEN,
  PATENT_KIND_LABELS,
  PATENT_KINDS,
  achievementFieldIssues,
  fenToYuan,
  normalisePatentNumber,
  yuanToFen,
  type AchievementBody,
  type AchievementKind,
  type AchievementView,
  type AwardLevel,
  type PatentKind,
} from '../contract';
import { achievementKeys, createAchievement, updateAchievement } from './achievements-api';

interface Values {
  year: number;
  kind: AchievementKind;
  title: string;
  achievedOn?: dayjs.Dayjs | null;
  patentNumber?: string;
  patentKind?: PatentKind;
  patentDate?: dayjs.Dayjs | null;
  peopleTrained?: number | null;
  proposalsCount?: number | null;
  benefitYuan?: string;
  benefitBasis?: string;
  awardName?: string;
  awardLevel?: AwardLevel;
  note?: string;
}

const FIELDS = [
  'year',
  'kind',
  'title',
  'achievedOn',
  'patentNumber',
  'patentKind',
  'patentDate',
  'peopleTrained',
  'proposalsCount',
  'benefitYuan',
  'benefitBasis',
  'awardName',
  'awardLevel',
  'note',
];

const day = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function bodyOf(v: Values): AchievementBody {
  const benefit = v.benefitYuan?.trim() ? yuanToFen(v.benefitYuan) : null;
  return {
    year: v.year,
    kind: v.kind,
    title: v.title,
    achievedOn: day(v.achievedOn),
    patentNumber: v.patentNumber ? normalisePatentNumber(v.patentNumber) : null,
    patentKind: v.patentKind ?? null,
    patentDate: day(v.patentDate),
    peopleTrained: v.peopleTrained ?? null,
    proposalsCount: v.proposalsCount ?? null,
    benefitFen: benefit,
    benefitBasis: v.benefitBasis || null,
    awardName: v.awardName || null,
    awardLevel: v.awardLevel ?? null,
    note: v.note || null,
  };
}

export function AchievementForm({
  studioId,
  achievement,
  onClose,
}: {
  studioId: string;
  achievement?: AchievementView;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? achievement?.kind ?? 'innovation';
  const own = new Set(KIND_FIELDS[kind]);
  const today = dayjs(chinaToday());
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = bodyOf(v);
      return achievement
        ? updateAchievement(achievement.id, { ...body, version: achievement.version })
        : createAchievement(studioId, body);
    },
    onSuccess: async () => {
      void message.success(achievement ? '成果已修改' : '成果已登记');
      await queryClient.invalidateQueries({ queryKey: achievementKeys.all });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isStale) {
        void message.warning(STALE_MESSAGE);
        await queryClient.invalidateQueries({ queryKey: achievementKeys.studio(studioId) });
        onClose();
        return;
      }
      showFormError(form, error, message, FIELDS, { benefitFen: 'benefitYuan' });
    },
  });

  /** The contract's rules between the fields, shown under the fields before anything is sent. */
  const submit = (v: Values) => {
    const body = bodyOf(v);
    if (v.benefitYuan?.trim() && body.benefitFen === null) {
      form.setFields([{ name: 'benefitYuan', errors: ['请填写金额（元），最多两位小数'] }]);
      return;
    }
    const issues = achievementFieldIssues({ ...body, kind: v.kind, year: v.year });
    if (issues.length) {
      form.setFields(
        issues.map((i) => ({
          name: (i.field === 'benefitFen' ? 'benefitYuan' : i.field) as keyof Values,
          errors: [i.message],
        })),
      );
      return;
    }
    save.mutate(v);
  };

  const initial: Partial<Values> = achievement
    ? {
        ...achievement,
        achievedOn: achievement.achievedOn ? dayjs(achievement.achievedOn) : null,
        patentNumber: achievement.patentNumber ?? undefined,
        patentKind: achievement.patentKind ?? undefined,
        patentDate: achievement.patentDate ? dayjs(achievement.patentDate) : null,
        benefitYuan: achievement.benefitFen === null ? undefined : fenToYuan(achievement.benefitFen),
        benefitBasis: achievement.benefitBasis ?? undefined,
        awardName: achievement.awardName ?? undefined,
        awardLevel: achievement.awardLevel ?? undefined,
        note: achievement.note ?? undefined,
      }
    : { year: today.year(), kind: 'innovation' };

  return (
    <Modal
      open
      title={achievement ? '修改成果' : '登记成果'}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // A date fixes the year it counts in.
          if (changed.achievedOn) form.setFieldValue('year', changed.achievedOn.year());
        }}
        data-testid="achievement-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label="成果类型" rules={[{ required: true, message: '请选择成果类型' }]}>
              <Select
                options={ACHIEVEMENT_KINDS.map((k) => ({ value: k, label: ACHIEVEMENT_KIND_LABELS[k] }))}
                data-testid="achievement-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={1950} max={today.year()} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label="成果名称"
          rules={[
            { required: true, whitespace: true, message: '请填写成果名称' },
            { max: 200, message: '成果名称不能超过 200 个字符' },
          ]}
        >
          <Input placeholder="如：一种自动上下料机械手" data-testid="achievement-title" />
        </Form.Item>
        <Form.Item name="achievedOn" label="日期（完成、验收或获得的日期）">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} />
        </Form.Item>
        {own.has('patentNumber') && (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="patentNumber"
                label="专利号"
                extra="如 ZL201710601862.3，可省略 ZL"
                rules={[{ required: true, whitespace: true, message: '专利须填写专利号' }]}
              >
                <Input data-testid="achievement-patent-number" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="patentKind" label="专利类型" rules={[{ required: true, message: '请选择' }]}>
                <Select options={PATENT_KINDS.map((k) => ({ value: k, label: PATENT_KIND_LABELS[k] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="patentDate" label="授权日期" rules={[{ required: true, message: '请选择' }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {own.has('peopleTrained') && (
          <Form.Item
            name="peopleTrained"
            label="培养人数"
            rules={[{ required: true, message: '请填写培养人数' }]}
          >
            <InputNumber min={1} max={1_000_000} precision={0} addonAfter="人" style={{ width: '100%' }} />
          </Form.Item>
        )}
        {own.has('proposalsCount') && (
          <Form.Item
            name="proposalsCount"
            label="建议条数"
            rules={[{ required: true, message: '请填写建议条数' }]}
          >
            <InputNumber min={1} max={1_000_000} precision={0} addonAfter="条" style={{ width: '100%' }} />
          </Form.Item>
        )}
        {own.has('awardName') && (
          <Row gutter={12}>
            <Col xs={24} sm={16}>
              <Form.Item
                name="awardName"
                label="奖项名称"
                rules={[{ required: true, whitespace: true, message: '请填写奖项名称' }]}
              >
                <Input placeholder="如：江苏省职工优秀技术创新成果一等奖" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="awardLevel" label="奖项级别" rules={[{ required: true, message: '请选择' }]}>
                <Select options={AWARD_LEVELS.map((l) => ({ value: l, label: AWARD_LEVEL_LABELS[l] }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item
          name="benefitYuan"
          label="经济效益（元，选填）"
          rules={[
            {
              validator: (_r, value?: string) => {
                if (!value?.trim()) return Promise.resolve();
                const fen = yuanToFen(value);
                if (fen === null)
                  return Promise.reject(new Error('请填写金额（元），不能为负数，最多两位小数'));
                if (fen > MAX_BENEFIT_FEN) return Promise.reject(new Error('经济效益不能超过 100 亿元'));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input
            inputMode="decimal"
            placeholder="如 12345.67"
            addonAfter="元"
            data-testid="achievement-benefit"
          />
        </Form.Item>
        <Form.Item name="benefitBasis" label="效益测算依据（填写经济效益时必填）">
          <Input.TextArea rows={2} maxLength={1000} placeholder="如：按改进前后单位能耗差额乘以年产量测算" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
