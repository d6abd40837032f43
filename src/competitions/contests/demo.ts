// The demo's judged contests, written through the same services as an organiser and the judges:
// - the city's workers' song contest (宣教部, user publicity): 23 units, 7 judges, three criteria;
//   three first prizes, eight second, twelve third, and 优秀组织奖 to nineteen units;
// - 吴中区's mediators' legal knowledge contest (user wuzhong): 17 teams, 7 judges, a written
//   round and a quick-answer round; one first, two second and three third prizes;
// - the city's speech contest, still being scored: the demo judge (user judge) has scores to give.
// The scores are made up but fixed, so that every demo database has the same results.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { db } from '../../platform/db/client';
import { loadActor } from '../../orgs/users-service';
import { DEMO_PASSWORD } from '../../orgs/contract';
import {
  ContestCreateBody,
  ContestPatchBody,
  type ContestDetail,
  type ContestRoundSetting,
} from './contract';
import { addEntries, addJudge, createContest, openScoring, updateContest } from './contests';
import { releaseResults, submitScores } from './scores';
import { contests } from './tables';

async function actorOf(username: string): Promise<Actor> {
  const [row] = await db.rows<{ id: string }>('select id from users where username = $1', [username]);
  const actor = row ? await loadActor(row.id) : null;
  if (!actor) throw new Error(`demo user ${username} is missing`);
  return actor;
}

/** A fixed pseudo-random number in [0, 1) for the same seed. */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

const round2 = (v: number) => Math.round(v * 100) / 100;

async function versionOf(id: string): Promise<number> {
  const [row] = await db.orm.select({ version: contests.version }).from(contests).where(eq(contests.id, id));
  return row!.version;
}

const SONG_UNITS = [
  '苏州工业园区总工会',
  '姑苏区总工会',
  '吴中区总工会',
  '相城区总工会',
  '虎丘区总工会',
  '吴江区总工会',
  '常熟市总工会',
  '张家港市总工会',
  '昆山市总工会',
  '太仓市总工会',
  '市教育工会',
  '市卫生健康工会',
  '市交通运输工会',
  '市建设工会',
  '市金融工会',
  '市机关工会',
  '市邮政工会',
  '市电力工会',
  '市商贸工会',
  '市农林水工会',
  '市科技工会',
  '市文旅工会',
  '市国资工会',
];

const SONGS = [
  '《我和我的祖国》',
  '《歌唱祖国》',
  '《没有共产党就没有新中国》',
  '《在希望的田野上》',
  '《咱们工人有力量》',
  '《我们走在大路上》',
  '《天路》',
  '《不忘初心》',
];

const JUDGE_NAMES = ['顾秋云', '沈建华', '陆文静', '钱一鸣', '许慧敏', '蒋立新', '韩雪'];

/** Adds seven contest-only judges (or the given existing users) and returns the contest. */
async function panel(actor: Actor, contest: ContestDetail, prefix: string, affiliation: string) {
  let c = contest;
  for (const [i, name] of JUDGE_NAMES.entries()) {
    c = await addJudge(actor, c.id, {
      newUser: { username: `${prefix}${i + 1}`, displayName: name, phone: null, password: DEMO_PASSWORD },
      affiliation,
      chief: i === 0,
    });
  }
  return c;
}

/** Every judge scores every entry: `score(entry, judge, criterion)`. */
async function scoreAll(
  contest: ContestDetail,
  round: ContestRoundSetting,
  score: (entry: number, judge: number, criterion: number) => number,
  skip: (entry: number, judge: number) => boolean = () => false,
) {
  for (const [j, judge] of contest.judgeList.entries()) {
    const actor = await actorOf(judge.username);
    for (const [e, entry] of contest.entryList.entries()) {
      if (skip(e, j)) continue;
      await submitScores(actor, contest.id, {
        roundId: round.id,
        entryId: entry.id,
        reason: null,
        scores: round.criteria.length
          ? round.criteria.map((k, n) => ({ criterionId: k.id, value: score(e, j, n) }))
          : [{ value: score(e, j, 0) }],
      });
    }
  }
}

