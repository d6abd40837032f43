// Import of enterprises with their union and institution facts (issue: registry import).
// Phase 1 streams the file, validates each row and copies the valid ones into the staging
// table in chunks (short statements, so the API keeps answering); phase 2 merges the staging
// rows into the registry in ONE transaction, so an import is all or nothing, and a crash
// before the commit leaves only staging rows, which are discarded.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { db, type Db } from '../../platform/db/client';
import { copyShape } from '../../platform/db/csv';
import { AppError } from '../../platform/errors';
import { filesDir } from '../../platform/files';
import { newId } from '../../platform/ids';
import { getJob, type JobContext } from '../../platform/jobs';
import { orgsInScopeByKind } from '../../orgs/service';
import { refreshSummaries, summarize } from '../summary';
import { tracked } from '../../platform/change-tracking';
import { ATTRIBUTE_KEYS, SUMMARY_KEYS, importFacts, importRows } from '../tables';
import { writeErrorReport } from './error-report';
import { IMPORT_COLUMNS, TEMPLATE_EXAMPLE_USCC, mapHeaders, type ImportField } from './headers';
import { ImportFileError, readRows, sniffFormat } from '../../platform/spreadsheets/read-rows';
import type { EnterpriseRecord, RowError } from './record';
import { validateRow } from './validate-row';
import { chinaToday } from '../../platform/shared/dates';
import { USCC_NOT_HERE } from '../contract';

export interface ImportResult {
  dryRun: boolean;
  committed: boolean;
  rows: number;
  created: number;
  updated: number;
  facts: number;
  errorCount: number;
  /** The first errors, for the page; the full list is in the report. */
  errors: RowError[];
  warnings: string[];
  /** Set when there are errors: GET /api/enterprises/imports/:jobId/errors.xlsx */
  hasReport: boolean;
  /** Milliseconds per phase of a committed import. */
  timingsMs?: Record<string, number>;
}

const CHUNK = 5000;
const MAX_ERRORS_KEPT = 100_000;
/** Rows listed per kind of problem found in the staging table. */
const MAX_LISTED = 10_000;
const SUMMARY_COLUMNS = SUMMARY_KEYS.map((k) => getTableColumns(importRows)[k].name);
const staging = copyShape(importRows, ['importId', 'row', 'id', ...ATTRIBUTE_KEYS, ...SUMMARY_KEYS]);
const stagedFacts = copyShape(importFacts, [
  'importId',
  'uscc',
  'id',
  'kind',
  'eventDate',
  'validFrom',
  'validTo',
  'value',
  'data',
]);

function stripUnionSuffix(name: string): string {
  return name.replace(/(总工会|工会工作委员会|工会委员会|联合工会|工会|工委)$/, '');
}

interface Host {
  id: string;
  path: string;
}

/** Resolves the township names people write (长桥街道 / 长桥街道工会 / short names) to organisations. */
async function hostResolver(actor: Actor) {
  const hosts = await orgsInScopeByKind(db.orm, actor, [
    'townshipUnion',
    'districtFederation',
    'industryUnion',
  ]);
  const byName = new Map<string, Host | 'ambiguous'>();
  const add = (key: string, host: Host) => {
    if (!key) return;
    const seen = byName.get(key);
    byName.set(key, seen && seen !== 'ambiguous' && seen.id !== host.id ? 'ambiguous' : host);
  };
  for (const h of hosts) {
    const host = { id: h.id, path: h.path };
    add(h.name, host);
    add(stripUnionSuffix(h.name), host);
    if (h.shortName) add(h.shortName, host);
  }
  const joints = await orgsInScopeByKind(db.orm, actor, ['jointUnion']);
  const jointByName = new Map<string, string>();
  for (const j of joints) {
    jointByName.set(j.name, j.id);
    jointByName.set(stripUnionSuffix(j.name), j.id);
  }
  return {
    host(name: string): Host | 'ambiguous' | null {
      const key = name.replace(/\s+/g, '');
      return byName.get(key) ?? byName.get(stripUnionSuffix(key)) ?? null;
    },
    joint(name: string): string | null {
      const key = name.replace(/\s+/g, '');
      return jointByName.get(key) ?? jointByName.get(stripUnionSuffix(key)) ?? null;
    },
  };
}

