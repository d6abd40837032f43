// The demo's information items are dated on their days at ten, or earlier when the demo is
// written before ten that morning: never after the moment it was written.
import { describe, expect, it, vi } from 'vitest';
import { setupTestApp } from '../../tests/test-app';
import { seedDemoOrgs } from '../orgs/demo';
import { chinaToday } from '../platform/shared/dates';
import { seedDemoBulletin } from './demo';

const ctx = setupTestApp();

describe('demo information work', () => {
  it('dates nothing in the future when written before ten in the morning', async () => {
    await seedDemoOrgs();
    const seededAt = new Date(`${chinaToday()}T08:00:00+08:00`);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(seededAt);
    try {
      expect(await seedDemoBulletin()).toEqual({ items: 10 });
    } finally {
      vi.useRealTimers();
    }
    // (What the demo does after its items, publishing an issue, is stamped by the database's own
    // clock, which the test cannot move: the items' own dates are what it checks.)
    const [latest] = await ctx.database.rows<{ at: string }>(
      'select max(greatest(created_at, submitted_at, adopted_at))::text as at from submissions',
    );
    expect(Date.parse(latest!.at)).toBeLessThanOrEqual(seededAt.getTime());
  });
});
