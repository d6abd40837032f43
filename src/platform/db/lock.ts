import { closeSync, openSync, readFileSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `数据目录 ${dataDir} 已被另一个进程占用（进程号 ${holder.pid}，主机 ${holder.host}，` +
        `启动于 ${holder.startedAt}，命令：${holder.command}）。同一数据目录只能由一个进程打开，` +
        `否则会丢失写入。请先停止该进程，或对运行中的服务使用其网页或接口。`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file of a PGlite data folder. Two processes on one folder silently lose
 * writes, so a live holder is refused; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'gonghui.lock');
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 300),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
          if (current.pid === me.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: LockHolder | undefined;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        holder = undefined; // unreadable: half-written by a crashed process
      }
      if (holder && holder.host === me.host && (holder.pid === me.pid || isAlive(holder.pid))) {
        throw new DataDirLockedError(dataDir, holder);
      }
      if (holder && holder.host !== me.host) {
        // Another machine on a shared folder: we cannot check its process, so refuse.
        throw new DataDirLockedError(dataDir, holder);
      }
      try {
        unlinkSync(file);
      } catch {
        // raced with another process; retry
      }
    }
  }
  throw new Error(`无法获得数据目录锁：${file}`);
}
