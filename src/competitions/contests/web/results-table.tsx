// The results as a table: rank (并列 marked), the entry, each round's result with the judges'
// scores (the dropped highest and lowest struck through) when they may be shown, the total and
// the prize. The contest page and the live screen both show it.
import { Space, Table, Tag, Typography } from 'antd';
import type { ResultsView } from '../contract';
import { PRIZE_LABELS, SHARED_RANK_LABEL } from '../scoring-contract';

type EntryResult = ResultsView['results']['entries'][number];

const PRIZE_COLORS: Record<string, string> = {
  special: 'magenta',
  first: 'red',
  second: 'volcano',
  third: 'orange',
  excellence: 'blue',
  organisation: 'green',
};

function RoundCell({ view, entry, index }: { view: ResultsView; entry: EntryResult; index: number }) {
  const round = entry.rounds[index]!;
  const judges = new Map(view.judges.map((j) => [j.id, j]));
  const label = (j: EntryResult['rounds'][number]['judges'][number]) =>
    `${judges.get(j.judgeId)?.name ?? ''}${j.dropped === 'high' ? '（去掉的最高分）' : j.dropped === 'low' ? '（去掉的最低分）' : ''}`;
  return (
    <div>
      <Typography.Text strong>{round.result?.display ?? '—'}</Typography.Text>
      {view.judgeScoresShown && (
        <div style={{ fontSize: 12, lineHeight: 1.6 }} data-testid="judge-scores">
          {round.judges.map((j) => (
            <span
              key={j.judgeId}
              title={label(j)}
              style={{
                marginRight: 6,
                textDecoration: j.dropped ? 'line-through' : undefined,
                color: j.dropped ? '#999' : undefined,
              }}
            >
              {j.score?.display ?? '·'}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

export function ResultsTable({ view, large = false }: { view: ResultsView; large?: boolean }) {
  const byId = new Map(view.entries.map((e) => [e.id, e]));
  const missingBy = new Map<string, number>();
  for (const m of view.results.missing)
    missingBy.set(`${m.entryId}:${m.roundId}`, (missingBy.get(`${m.entryId}:${m.roundId}`) ?? 0) + 1);
  const multi = view.results.rounds.length > 1;
  return (
    <Table<EntryResult>
      size={large ? 'large' : 'small'}
      rowKey="entryId"
      dataSource={view.results.entries}
      pagination={false}
      scroll={{ x: 640 }}
      style={large ? { fontSize: 20 } : undefined}
      data-testid="results-table"
      columns={[
        {
          title: '名次',
          key: 'rank',
          width: 80,
          render: (_, e) =>
            e.rank === null ? (
              '—'
            ) : (
              <span>
                {e.rank}
                {e.sharedRank && <Tag style={{ marginLeft: 4 }}>{SHARED_RANK_LABEL}</Tag>}
              </span>
            ),
        },
        {
          title: '参赛',
          key: 'entry',
          render: (_, e) => {
            const entry = byId.get(e.entryId);
            return (
              <div>
                <div>
                  {entry ? `${entry.seq}. ` : ''}
                  {e.name}
                </div>
                {entry?.unitName && <div style={{ fontSize: 12, color: '#888' }}>{entry.unitName}</div>}
              </div>
            );
          },
        },
        ...view.results.rounds.map((r, i) => ({
          title: multi ? `${r.name}（×${r.weight}）` : r.name,
          key: r.roundId,
          render: (_: unknown, e: EntryResult) =>
            view.judgeScoresShown || e.rounds[i]!.complete ? (
              <RoundCell view={view} entry={e} index={i} />
            ) : (
              <span style={{ color: '#999' }}>
                已评 {e.rounds[i]!.judges.length - (missingBy.get(`${e.entryId}:${r.roundId}`) ?? 0)} /{' '}
                {e.rounds[i]!.judges.length}
              </span>
            ),
        })),
        ...(multi
          ? [
              {
                title: '总分',
                key: 'total',
                render: (_: unknown, e: EntryResult) => <b>{e.total?.display ?? '—'}</b>,
              },
            ]
          : []),
        {
          title: '奖项',
          key: 'prize',
          width: 120,
          render: (_, e) => (
            <Space size={4} wrap>
              {e.prize && <Tag color={PRIZE_COLORS[e.prize]}>{PRIZE_LABELS[e.prize]}</Tag>}
              {view.extraAwards
                .filter((a) => a.entryIds.includes(e.entryId))
                .map((a) => (
                  <Tag key={a.id} color="green">
                    {a.name}
                  </Tag>
                ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
