// The demo's labour competitions, written through the services as their people would:
// - 吴江市总工会 (user `wujiang`) runs the 2026 investment-attraction competition (招商引资劳动竞赛)
//   with 吴江区商务局: five township teams report signed projects and registered capital by
//   quarter, adding up, once checked, to 415 projects and 32.27亿美元; a bulletin item reporting
//   the result is linked, and its 49位 (advanced individuals) is accepted from it as the
//   competition office's value; a value of the last quarter still waits to be checked;
//   commendation of advanced collectives and individuals.
// - the city's production department (user `production`) runs the key-projects competition with
//   the units of two districts, some values accepted, some waiting, some still due.
import { systemActor, type Actor } from '../../platform/access';
import { db } from '../../platform/db/client';
import { now } from '../../platform/clock';
import { PERMISSIONS } from '../../platform/shared/access-catalog';
import { chinaDay } from '../../platform/shared/dates';
import { loadActor } from '../../orgs/users-service';
import { adoptedDemoItem } from '../../bulletin/demo-items-service';
import type { CampaignDetail } from './contract';
import { addCommendation, addIndicator, addParticipant, createCampaign, setUnits } from './campaigns-service';
import { acceptValue, reportValue } from './values';
import { acceptFigure, linkSource, listSources } from './sources';
import { periodsBetween } from './periods';

interface Org {
  id: string;
  name: string;
  path: string;
}

async function actorNamed(username: string, fallback: Org): Promise<Actor> {
  const [row] = await db.rows<{ id: string }>('select id from users where username = $1', [username]);
  const actor = row ? await loadActor(row.id) : null;
  return actor ?? { ...systemActor(PERMISSIONS), orgId: fallback.id, scopePath: fallback.path };
}

/** `total` (in units of 10^-decimals) split over `n` periods: roughly even, the rest in the last. */
function split(total: number, n: number): number[] {
  const part = Math.floor((total * 0.9) / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - part * (n - 1) : part));
}

const text = (units: number, decimals: number) =>
  decimals
    ? `${Math.floor(units / 10 ** decimals)}.${String(units % 10 ** decimals).padStart(decimals, '0')}`
    : String(units);

/** Reports (and, unless `leave`, accepts) a value. */
async function put(
  reporter: Actor,
  organiser: Actor,
  c: CampaignDetail,
  v: { participantId: string; indicatorId: string; period: string; value: string },
  leave = false,
) {
  const reported = await reportValue(reporter, c.id, { ...v, note: null, version: null });
  if (!leave) await acceptValue(organiser, c.id, reported.id, { version: reported.version });
}