function header(field: ImportField): string {
  return IMPORT_COLUMNS.find((c) => c.key === field)?.header ?? field;
}

/** Runs one import of the file at `filePath` for `actor`; the job reports progress. */
export async function importEnterprises(
  actor: Actor,
  job: JobContext,
  options: { filePath: string; originalName: string; dryRun: boolean },
): Promise<ImportResult> {
  requireAccess(actor, 'enterprise:write');
  const importId = job.id;
  const today = chinaToday();
  const format = await sniffFormat(options.filePath, options.originalName);
  const resolve = await hostResolver(actor);
  const errors: RowError[] = [];
  let errorCount = 0;
  const warnings: string[] = [];
  const pushError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS_KEPT) errors.push(e);
  };
  // Where the time goes, for the benchmark and the operator (reported with the result).
  const timings: Record<string, number> = {};
  let lastMark = performance.now();
  const mark = (phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round(now - lastMark);
    lastMark = now;
  };
  let columns: (ImportField | null)[] | null = null;
  let dataRows = 0;
  let staged = 0;
  let chunk: string[] = [];
  let factChunk: string[] = [];
  // One COPY may be in flight while the next chunk is validated: on PGlite the database works
  // in its own thread, so reading and loading overlap.
  let inFlight: Promise<void> = Promise.resolve();
  let copyError: unknown = null;
  const settle = async () => {
    await inFlight;
    if (copyError) throw copyError;
  };
  const flush = async () => {
    const rows = chunk;
    const facts = factChunk;
    chunk = [];
    factChunk = [];
    await settle();
    inFlight = (async () => {
      if (rows.length) staged += await db.copyFrom(staging.table, staging.columns, rows.join('\n') + '\n');
      if (facts.length) await db.copyFrom(stagedFacts.table, stagedFacts.columns, facts.join('\n') + '\n');
    })().catch((err: unknown) => {
      copyError = err;
    });
  };

  try {
    for await (const { row, cells, problems } of readRows(options.filePath, format)) {
      if (!columns) {
        const mapped = mapHeaders(cells);
        if (mapped.missing.length) {
          throw new AppError(
            400,
            'IMPORT_MISSING_COLUMNS',
            `缺少必填列：${mapped.missing.map(header).join('、')}。请使用导入模板的表头。`,
          );
        }
        for (const d of mapped.duplicates) {
          throw new AppError(
            400,
            'IMPORT_DUPLICATE_COLUMNS',
            `表头“${d.headers.join('”和“')}”表示同一列（${header(d.field)}），请只保留一列`,
          );
        }
        if (mapped.unknown.length)
          warnings.push(`以下列不认识，已忽略：${mapped.unknown.slice(0, 20).join('、')}`);
        columns = mapped.columns;
        continue;
      }
      dataRows += 1;
      if (dataRows % 1000 === 0) job.progress(dataRows, null, `已读取 ${dataRows} 行`);
      const checked = validateRow(row, cells, columns, { today, problems });
      if ('errors' in checked) {
        for (const e of checked.errors) pushError(e);
        continue;
      }
      const record: EnterpriseRecord = checked.record;
      if (record.uscc === TEMPLATE_EXAMPLE_USCC) {
        pushError({
          row,
          column: header('uscc'),
          value: record.uscc,
          reason: '这是导入模板中的示例行，请删除后再导入',
        });
        continue;
      }
      const host = resolve.host(record.township);
      if (host === null || host === 'ambiguous') {
        pushError({
          row,
          column: header('township'),
          value: record.township,
          reason:
            host === 'ambiguous'
              ? '名称对应多个乡镇(街道)，请填写带“工会”的全称'
              : '找不到该乡镇(街道)，或不在您的管理范围内',
        });
        continue;
      }
      let jointUnionOrgId: string | null = null;
      if (record.jointUnion) {
        jointUnionOrgId = resolve.joint(record.jointUnion);
        if (!jointUnionOrgId) {
          pushError({
            row,
            column: header('jointUnion'),
            value: record.jointUnion,
            reason: '找不到该联合工会，或不在您的管理范围内',
          });
          continue;
        }
      }
      if (record.uscc === TEMPLATE_EXAMPLE_USCC) {
        pushError({
          row,
          column: header('uscc'),
          value: record.uscc,
          reason: '这是导入模板中的示例行，请删除后再导入',
        });
        continue;
      }
      const facts = record.facts.map((f) => ({ id: newId(), ...f }));
      // A joint union named by the file covers a new enterprise since registration (one already
      // in the registry from the import's day: see datedChanges).
      if (jointUnionOrgId)
        facts.push({
          id: newId(),
          kind: 'jointUnion',
          eventDate: null,
          validFrom: null,
          validTo: null,
          value: 1,
          data: { orgId: jointUnionOrgId },
        });
      const summary = summarize(facts, today);
      for (const f of facts) {
        factChunk.push(stagedFacts.line({ importId, uscc: record.uscc, ...f }));
      }
      const { township: _township, jointUnion: _jointUnion, facts: _facts, ...attributes } = record;
      chunk.push(
        staging.line({
          importId,
          row,
          id: newId(),
          ...attributes,
          orgId: host.id,
          orgPath: host.path,
          jointUnionOrgId,
          ...summary,
        }),
      );
      if (chunk.length >= CHUNK) await flush();
    }
    job.progress(dataRows, null, `已读取 ${dataRows} 行，正在完成暂存`);
    await flush();
    await settle();
    if (!columns) throw new AppError(400, 'IMPORT_EMPTY', '文件中没有表头和数据');
    if (dataRows === 0) throw new AppError(400, 'IMPORT_NO_ROWS', '文件只有表头，没有数据行');
    mark('read');
    job.progress(dataRows, dataRows, '正在核对已登记的企业');

    // Duplicates inside the file are found in the staging table, so that memory does not grow
    // with the file: a repeated code is an error, a repeated name under another code a warning.
    const repeated = await db.rows<{ row: number; uscc: string; first: number }>(
      `select r.row, r.uscc, d.first from import_rows r
         join (select uscc, min(row) as first from import_rows where import_id = $1
                group by uscc having count(*) > 1) d on d.uscc = r.uscc
        where r.import_id = $1 and r.row <> d.first order by r.row limit ${MAX_LISTED}`,
      [importId],
    );
    for (const d of repeated) {
      pushError({
        row: d.row,
        column: header('uscc'),
        value: d.uscc,
        reason: `与第 ${d.first} 行的统一社会信用代码重复`,
      });
    }
    const namesakes = await db.rows<{ row: number; name: string; first: number }>(
      `select r.row, r.name, d.first from import_rows r
         join (select name_key, min(row) as first from import_rows where import_id = $1
                group by name_key having count(distinct uscc) > 1) d on d.name_key = r.name_key
        where r.import_id = $1 and r.row <> d.first order by r.row limit 200`,
      [importId],
    );
    for (const n of namesakes) {
      warnings.push(
        `第 ${n.row} 行“${n.name}”与第 ${n.first} 行名称相同（忽略全半角、括号、有限责任公司写法），但信用代码不同，请核实是否重复登记`,
      );
    }

    // Enterprises registered outside the actor's scope cannot be changed from here.
    const foreign = await db.rows<{ row: number; uscc: string }>(
      `select r.row, r.uscc from import_rows r join enterprises e on e.uscc = r.uscc
        where r.import_id = $1 and e.org_path not like $2 order by r.row limit ${MAX_LISTED}`,
      [importId, actor.scopePath + '%'],
    );
    for (const f of foreign) {
      pushError({
        row: f.row,
        column: header('uscc'),
        value: f.uscc,
        reason: USCC_NOT_HERE,
      });
    }
    const [counts] = await db.rows<{ existing: number }>(
      'select count(*)::int as existing from import_rows r where r.import_id = $1 and exists (select 1 from enterprises e where e.uscc = r.uscc)',
      [importId],
    );
    const updated = counts?.existing ?? 0;
    const result: ImportResult = {
      dryRun: options.dryRun,
      committed: false,
      rows: dataRows,
      created: staged - updated,
      updated,
      facts: 0,
      errorCount,
      errors: errors.sort((a, b) => a.row - b.row).slice(0, 200),
      warnings,
      hasReport: errorCount > 0,
    };
    if (errorCount > 0) {
      await writeErrorReport(
        reportPath(importId),
        errors,
        `${options.originalName}：共 ${dataRows} 行，${errorCount} 处错误；未导入任何数据。`,
      );
      throw new AppError(
        400,
        'IMPORT_REJECTED',
        `发现 ${errorCount} 处错误，未导入任何数据。请下载错误明细，改正后重新上传。`,
        result as unknown as Record<string, unknown>,
      );
    }
    if (options.dryRun) {
      job.progress(
        dataRows,
        dataRows,
        `校验通过：${dataRows} 行，将新增 ${result.created}，更新 ${result.updated}（未写入）`,
      );
      return result;
    }

    mark('check');
    job.progress(dataRows, dataRows, '正在写入');
    result.facts = await db.transaction(async (tx) => {
      // New enterprises take the summary computed while reading; existing ones are refreshed
      // from all their facts, old and new, after the facts are in.
      const inserted = await tracked(
        tx,
        'enterprises',
        sql`e.uscc in (select r.uscc from import_rows r where r.import_id = ${importId})`,
        async () => {
          await datedChanges(tx, importId, actor.scopePath, today);
          await tx.execute(sql`
          insert into enterprises (id, uscc, name, name_key, org_id, org_path, address, ownership, industry, employees,
            above_designated_size, global500, status, registered_on, closed_on, note, joint_union_org_id, union_uscc,
            ${sql.raw(SUMMARY_COLUMNS.join(', '))})
          select id, uscc, name, name_key, org_id, org_path, address, ownership, industry, employees,
            above_designated_size, global500, status, registered_on, closed_on, note, joint_union_org_id, union_uscc,
            ${sql.raw(SUMMARY_COLUMNS.join(', '))}
            from import_rows where import_id = ${importId}
          on conflict (uscc) do update set
            name = excluded.name, name_key = excluded.name_key, org_id = excluded.org_id, org_path = excluded.org_path,
            address = coalesce(excluded.address, enterprises.address),
            ownership = coalesce(excluded.ownership, enterprises.ownership),
            industry = coalesce(excluded.industry, enterprises.industry),
            employees = coalesce(excluded.employees, enterprises.employees),
            above_designated_size = coalesce(excluded.above_designated_size, enterprises.above_designated_size),
            global500 = coalesce(excluded.global500, enterprises.global500),
            status = excluded.status,
            registered_on = coalesce(excluded.registered_on, enterprises.registered_on),
            closed_on = coalesce(excluded.closed_on, enterprises.closed_on),
            note = coalesce(excluded.note, enterprises.note),
            joint_union_org_id = coalesce(excluded.joint_union_org_id, enterprises.joint_union_org_id),
            union_uscc = coalesce(excluded.union_uscc, enterprises.union_uscc),
            version = enterprises.version + 1, updated_at = now()
            where enterprises.org_path like ${actor.scopePath + '%'}`);
          // A closed enterprise always has its closing date: one closed by this file without a
          // date is closed as of the import's day.
          await tx.execute(sql`
          update enterprises set closed_on = ${today}::date
            where status = 'closed' and closed_on is null
              and uscc in (select r.uscc from import_rows r where r.import_id = ${importId})`);
          mark('upsert');
          // Facts of new enterprises go straight in; those of existing ones only when the same
          // fact is not already recorded (importing a file twice adds nothing).
          const added = await tx.execute<{ n: number }>(sql`
          with added as (
            insert into enterprise_facts (id, enterprise_id, kind, event_date, valid_from, valid_to, value, data, source, import_id)
            select f.id, e.id, f.kind, f.event_date, f.valid_from, f.valid_to, f.value, f.data, 'import', ${importId}::uuid
              from import_facts f
              join import_rows r on r.import_id = f.import_id and r.uscc = f.uscc
              join enterprises e on e.uscc = f.uscc
             where f.import_id = ${importId}
               and (e.id = r.id or not exists (${sameFact(sql`e.id`, 'f')}))
            returning 1)
          select count(*)::int as n from added`);
          mark('facts');
          await refreshSummaries(
            tx,
            sql`exists (select 1 from import_rows r where r.import_id = ${importId} and r.uscc = e.uscc and r.id <> e.id)`,
          );
          mark('summaries');
          return added;
        },
      );
      mark('coverage');
      await tx.execute(sql`delete from import_rows where import_id = ${importId}`);
      await tx.execute(sql`delete from import_facts where import_id = ${importId}`);
      const facts = inserted[0]?.n ?? 0;
      await audit(tx, actor, {
        action: 'enterprise.import',
        entity: 'import',
        entityId: importId,
        orgPath: actor.scopePath,
        after: {
          file: path.basename(options.originalName),
          rows: dataRows,
          created: result.created,
          updated,
          facts,
        },
      });
      return facts;
    });
    mark('commit');
    job.progress(
      dataRows,
      dataRows,
      `导入完成：新增 ${result.created}，更新 ${updated}，事项 ${result.facts} 条`,
    );
    result.committed = true;
    result.timingsMs = timings;
    return result;
  } catch (err) {
    if (err instanceof ImportFileError) throw new AppError(400, err.code, err.message);
    throw err;
  } finally {
    await db.rows('delete from import_rows where import_id = $1', [importId]).catch(() => undefined);
    await db.rows('delete from import_facts where import_id = $1', [importId]).catch(() => undefined);
  }
}