const create = (actor: Actor, body: ContestCreateBody) => createContest(actor, ContestCreateBody.parse(body));

async function songContest() {
  const publicity = await actorOf('publicity');
  let c = await create(publicity, {
    name: '2026年苏州市职工歌咏比赛',
    category: 'performance',
    heldOn: '2026-09-26',
    venue: '苏州市工人文化宫剧场',
    organisers: '苏州市总工会',
    entryKind: 'unit',
    noticeNo: '苏工宣〔2026〕21号',
    rounds: [
      {
        id: 'final',
        name: '决赛',
        weight: 1,
        minScore: 0,
        maxScore: 100,
        judgeIds: null,
        criteria: [
          { id: 'sing', name: '演唱水平', weight: 50 },
          { id: 'art', name: '艺术表现', weight: 30 },
          { id: 'look', name: '整体形象', weight: 20 },
        ],
      },
    ],
    rules: {
      trim: { enabled: true, minJudges: 5, dropEach: 1 },
      decimals: 2,
      rankBasis: 'exact',
      tieBreak: [{ by: 'highestKeptScore' }],
      prizes: {
        mode: 'count',
        tiers: [
          { prize: 'first', count: 3 },
          { prize: 'second', count: 8 },
          { prize: 'third', count: 12 },
        ],
      },
    },
  });
  c = await addEntries(publicity, c.id, {
    entries: SONG_UNITS.map((unit, i) => ({
      name: `${unit}合唱团 ${SONGS[i % SONGS.length]}`,
      unitName: unit,
      orgId: null,
      members: null,
    })),
  });
  // 优秀组织奖 to nineteen units, given by the organiser beside the scored prizes.
  c = await updateContest(
    publicity,
    c.id,
    ContestPatchBody.parse({
      version: c.version,
      extraAwards: [{ id: 'org', name: '优秀组织奖', entryIds: c.entryList.slice(0, 19).map((e) => e.id) }],
    }),
  );
  c = await panel(publicity, c, 'song_judge', '苏州市音乐家协会');
  c = await openScoring(publicity, c.id, c.version);
  await scoreAll(c, c.rounds[0]!, (e, j, k) =>
    round2(Math.min(99.5, 95 - e * 0.55 - k * 0.4 + (noise(e * 31 + j * 7 + k) - 0.5) * 2.4)),
  );
  await releaseResults(publicity, c.id, await versionOf(c.id));
}

async function knowledgeContest() {
  const wuzhong = await actorOf('wuzhong');
  let c = await create(wuzhong, {
    name: '2026年吴中区人民调解员法律知识竞赛',
    category: 'knowledge',
    heldOn: '2026-10-29',
    venue: '吴中区职工服务中心',
    organisers: '吴中区总工会、吴中区司法局',
    entryKind: 'team',
    noticeNo: null,
    rounds: [
      { id: 'written', name: '笔试', weight: 0.4, minScore: 0, maxScore: 100, judgeIds: null, criteria: [] },
      { id: 'quick', name: '抢答', weight: 0.6, minScore: 0, maxScore: 100, judgeIds: null, criteria: [] },
    ],
    rules: {
      trim: { enabled: true, minJudges: 5, dropEach: 1 },
      decimals: 2,
      rankBasis: 'exact',
      tieBreak: [{ by: 'round', roundId: 'written' }, { by: 'highestKeptScore' }],
      prizes: {
        mode: 'count',
        tiers: [
          { prize: 'first', count: 1 },
          { prize: 'second', count: 2 },
          { prize: 'third', count: 3 },
        ],
        rest: 'excellence',
      },
    },
  });
  const towns = [
    '长桥',
    '越溪',
    '郭巷',
    '横泾',
    '城南',
    '香山',
    '胥口',
    '木渎',
    '甪直',
    '临湖',
    '东山',
    '金庭',
    '光福',
    '太湖',
    '吴中经开区',
    '太湖度假区',
    '区直',
  ];
  c = await addEntries(wuzhong, c.id, {
    entries: towns.map((t, i) => ({
      name: `第${i + 1}代表队`,
      unitName: `${t}${t.endsWith('区') || t === '区直' ? '' : '街道'}人民调解委员会`,
      orgId: null,
      members: null,
    })),
  });
  c = await panel(wuzhong, c, 'law_judge', '吴中区司法局');
  c = await openScoring(wuzhong, c.id, c.version);
  await scoreAll(c, c.rounds[0]!, (e, j) => round2(92 - e * 1.1 + (noise(e * 13 + j * 3 + 1) - 0.5) * 4));
  await scoreAll(c, c.rounds[1]!, (e, j) =>
    round2(90 - ((e * 7) % 17) * 0.9 + (noise(e * 17 + j * 5 + 2) - 0.5) * 5),
  );
  await releaseResults(wuzhong, c.id, await versionOf(c.id));
}

