import { countryKey } from './countries.js';

/**
 * `measureWord|country|country`, countries lower-cased, hyphenated and sorted, so the
 * same measure between the same countries gets the same key whichever way a source
 * words it: `students|kazakhstan|mongolia`, `exports|kyrgyzstan|mongolia`.
 */
export function measureKey(measureWord: string, entities: readonly string[]): string {
  return [measureWord, ...[...new Set(entities.map(countryKey))].sort()].join('|');
}