/** SQL "this enterprise already has a fact equal to `alias`" (every field, nulls equal). */
/**
 * Head counts and joint unions of enterprises already in the registry: a value the file leaves
 * unchanged adds nothing; a changed one holds from the import's day, and the value it replaces,
 * when it had no history yet, holds since registration (the figures of earlier years keep it).
 * Runs before the rows are merged, while the registry still has the old values.
 */
async function datedChanges(tx: Db, importId: string, scopePath: string, today: string) {
  const kinds = [
    {
      kind: 'headcount',
      current: sql`e.employees`,
      staged: sql`f.value`,
      old: sql`e.employees, null::jsonb`,
    },
    {
      kind: 'jointUnion',
      current: sql`e.joint_union_org_id::text`,
      staged: sql`f.data->>'orgId'`,
      old: sql`1, jsonb_build_object('orgId', e.joint_union_org_id)`,
    },
  ];
  for (const k of kinds) {
    const existing = sql`from import_facts f
      join import_rows r on r.import_id = f.import_id and r.uscc = f.uscc
      join enterprises e on e.uscc = f.uscc and e.id <> r.id and e.org_path like ${scopePath + '%'}
      where f.import_id = ${importId} and f.kind = ${k.kind}`;
    await tx.execute(sql`
      insert into enterprise_facts (id, enterprise_id, kind, event_date, valid_from, valid_to, value, data, source, import_id)
      select gen_random_uuid(), e.id, ${k.kind}, null, null, null, ${k.old}, 'import', ${importId}::uuid
      ${existing} and ${k.current} is not null and ${k.current} is distinct from ${k.staged}
        and not exists (select 1 from enterprise_facts o where o.enterprise_id = e.id and o.kind = ${k.kind})`);
    await tx.execute(sql`
      delete from import_facts d using (select f.id ${existing}
        and ${k.staged} is not distinct from ${k.current}) same
      where d.id = same.id`);
    await tx.execute(sql`
      update import_facts d set event_date = ${today}::date from (select f.id ${existing}) changed
      where d.id = changed.id`);
  }
}

