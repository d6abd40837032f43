// The one clock that deadlines are read from. It runs with the wall clock, shifted by an offset:
// tests move it forward to see a deadline pass, and GONGHUI_CLOCK_OFFSET_HOURS starts the app
// that many hours ahead (for a drill of the escalation rules, or a browser test). Timestamps the
// database stamps itself (audit, created_at) keep the wall clock.

let offsetMs = 0;

/** The current time as the app's deadlines see it. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Moves the clock forward (or back, with a negative amount) by `ms`. */
export function moveClock(ms: number): void {
  offsetMs += ms;
}

/** How far ahead of the wall clock the clock runs, in ms. */
export function clockOffset(): number {
  return offsetMs;
}

/** Puts the clock `ms` ahead of the wall clock (0: back with it). */
export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

/** The offset from the environment: GONGHUI_CLOCK_OFFSET_HOURS, a number of hours (may be negative). */
export function clockOffsetFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GONGHUI_CLOCK_OFFSET_HOURS;
  if (raw === undefined || raw === '') return 0;
  const hours = Number(raw);
  if (!Number.isFinite(hours))
    throw new Error(`环境变量 GONGHUI_CLOCK_OFFSET_HOURS 必须是数字（小时），当前为 "${raw}"`);
  return Math.round(hours * 3600_000);
}
