import { expect } from 'vitest';
import type { DiscordMessage } from '../../src/discord/render.js';
import { LIMITS } from '../../src/discord/limits.js';

/** Asserts a rendered message is within every Discord limit and pings nobody unexpected. */
export function expectWithinDiscordLimits(m: DiscordMessage, allowedUser?: string): void {
  expect((m.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const e of m.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(f.value.length).toBeGreaterThan(0);
    }
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length;
    total += (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(m.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const c of row.components as unknown as Array<Record<string, unknown>>) {
      if (typeof c.custom_id === 'string') expect(c.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      if (typeof c.label === 'string') expect(c.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      if (Array.isArray(c.options)) {
        expect(c.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
        for (const o of c.options as Array<{ label: string; value: string; description?: string }>) {
          expect(o.label.length).toBeLessThanOrEqual(LIMITS.selectLabel);
          expect(o.value.length).toBeLessThanOrEqual(LIMITS.selectValue);
          expect((o.description ?? '').length).toBeLessThanOrEqual(LIMITS.selectDescription);
        }
      }
    }
  }
  expect(m.allowedMentions.parse).toEqual([]);
  expect(m.allowedMentions.users ?? []).toEqual(allowedUser ? [allowedUser] : []);
}
