// A contest's settings: its name, date and organisers; its rules (the drop rule, rounding, how
// totals are compared, tie-breaks, prize tiers by count or by score, extra awards such as
// 优秀组织奖); and its rounds with their weights, score ranges, panels and weighted criteria.
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CONTEST_CATEGORIES,
  CONTEST_CATEGORY_LABELS,
  ENTRY_KINDS,
  ENTRY_KIND_LABELS,
  type ContestCategory,
  type ContestDetail,
  type ContestRoundSetting,
  type EntryKind,
} from '../contract';
import {
  PRIZES,
  PRIZE_LABELS,
  TIE_BREAK_LABELS,
  type ContestRules,
  type Prize,
  type TieBreak,
} from '../scoring-contract';
import { patchContest } from './contests-api';
import { useContestSave } from './use-contest-save';

interface InfoValues {
  name: string;
  category: ContestCategory;
  heldOn: Dayjs;
  venue?: string;
  organisers: string;
  entryKind: EntryKind;
  noticeNo?: string;
}

export function InfoForm({ contest }: { contest: ContestDetail }) {
  const [form] = Form.useForm<InfoValues>();
  const fields = ['name', 'category', 'heldOn', 'venue', 'organisers', 'entryKind', 'noticeNo'];
  const save = useContestSave(
    contest,
    (v: InfoValues) =>
      patchContest(contest.id, {
        version: contest.version,
        name: v.name,
        category: v.category,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        venue: v.venue || null,
        organisers: v.organisers,
        entryKind: v.entryKind,
        noticeNo: v.noticeNo || null,
      }),
    { done: '基本信息已保存', form, fields },
  );
  const locked = !contest.mayManage || contest.state === 'released';
  return (
    <Card size="small" title="基本信息">
      <Form
        form={form}
        layout="vertical"
        disabled={locked}
        initialValues={{
          ...contest,
          heldOn: dayjs(contest.heldOn),
          venue: contest.venue ?? '',
          noticeNo: contest.noticeNo ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="比赛名称" rules={[{ required: true, message: '请填写比赛名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="category" label="类别">
              <Select
                options={CONTEST_CATEGORIES.map((c) => ({ value: c, label: CONTEST_CATEGORY_LABELS[c] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="entryKind" label="参赛对象">
              <Select options={ENTRY_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="heldOn" label="比赛日期" rules={[{ required: true, message: '请选择比赛日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="venue" label="地点">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="organisers"
              label="主办单位"
              rules={[{ required: true, message: '请填写主办单位' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="noticeNo" label="通报文号（可选）">
              <Input maxLength={50} placeholder="如：吴工〔2026〕18号" />
            </Form.Item>
          </Col>
        </Row>
        {!locked && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存基本信息
          </Button>
        )}
      </Form>
    </Card>
  );
}

interface RulesValues {
  trimEnabled: boolean;
  minJudges: number;
  dropEach: number;
  decimals: 2 | 3;
  rankBasis: ContestRules['rankBasis'];
  tieBreak: string[];
  prizeMode: 'none' | 'count' | 'threshold';
  tiers: { prize?: Prize; count?: number; minTotal?: number }[];
  rest?: Prize;
  extraAwards: { id?: string; name?: string; entryIds?: string[] }[];
}

const tieKey = (t: TieBreak) => (t.by === 'round' ? `round:${t.roundId}` : t.by);
const tieOf = (key: string): TieBreak =>
  key.startsWith('round:') ? { by: 'round', roundId: key.slice(6) } : ({ by: key } as TieBreak);

function rulesValues(c: ContestDetail): RulesValues {
  const p = c.rules.prizes;
  return {
    trimEnabled: c.rules.trim.enabled,
    minJudges: c.rules.trim.minJudges,
    dropEach: c.rules.trim.dropEach,
    decimals: c.rules.decimals,
    rankBasis: c.rules.rankBasis,
    tieBreak: c.rules.tieBreak.map(tieKey),
    prizeMode: p.mode,
    tiers:
      p.mode === 'count'
        ? p.tiers.map((t) => ({ prize: t.prize, count: t.count }))
        : p.mode === 'threshold'
          ? p.tiers.map((t) => ({ prize: t.prize, minTotal: t.minTotal }))
          : [
              { prize: 'first', count: 1, minTotal: 90 },
              { prize: 'second', count: 2, minTotal: 85 },
              { prize: 'third', count: 3, minTotal: 80 },
            ],
    rest: p.mode === 'none' ? undefined : p.rest,
    extraAwards: c.extraAwards,
  };
}

export function RulesForm({ contest }: { contest: ContestDetail }) {
  const [form] = Form.useForm<RulesValues>();
  const mode = Form.useWatch('prizeMode', form) ?? contest.rules.prizes.mode;
  const trimEnabled = Form.useWatch('trimEnabled', form) ?? contest.rules.trim.enabled;
  const save = useContestSave(
    contest,
    (v: RulesValues) => {
      const prizes: ContestRules['prizes'] =
        v.prizeMode === 'none'
          ? { mode: 'none' }
          : v.prizeMode === 'count'
            ? {
                mode: 'count',
                tiers: v.tiers.map((t) => ({ prize: t.prize ?? 'first', count: t.count ?? 1 })),
                ...(v.rest ? { rest: v.rest } : {}),
              }
            : {
                mode: 'threshold',
                tiers: v.tiers.map((t) => ({ prize: t.prize ?? 'first', minTotal: t.minTotal ?? 0 })),
                ...(v.rest ? { rest: v.rest } : {}),
              };
      return patchContest(contest.id, {
        version: contest.version,
        rules: {
          trim: { enabled: v.trimEnabled, minJudges: v.minJudges, dropEach: v.dropEach },
          decimals: v.decimals,
          rankBasis: v.rankBasis,
          tieBreak: v.tieBreak.map(tieOf),
          prizes,
        },
        extraAwards: (v.extraAwards ?? []).map((a, i) => ({
          id: a.id ?? `award${i + 1}`,
          name: a.name ?? '',
          entryIds: a.entryIds ?? [],
        })),
      });
    },
    { done: '比赛规则已保存', form, fields: ['rules.trim.minJudges', 'rules.prizes'] },
  );
  const locked = !contest.mayManage || contest.state === 'released';
  const tieOptions = [
    ...(['lastRound', 'highestKeptScore', 'lowestKeptScore', 'untrimmedTotal'] as const).map((by) => ({
      value: by,
      label: TIE_BREAK_LABELS[by],
    })),
    ...contest.rounds.map((r) => ({ value: `round:${r.id}`, label: `总分相同时，${r.name}得分高者列前` })),
  ];
  const prizeOptions = PRIZES.map((p) => ({ value: p, label: PRIZE_LABELS[p] }));
  return (
    <Card size="small" title="评分与评奖规则">
      <Form
        form={form}
        layout="vertical"
        disabled={locked}
        initialValues={rulesValues(contest)}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="trimEnabled" label="去掉最高分和最低分" valuePropName="checked">
              <Switch checkedChildren="去掉" unCheckedChildren="不去" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="minJudges" label="评委不少于几人时去分">
              <InputNumber min={1} max={99} disabled={locked || !trimEnabled} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="dropEach" label="最高、最低各去几个">
              <InputNumber min={1} max={9} disabled={locked || !trimEnabled} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="decimals" label="得分保留（四舍五入）">
              <Radio.Group
                options={[
                  { value: 2, label: '两位小数' },
                  { value: 3, label: '三位小数' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="rankBasis" label="排名依据">
              <Radio.Group
                options={[
                  { value: 'exact', label: '精确得分' },
                  { value: 'rounded', label: '公布的得分' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="tieBreak" label="总分相同时（依次比较）">
              <Select mode="multiple" options={tieOptions} placeholder="并列" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="prizeMode" label="奖项设置">
          <Radio.Group
            options={[
              { value: 'count', label: '按名额（如一等奖 1 名）' },
              { value: 'threshold', label: '按分数线' },
              { value: 'none', label: '只排名次' },
            ]}
          />
        </Form.Item>
        {mode !== 'none' && (
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'prize']} rules={[{ required: true, message: '请选择奖项' }]}>
                      <Select options={prizeOptions} style={{ width: 120 }} />
                    </Form.Item>
                    {mode === 'count' ? (
                      <Form.Item name={[f.name, 'count']} rules={[{ required: true, message: '请填写名额' }]}>
                        <InputNumber min={1} max={10000} addonAfter="名" style={{ width: 120 }} />
                      </Form.Item>
                    ) : (
                      <Form.Item
                        name={[f.name, 'minTotal']}
                        rules={[{ required: true, message: '请填写分数线' }]}
                      >
                        <InputNumber addonAfter="分及以上" style={{ width: 170 }} />
                      </Form.Item>
                    )}
                    {!locked && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                {!locked && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ prize: 'excellence', count: 1 })}
                  >
                    增加奖项
                  </Button>
                )}
                <Form.Item name="rest" label="其余参赛者" style={{ marginTop: 12 }}>
                  <Select allowClear options={prizeOptions} placeholder="不设奖" style={{ width: 160 }} />
                </Form.Item>
              </>
            )}
          </Form.List>
        )}
        <Form.List name="extraAwards">
          {(fields, { add, remove }) => (
            <Form.Item label="其他奖项（由组织者评定，如优秀组织奖）">
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写奖项名称' }]}>
                    <Input placeholder="奖项名称" maxLength={30} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'entryIds']}>
                    <Select
                      mode="multiple"
                      placeholder="获奖者"
                      style={{ minWidth: 260 }}
                      optionFilterProp="label"
                      options={contest.entryList.map((e) => ({ value: e.id, label: e.name }))}
                    />
                  </Form.Item>
                  {!locked && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {!locked && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '优秀组织奖', entryIds: [] })}
                >
                  增加其他奖项
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        {!locked && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存规则
          </Button>
        )}
      </Form>
    </Card>
  );
}

interface RoundValues {
  rounds: {
    id?: string;
    name?: string;
    weight?: number;
    minScore?: number;
    maxScore?: number;
    judgeIds?: string[];
    criteria?: { id?: string; name?: string; weight?: number }[];
  }[];
}

/** A key not yet used among `taken`: prefix1, prefix2, … */
function freshKey(prefix: string, taken: (string | undefined)[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}

export function RoundsForm({ contest }: { contest: ContestDetail }) {
  const [form] = Form.useForm<RoundValues>();
  const save = useContestSave(
    contest,
    (v: RoundValues) => {
      const roundIds = v.rounds.map((r) => r.id);
      const rounds: ContestRoundSetting[] = v.rounds.map((r) => {
        const id = r.id ?? freshKey('r', roundIds);
        roundIds.push(id);
        const keys = (r.criteria ?? []).map((k) => k.id);
        return {
          id,
          name: r.name ?? '',
          weight: r.weight ?? 1,
          minScore: r.minScore ?? 0,
          maxScore: r.maxScore ?? 100,
          judgeIds: r.judgeIds?.length ? r.judgeIds : null,
          criteria: (r.criteria ?? []).map((k) => {
            const kid = k.id ?? freshKey('c', keys);
            keys.push(kid);
            return { id: kid, name: k.name ?? '', weight: k.weight ?? 1 };
          }),
        };
      });
      return patchContest(contest.id, { version: contest.version, rounds });
    },
    { done: '轮次与评分项已保存', form, fields: ['rounds'] },
  );
  const locked = !contest.mayManage || contest.state !== 'setup';
  const judgeOptions = contest.judgeList.map((j) => ({ value: j.id, label: j.name }));
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={locked}
      initialValues={{
        rounds: contest.rounds.map((r) => ({ ...r, judgeIds: r.judgeIds ?? [] })),
      }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.List name="rounds">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={`第 ${i + 1} 轮`}
                extra={!locked && fields.length > 1 ? <a onClick={() => remove(f.name)}>删除本轮</a> : null}
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[f.name, 'name']}
                      label="轮次名称"
                      rules={[{ required: true, message: '请填写轮次名称' }]}
                    >
                      <Input maxLength={50} placeholder="如：笔试、必答、抢答、决赛" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item name={[f.name, 'weight']} label="计入总分权重">
                      <InputNumber min={0.0001} max={10000} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item name={[f.name, 'minScore']} label="最低分">
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item name={[f.name, 'maxScore']} label="最高分">
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={24}>
                    <Form.Item name={[f.name, 'judgeIds']} label="本轮评委（不选即全部评委）">
                      <Select mode="multiple" options={judgeOptions} placeholder="全部评委" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.List name={[f.name, 'criteria']}>
                  {(cf, ops) => (
                    <Form.Item label="评分项（不设即每位评委打一个总分）">
                      {cf.map((k) => (
                        <Space key={k.key} align="baseline" wrap>
                          <Form.Item
                            name={[k.name, 'name']}
                            rules={[{ required: true, message: '请填写评分项' }]}
                          >
                            <Input placeholder="如：演唱水平" maxLength={50} style={{ width: 160 }} />
                          </Form.Item>
                          <Form.Item
                            name={[k.name, 'weight']}
                            rules={[{ required: true, message: '请填写权重' }]}
                          >
                            <InputNumber
                              min={0.0001}
                              placeholder="权重"
                              addonBefore="权重"
                              style={{ width: 150 }}
                            />
                          </Form.Item>
                          {!locked && <MinusCircleOutlined onClick={() => ops.remove(k.name)} />}
                        </Space>
                      ))}
                      {!locked && (
                        <Button
                          type="dashed"
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() => ops.add({ weight: 1 })}
                        >
                          增加评分项
                        </Button>
                      )}
                    </Form.Item>
                  )}
                </Form.List>
              </Card>
            ))}
            {!locked && (
              <Space>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({ name: '', weight: 1, minScore: 0, maxScore: 100, judgeIds: [], criteria: [] })
                  }
                >
                  增加轮次
                </Button>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  保存轮次与评分项
                </Button>
              </Space>
            )}
          </Space>
        )}
      </Form.List>
    </Form>
  );
}