async function speechContest() {
  const publicity = await actorOf('publicity');
  let c = await create(publicity, {
    name: '2026年苏州市职工“劳动创造幸福”演讲比赛',
    category: 'speech',
    heldOn: '2026-12-07',
    venue: '苏州市工人文化宫报告厅',
    organisers: '苏州市总工会',
    entryKind: 'person',
    noticeNo: null,
    rounds: [
      {
        id: 'speech',
        name: '演讲',
        weight: 1,
        minScore: 0,
        maxScore: 100,
        judgeIds: null,
        criteria: [
          { id: 'content', name: '演讲内容', weight: 40 },
          { id: 'delivery', name: '语言表达', weight: 40 },
          { id: 'manner', name: '形象风度', weight: 20 },
        ],
      },
    ],
    rules: {
      trim: { enabled: true, minJudges: 5, dropEach: 1 },
      decimals: 2,
      rankBasis: 'exact',
      tieBreak: [{ by: 'highestKeptScore' }],
      prizes: {
        mode: 'count',
        tiers: [
          { prize: 'first', count: 1 },
          { prize: 'second', count: 2 },
          { prize: 'third', count: 3 },
        ],
      },
    },
  });
  const speakers = [
    ['周晓梅', '苏州轨道交通集团'],
    ['杨建军', '常熟市总工会'],
    ['朱丽华', '苏州市立医院'],
    ['林浩', '昆山市总工会'],
    ['何雨欣', '苏州工业园区总工会'],
    ['高志远', '张家港市总工会'],
    ['罗静', '市教育工会'],
    ['马骏', '吴江区总工会'],
  ];
  c = await addEntries(publicity, c.id, {
    entries: speakers.map(([name, unit]) => ({ name: name!, unitName: unit!, orgId: null, members: null })),
  });
  for (const [i, name] of JUDGE_NAMES.slice(0, 4).entries())
    c = await addJudge(publicity, c.id, {
      newUser: { username: `speech_judge${i + 1}`, displayName: name, phone: null, password: DEMO_PASSWORD },
      affiliation: '苏州市演讲学会',
      chief: i === 0,
    });
  const [demoJudge] = await db.rows<{ id: string }>("select id from users where username = 'judge'");
  c = await addJudge(publicity, c.id, {
    userId: demoJudge!.id,
    affiliation: '苏州广播电视总台',
    chief: false,
  });
  c = await openScoring(publicity, c.id, c.version);
  // The four other judges have scored everyone; the demo judge has scored the first three.
  await scoreAll(
    c,
    c.rounds[0]!,
    (e, j, k) => round2(93 - e * 0.8 - k * 0.5 + (noise(e * 29 + j * 11 + k) - 0.5) * 3),
    (e, j) => j === 4 && e >= 3,
  );
}

/** Writes the demo's contests; returns how many. */
export async function seedDemoContests(): Promise<number> {
  await songContest();
  await knowledgeContest();
  await speechContest();
  return 3;
}
