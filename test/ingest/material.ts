import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real documents in ../shared/material, used from there (never copied: their licences
 * are per file). In CI a missing folder is a failure; elsewhere the tests that need it are
 * skipped, and say so.
 */
export function material(sub: 'pdf' | 'texts'): string | null {
  const dir = fileURLToPath(new URL(`../../../shared/material/${sub}/`, import.meta.url));
  if (existsSync(dir)) return dir;
  if (process.env.CI === 'true') throw new Error(`${dir} is missing: CI must have ../shared/material`);
  console.warn(`skipped: ${dir} is not here (../shared/material is beside the repository in CI)`);
  return null;
}