export function sameFact(enterpriseId: SQL, alias: string): SQL {
  const f = sql.raw(alias);
  return sql`select 1 from enterprise_facts o where o.enterprise_id = ${enterpriseId} and o.kind = ${f}.kind
    and o.event_date is not distinct from ${f}.event_date and o.valid_from is not distinct from ${f}.valid_from
    and o.valid_to is not distinct from ${f}.valid_to and o.value is not distinct from ${f}.value
    and o.data is not distinct from ${f}.data`;
}

export function reportPath(importId: string): string {
  return path.join(filesDir('reports'), `${importId}.xlsx`);
}

/**
 * The error report of an import the actor may see: those who import (enterprise:write) and see the
 * job (its starter, or anyone whose subtree holds the unit it ran for). 404 when there is none.
 */
export async function importErrorReport(actor: Actor, jobId: string): Promise<string> {
  requireAccess(actor, 'enterprise:write');
  const job = await getJob(actor, jobId);
  const file = reportPath(job.id);
  if (!job.kind.startsWith('enterprise.import') || !existsSync(file))
    throw new AppError(404, 'NOT_FOUND', '错误明细不存在');
  return file;
}

/** Staging rows of imports that never finished (the process stopped); run at start-up. */
export async function discardUnfinishedImports(): Promise<void> {
  await db.rows(`delete from import_rows where import_id in (select id from jobs where state <> 'running')`);
  await db.rows(`delete from import_facts where import_id in (select id from jobs where state <> 'running')`);
}
