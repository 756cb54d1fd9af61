#!/usr/bin/env node
/**
 * `npx steppe-ask …` (the `bin` of package.json): `npm run ask` without npm's banner on
 * stdout, from the compiled code (`npm run build` makes dist/). Same options as
 * `npm run ask -- --help`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/cli/ask.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write(`steppe-ask: not built yet: run \`npm run build\` in ${fileURLToPath(new URL('..', import.meta.url))}\n`);
  process.exit(1);
}
await import(compiled.href);
