// A synthetic but plausible registry for the demo city: enterprises in every township with
// union and institution histories over 2008–2026. Deterministic (seeded). The rows are made in
// chunks that go straight into COPY, the next chunk made while the database loads the last, and
// each enterprise's summary columns are computed from its facts as they are made (as an import
// does), so that a million enterprises load in minutes.
import { systemActor, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { loadIntoEmptyTables } from '../platform/db/bulk-load';
import { copyShape } from '../platform/db/csv';
import { ATTRIBUTE_KEYS, SUMMARY_KEYS, enterpriseFacts, enterprises } from './tables';
import { newId } from '../platform/ids';
import { PERMISSIONS } from '../platform/shared/access-catalog';
import { completeUscc } from '../platform/shared/uscc';
import { orgsInScopeByKind } from '../orgs/service';
import { nameKeyOf } from './names';
import { summarize } from './summary';
import { rebuildDerived } from '../platform/change-tracking';
import { chinaToday, utcDay } from '../platform/shared/dates';

/** Mulberry32: a small seeded generator, so that the demo is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  '华',
  '昌',
  '盛',
  '恒',
  '信',
  '达',
  '鑫',
  '丰',
  '宏',
  '远',
  '嘉',
  '瑞',
  '金',
  '新',
  '永',
  '隆',
  '泰',
  '源',
  '通',
  '和',
  '康',
  '利',
  '腾',
  '博',
  '骏',
  '科',
  '凯',
  '锦',
  '天',
  '海',
];
const TRADES: [string, string][] = [
  ['电子科技', '计算机、通信和其他电子设备制造业'],
  ['精密机械', '通用设备制造业'],
  ['纺织', '纺织业'],
  ['丝绸', '纺织业'],
  ['服饰', '纺织服装、服饰业'],
  ['化工', '化学原料和化学制品制造业'],
  ['建设工程', '建筑业'],
  ['物流', '交通运输、仓储和邮政业'],
  ['商贸', '批发和零售业'],
  ['光电', '计算机、通信和其他电子设备制造业'],
  ['新材料', '橡胶和塑料制品业'],
  ['食品', '食品制造业'],
  ['汽车零部件', '汽车制造业'],
  ['酒店管理', '住宿和餐饮业'],
  ['软件', '软件和信息技术服务业'],
  ['医疗器械', '专用设备制造业'],
];
const FORMS = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司'];
const FOREIGN = ['(苏州)', '(中国)', '(昆山)'];
const FOREIGN_NAMES = [
  '三星',
  '博世',
  '西门子',
  '松下',
  '佳能',
  '飞利浦',
  '霍尼韦尔',
  '日立',
  '友达',
  '仁宝',
  '纬创',
  '富士康',
  '大金',
  '罗氏',
];

const OWNERSHIP_WEIGHTS: [string, number][] = [
  ['private', 0.62],
  ['foreign', 0.14],
  ['hmt', 0.08],
  ['state', 0.06],
  ['collective', 0.06],
  ['other', 0.04],
];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

function weighted(r: () => number, items: [string, number][]): string {
  let x = r();
  for (const [v, w] of items) {
    if ((x -= w) <= 0) return v;
  }
  return items[0]![0];
}

const DAY = 86_400_000;
const START = Date.UTC(2008, 0, 1);
const END = Date.UTC(2026, 10, 1);
const dayTexts = new Map<number, string>();
/** The day of an instant as YYYY-MM-DD (the demo's few thousand days, each formatted once). */
const iso = (t: number) => {
  const day = Math.floor(t / DAY);
  let text = dayTexts.get(day);
  if (text === undefined) dayTexts.set(day, (text = utcDay(day * DAY)));
  return text;
};
const addYears = (t: number, years: number) => {
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
};

const enterpriseShape = copyShape(enterprises, ['id', ...ATTRIBUTE_KEYS, ...SUMMARY_KEYS]);
const factShape = copyShape(enterpriseFacts, [
  'id',
  'enterpriseId',
  'kind',
  'eventDate',
  'validFrom',
  'validTo',
  'value',
  'data',
  'source',
]);

/** Enterprises made per chunk of COPY. */
const CHUNK = 10_000;

interface Town {
  id: string;
  name: string;
  path: string;
  /** The administrative division code of its county-level city or district (USCC characters 3–8). */
  area: string;
}

/** One chunk of the demo registry as CSV for COPY. */
interface DemoChunk {
  enterprises: string;
  facts: string;
  /** Enterprises and facts made so far, this chunk included. */
  made: number;
  factsMade: number;
}

interface DemoFact {
  id: string;
  enterpriseId: string;
  source: 'demo';
  kind: string;
  eventDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  value: number | null;
  data: object | null;
}

/**
 * The demo registry of `count` enterprises over `towns`, `chunk` enterprises at a time. The
 * same seed and the same calls to it in the same order make the same enterprises and facts on
 * every machine; only ids and facts dated after `now` (not yet happened) differ.
 */
function* demoChunks(
  count: number,
  towns: readonly Town[],
  jointOf: ReadonlyMap<string, Omit<Town, 'area'> | undefined>,
  now: number,
  chunk = CHUNK,
): Generator<DemoChunk> {
  const r = rng(20111);
  const alt = rng(20112);
  const today = chinaToday();
  let lines: string[] = [];
  let factLines: string[] = [];
  let factsMade = 0;
  const usedNames = new Set<string>();
  // The place in a township's firms' names and the start of their addresses.
  const places = towns.map((t) => t.name.replace(/(街道|镇|新区|开发区|新城|园区)?工会$/, '').slice(0, 4));
  const streets = towns.map((t) => t.name.replace(/工会$/, ''));
  for (let i = 0; i < count; i++) {
    const town = towns[i % towns.length]!;
    const ownership = weighted(r, OWNERSHIP_WEIGHTS);
    const [trade, industry] = pick(r, TRADES);
    const place = places[i % towns.length]!;
    const foreign = ownership === 'foreign' || ownership === 'hmt';
    const brand = pick(r, WORDS) + pick(r, WORDS);
    let name = foreign
      ? `${pick(r, FOREIGN_NAMES)}${trade}${pick(r, FOREIGN)}有限公司`
      : `苏州${place}${brand}${trade}${pick(r, FORMS)}`;
    if (usedNames.has(name)) {
      // The draw a taken name always made, so that the rest of the registry stays as it was.
      const form = pick(r, FORMS);
      // A group's subsidiaries and namesakes differ by a word of their own (from a stream of
      // their own); a number is the last resort, for a registry far larger than the words allow.
      for (let attempt = 0; attempt < 8 && usedNames.has(name); attempt++) {
        const word = pick(alt, WORDS) + pick(alt, WORDS);
        name = foreign
          ? `${pick(alt, FOREIGN_NAMES)}${word}${trade}${pick(alt, FOREIGN)}有限公司`
          : `苏州${place}${word}${trade}${pick(alt, FORMS)}`;
      }
      if (usedNames.has(name))
        name = `${name.replace(/(有限公司|有限责任公司|股份有限公司)$/, '')}${i}${form}`;
    }
    usedNames.add(name);
    // Head counts are heavy-tailed: most firms are small, a few are very large.
    const employees = Math.max(3, Math.round(Math.exp(2.3 + r() * 2.2 + (r() < 0.08 ? r() * 3 : 0))));
    const registered = START - Math.floor(r() * 20 * 365) * DAY;
    const closed = r() < 0.04 ? registered + Math.floor(r() * (END - registered)) : null;
    const id = newId();
    const uscc = completeUscc(
      // State-owned firms registered by the city, the others where they are.
      ownership === 'state' ? '91320500' : `91${town.area}`,
      `M${String(i).padStart(7, '0')}`,
    );
    const address = `${streets[i % towns.length]!}${1 + Math.floor(r() * 300)}号`;
    const aboveDesignatedSize = employees >= 300 || r() < 0.1;
    const global500 = ownership === 'foreign' && employees > 800 && r() < 0.3;
    const facts: DemoFact[] = [];
    const fact = (
      kind: string,
      event: number | null,
      from: number | null,
      to: number | null,
      value: number | null,
      data: object | null = null,
    ) => {
      // Facts dated after today have not happened yet.
      if (event !== null && event > now) return;
      facts.push({
        id: newId(),
        enterpriseId: id,
        source: 'demo',
        kind,
        eventDate: event === null ? null : iso(event),
        validFrom: from === null ? null : iso(from),
        validTo: to === null ? null : iso(to),
        value,
        data,
      });
    };
    // The head count is a dated fact. One firm in ten grew to today's count: it started smaller
    // and reached today's count on a day after registration (both chosen from the index, so that
    // the rest of the demo stays as it was).
    const grewOn = registered + (300 + (i % 2000)) * DAY;
    let employeesToday = employees;
    if (i % 10 === 3 && grewOn < END) {
      const before = Math.max(3, Math.round(employees * (0.3 + (i % 7) / 20)));
      fact('headcount', null, null, null, before);
      fact('headcount', grewOn, null, null, employees);
      if (grewOn > now) employeesToday = before;
    } else fact('headcount', null, null, null, employees);
    // Larger firms organise earlier and more often; the campaign after 2010 lifts everyone.
    const organiseChance = Math.min(0.97, 0.35 + Math.log10(employees) * 0.22);
    const organised = r() < organiseChance;
    if (organised) {
      const founded = Math.max(registered, START + Math.floor(r() ** 1.6 * (END - START - 400 * DAY)));
      const members = Math.max(1, Math.round(employees * (0.6 + r() * 0.38)));
      fact('unionFounded', founded, null, null, members);
      const term = r() < 0.7 ? 5 : 3;
      for (let t = addYears(founded, term); t < END; t = addYears(t, term)) {
        if (r() < 0.85) fact('termElection', t + Math.floor(r() * 60) * DAY, null, null, term);
      }
      if (employees >= 25 || r() < 0.4)
        fact('workersCongress', founded + Math.floor(r() * 700) * DAY, null, null, null);
      if (employees >= 100 && r() < 0.6)
        fact('membersCongress', founded + Math.floor(r() * 900) * DAY, null, null, null);
      if (r() < 0.8) {
        for (let t = founded + Math.floor(r() * 365) * DAY; t < END; t = addYears(t, 3)) {
          if (r() < 0.8) fact('collectiveContract', t - 15 * DAY, t, addYears(t, 3) - DAY, null);
        }
      }
      if (r() < 0.75) {
        // Signed on a day of its own each year (not all on 1 January, ending all on 31 December);
        // the day from the enterprise's number, so the random sequence stays as it was.
        for (
          let t =
            Math.max(founded, Date.UTC(new Date(founded).getUTCFullYear() + 1, 0, 1)) +
            ((i * 97) % 365) * DAY;
          t < END;
          t = addYears(t, 1)
        ) {
          if (r() < 0.85) fact('wageAgreement', t - 20 * DAY, t, addYears(t, 1) - DAY, null);
        }
      }
      if (r() < 0.5)
        fact(
          'womenContract',
          founded + 200 * DAY,
          founded + 200 * DAY,
          addYears(founded + 200 * DAY, 3) - DAY,
          null,
        );
      if (r() < 0.7) fact('affairsDisclosure', founded + Math.floor(r() * 500) * DAY, null, null, null);
      // Members evaluate their union (会员评家) most years in the autumn; the demo keeps the
      // last five years, this year's included for many but not all.
      if (r() < 0.6) {
        const first = Math.max(new Date(founded).getUTCFullYear() + 1, new Date(END).getUTCFullYear() - 4);
        for (let year = first; Date.UTC(year, 9, 15) < END; year++) {
          if (r() >= 0.7) continue;
          const satisfied = Math.round(members * (0.6 + r() * 0.35));
          const basic = Math.round((members - satisfied) * r());
          fact('memberEvaluation', Date.UTC(year, 9, 15), null, null, year, {
            satisfied,
            basic,
            unsatisfied: members - satisfied - basic,
          });
        }
      }
      for (const item of ['readingRoom', 'equipment', 'contactWindow', 'studySpace', 'noticeBoard']) {
        if (r() < 0.55) fact('fiveHave', founded + Math.floor(r() * 1000) * DAY, null, null, null, { item });
      }
      // Rarely a union is dissolved (撤销) while the firm goes on: one firm in about 400, on a day
      // chosen from its index so that the rest of the demo stays as it was.
      const dissolved = founded + (800 + (i % 1000)) * DAY;
      if (i % 397 === 13 && dissolved < END) fact('unionDissolved', dissolved, null, null, null);
    }
    // In a township with a joint union, one small firm in three without a union of its own is
    // covered by it, from a day after the joint union's campaign began (chosen from the index, so
    // that the rest of the demo stays as it was).
    const joint = jointOf.get(town.id);
    const coveredFrom = Math.max(registered, Date.UTC(2012, 0, 1) + (i % 2000) * DAY);
    let jointToday: string | null = null;
    if (
      joint &&
      !organised &&
      employees < 100 &&
      Math.floor(i / towns.length) % 3 === 1 &&
      coveredFrom < END
    ) {
      fact('jointUnion', coveredFrom, null, null, 1, { orgId: joint.id });
      if (coveredFrom <= now) jointToday = joint.id;
    }
    // A survey (集中排查) in the last years finds a few firms hard to organise, or their union
    // ineffective, or their labour relations tense.
    if (r() < 0.04) {
      const flags = organised
        ? (['ineffectiveUnion', 'tenseRelations'] as const)
        : (['hardToOrganise', 'tenseRelations'] as const);
      fact('survey', END - Math.floor(r() * 700) * DAY, null, null, null, { flag: pick(r, flags) });
    }
    // The summary columns as refreshSummaries would set them from these facts: the head count
    // and the joint union in force today, and the rest by summarize (tested equal to the SQL).
    lines.push(
      enterpriseShape.line({
        id,
        uscc,
        name,
        nameKey: nameKeyOf(name),
        orgId: town.id,
        orgPath: town.path,
        address,
        ownership,
        industry,
        employees: employeesToday,
        aboveDesignatedSize,
        global500,
        status: closed ? 'closed' : 'operating',
        registeredOn: iso(registered),
        closedOn: closed ? iso(closed) : null,
        note: null,
        jointUnionOrgId: jointToday,
        unionUscc: null,
        ...summarize(facts, today),
      }),
    );
    for (const f of facts) factLines.push(factShape.line(f));
    factsMade += facts.length;
    if (lines.length >= chunk || i === count - 1) {
      yield {
        enterprises: lines.join('\n') + '\n',
        facts: factLines.length ? factLines.join('\n') + '\n' : '',
        made: i + 1,
        factsMade,
      };
      lines = [];
      factLines = [];
    }
  }
}

/** What a demo load is doing, for progress lines. */
export type DemoLoadStep =
  | { step: 'load'; made: number; count: number; facts: number }
  | { step: 'index' | 'foreign key'; name: string }
  | { step: 'derived'; name: string };

/**
 * Writes `count` synthetic enterprises spread over the townships in scope and rebuilds what is
 * derived from them, in one transaction; returns counts.
 */
export async function seedDemoEnterprises(
  count: number,
  options: { actor?: Actor; onProgress?: (step: DemoLoadStep) => void } = {},
): Promise<{ enterprises: number; facts: number }> {
  const actor = options.actor ?? systemActor(PERMISSIONS);
  const report = options.onProgress ?? (() => undefined);
  const districts = await orgsInScopeByKind(db.orm, actor, ['districtFederation']);
  const towns = (await orgsInScopeByKind(db.orm, actor, ['townshipUnion'])).map((t) => ({
    ...t,
    area: districts.find((d) => t.path.startsWith(d.path))?.divisionCode ?? '320500',
  }));
  if (!towns.length) throw new Error('演示企业需要先有乡镇(街道)工会');
  // The joint union of each township that has one (the nearest below it).
  const joints = await orgsInScopeByKind(db.orm, actor, ['jointUnion']);
  const jointOf = new Map(
    towns.map((t) => [t.id, joints.find((j) => j.path.startsWith(t.path) && j.path !== t.path)] as const),
  );
  let factsMade = 0;
  await db.transaction(async (tx, raw) => {
    await loadIntoEmptyTables(
      tx,
      [enterpriseShape.table, factShape.table],
      async () => {
        // The next chunk is made while the database loads the last one.
        let loading: Promise<unknown> = Promise.resolve();
        for (const chunk of demoChunks(count, towns, jointOf, Date.now())) {
          await loading;
          loading = (async () => {
            await raw.copyFrom(enterpriseShape.table, enterpriseShape.columns, chunk.enterprises);
            if (chunk.facts) await raw.copyFrom(factShape.table, factShape.columns, chunk.facts);
            report({ step: 'load', made: chunk.made, count, facts: chunk.factsMade });
          })();
          // Awaited on the next turn; this only keeps a failure meanwhile from counting as unhandled.
          loading.catch(() => undefined);
          factsMade = chunk.factsMade;
        }
        await loading;
      },
      (name, kind) => report({ step: kind, name }),
    );
    // The load went around the tracked write paths: everything derived from enterprises and
    // their facts (the listeners wired in src/wiring.ts) is rebuilt here, in the same transaction.
    await rebuildDerived(tx, 'enterprises', (name) => report({ step: 'derived', name }));
  });
  return { enterprises: count, facts: factsMade };
}