/** Writes the demo competitions; expects the demo organisations, users and bulletin. */
export async function seedDemoCompetitions(): Promise<{ campaigns: number }> {
  const orgs = await db.rows<Org & { parent: string | null; kind: string }>(
    'select id, name, path, parent_id as parent, kind from orgs where active order by sort_order, name',
  );
  const named = (name: string) => orgs.find((o) => o.name === name);
  const city = orgs.find((o) => o.kind === 'cityFederation');
  const wujiang = named('吴江市总工会');
  const wuzhong = named('吴中区总工会');
  if (!city || !wujiang || !wuzhong) return { campaigns: 0 };
  const townsOf = (d: Org) => orgs.filter((o) => o.parent === d.id && o.kind === 'townshipUnion');
  const today = chinaDay(now());
  const year = Number(today.slice(0, 4));
  const begun = periodsBetween('quarter', `${year}-01-01`, `${year}-12-31`).filter(
    (p) => p.startsOn <= today,
  );

  // ---- 吴江's investment-attraction competition ----
  const organiser = await actorNamed('wujiang', wujiang);
  const towns = townsOf(wujiang).slice(0, 5);
  let c = await createCampaign(organiser, {
    name: `${year}年吴江区招商引资劳动竞赛`,
    kind: 'labour',
    orgId: wujiang.id,
    partners: ['吴江区商务局'],
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    cycle: 'quarter',
    description:
      '围绕全区招商引资目标任务，在各镇（区）招商队伍中开展“比项目、比投资、比服务”劳动竞赛，按季度填报、区商务局核实，年终表彰先进。',
  });
  c = await setUnits(organiser, c.id, {
    version: c.version,
    orgIds: [wujiang.id, ...towns.map((t) => t.id)],
  });
  for (const t of towns)
    c = await addParticipant(organiser, c.id, {
      kind: 'team',
      name: `${t.name.replace(/工会$/, '')}招商小组`,
      orgId: t.id,
      enterpriseId: null,
    });
  c = await addParticipant(organiser, c.id, {
    kind: 'team',
    name: '区招商引资劳动竞赛办公室',
    orgId: wujiang.id,
    enterpriseId: null,
  });
  c = await addIndicator(organiser, c.id, { name: '签约项目', unit: '项', decimals: 0, rollup: 'sum' });
  c = await addIndicator(organiser, c.id, { name: '注册资本', unit: '亿美元', decimals: 2, rollup: 'sum' });
  c = await addIndicator(organiser, c.id, { name: '先进个人', unit: '人', decimals: 0, rollup: 'sum' });
  const [projects, capital, people] = c.indicators as [
    CampaignDetail['indicators'][number],
    CampaignDetail['indicators'][number],
    CampaignDetail['indicators'][number],
  ];
  // 415 projects and 32.27亿美元 (in hundredths) over the five teams.
  const projectShares = [120, 95, 80, 70, 50];
  const capitalShares = [935, 762, 618, 540, 372];
  // Values of the quarters before the current one; the current one is still being reported.
  const reported = begun.length > 1 ? begun.slice(0, -1) : begun;
  for (const [i, t] of towns.entries()) {
    const participantId = c.participantList.find((p) => p.org.id === t.id)!.id;
    const reporter: Actor = { ...organiser, orgId: t.id, scopePath: t.path };
    const n = reported.length;
    const ps = split(projectShares[i] ?? 0, n);
    const cs = split(capitalShares[i] ?? 0, n);
    for (const [k, p] of reported.entries()) {
      await put(reporter, organiser, c, {
        participantId,
        indicatorId: projects.id,
        period: p.period,
        value: text(ps[k]!, 0),
      });
      await put(reporter, organiser, c, {
        participantId,
        indicatorId: capital.id,
        period: p.period,
        value: text(cs[k]!, 2),
      });
    }
  }
  // The current quarter: one team has reported, not yet checked.
  if (begun.length > 1 && towns[0]) {
    const participantId = c.participantList.find((p) => p.org.id === towns[0]!.id)!.id;
    await put(
      { ...organiser, orgId: towns[0].id, scopePath: towns[0].path },
      organiser,
      c,
      { participantId, indicatorId: projects.id, period: begun.at(-1)!.period, value: '12' },
      true,
    );
  }
  // The bulletin reports the result; its figures are linked, 49位 accepted from it.
  const itemId = await adoptedDemoItem(wujiang, city, {
    title: '吴江区招商引资劳动竞赛成效显著',
    body:
      '\u3000\u3000今年以来，吴江区总工会联合区商务局在全区招商队伍中开展招商引资劳动竞赛，' +
      `各镇（区）比项目、比投资、比服务，全区新签约项目415项，注册资本32.27亿美元，49位同志被评为招商引资先进个人。`,
    authors: ['陈吴江'],
  });
  await linkSource(organiser, c.id, { itemId });
  const figures = (await listSources(organiser, c.id)).items[0]?.figures ?? [];
  const fortyNine = figures.find((f) => f.raw === '49位');
  const office = c.participantList.find((p) => p.org.id === wujiang.id)!;
  if (fortyNine && reported.length)
    await acceptFigure(
      organiser,
      { id: c.id, itemId, position: fortyNine.position },
      { indicatorId: people.id, participantId: office.id, period: reported.at(-1)!.period, value: null },
    );
  const awardedOn = today;
  for (const [kind, name, title, org] of [
    ['collective', `${towns[0]?.name.replace(/工会$/, '') ?? ''}招商小组`, '招商引资先进集体', towns[0]],
    ['collective', `${towns[1]?.name.replace(/工会$/, '') ?? ''}招商小组`, '招商引资先进集体', towns[1]],
    ['individual', '沈建华', '招商引资先进个人', towns[0]],
    ['individual', '周丽萍', '招商引资先进个人', towns[1]],
    ['individual', '吴志刚', '招商引资先进个人', towns[2]],
  ] as const) {
    if (!org) continue;
    const participant =
      kind === 'collective' ? c.participantList.find((p) => p.org.id === org.id) : undefined;
    c = await addCommendation(organiser, c.id, {
      kind,
      name,
      title,
      orgId: org.id,
      participantId: participant?.id ?? null,
      awardedOn,
    });
  }

  // ---- the city's key-projects competition ----
  const production = await actorNamed('production', city);
  const cityUnits = [...townsOf(wuzhong).slice(0, 2), ...towns.slice(0, 2)];
  let k = await createCampaign(production, {
    name: `${year}年全市重点工程建功立业劳动竞赛`,
    kind: 'labour',
    orgId: city.id,
    partners: ['市发展和改革委员会', '市住房和城乡建设局'],
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    cycle: 'quarter',
    description: '在全市重点工程建设项目中开展“比进度、比质量、比安全、比创新”劳动竞赛。',
  });
  k = await setUnits(production, k.id, { version: k.version, orgIds: cityUnits.map((u) => u.id) });
  for (const u of cityUnits)
    k = await addParticipant(production, k.id, {
      kind: 'project',
      name: `${u.name.replace(/工会$/, '')}重点工程项目部`,
      orgId: u.id,
      enterpriseId: null,
    });
  k = await addIndicator(production, k.id, { name: '完成投资', unit: '亿元', decimals: 2, rollup: 'sum' });
  k = await addIndicator(production, k.id, { name: '合理化建议', unit: '条', decimals: 0, rollup: 'sum' });
  k = await addIndicator(production, k.id, {
    name: '安全生产达标率',
    unit: '%',
    decimals: 1,
    rollup: 'none',
  });
  const [invest, advice, safety] = k.indicators as [
    CampaignDetail['indicators'][number],
    CampaignDetail['indicators'][number],
    CampaignDetail['indicators'][number],
  ];
  for (const [i, u] of cityUnits.entries()) {
    const participantId = k.participantList.find((p) => p.org.id === u.id)!.id;
    const reporter: Actor = { ...production, orgId: u.id, scopePath: u.path };
    // The first period accepted for all; the second reported by half, waiting to be checked.
    const first = begun[0];
    if (!first) break;
    await put(reporter, production, k, {
      participantId,
      indicatorId: invest.id,
      period: first.period,
      value: text(280 + i * 55, 2),
    });
    await put(reporter, production, k, {
      participantId,
      indicatorId: advice.id,
      period: first.period,
      value: String(36 + i * 7),
    });
    await put(reporter, production, k, {
      participantId,
      indicatorId: safety.id,
      period: first.period,
      value: `${96 + (i % 3)}.5`,
    });
    const second = begun[1];
    if (second && i % 2 === 0)
      await put(
        reporter,
        production,
        k,
        { participantId, indicatorId: invest.id, period: second.period, value: text(310 + i * 40, 2) },
        true,
      );
  }
  return { campaigns: 2 };
}
