import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';

describe('per-user cooldown', () => {
  it('lets a user burst, then says how many seconds to wait', () => {
    let now = 0;
    const c = new Cooldown(3, 2, () => now);
    expect(c.take('a')).toBe(0);
    expect(c.take('a')).toBe(0);
    expect(c.take('a')).toBe(3);
    now += 1000;
    expect(c.take('a')).toBe(2);
    now += 2000;
    expect(c.take('a')).toBe(0);
  });

  it("one user's burst does not starve others", () => {
    const c = new Cooldown(10, 1, () => 0);
    expect(c.take('spammer')).toBe(0);
    for (let i = 0; i < 100; i++) expect(c.take('spammer')).toBeGreaterThan(0);
    expect(c.take('someone else')).toBe(0);
  });

  it('is off when seconds is 0', () => {
    const c = new Cooldown(0, 1, () => 0);
    for (let i = 0; i < 10; i++) expect(c.take('a')).toBe(0);
  });
});
