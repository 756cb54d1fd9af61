import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the project's files are, whether the code runs from source (`src/…` through tsx)
 * or compiled (`dist/src/…`, `npm start`): never a fixed number of `../` from a module,
 * which differs between the two.
 */

const PACKAGE_NAME = 'steppe';

/** The nearest folder at or above `from` whose package.json is named "steppe". */
export function findRepoRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        /* not ours (or unreadable): keep looking further up */
      }
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`cannot find the Steppe folder (a package.json named "${PACKAGE_NAME}") at or above ${from}`);
    }
  }
}

/** The repository root: holds package.json, corpus/, node_modules/. */
export const REPO_ROOT: string = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

/**
 * The module `name` beside the module at `moduleUrl`, with that module's own extension
 * (`main.ts` beside `sharded.ts`, `main.js` beside `sharded.js`), and the Node flags for a
 * child process that runs it: a `.ts` file needs the tsx loader; compiled JavaScript gets
 * this process's own flags (as `child_process.fork` would by default), so the flags of
 * `npm run start:sharded` reach every shard.
 */
export function siblingModule(moduleUrl: string, name: string): { file: string; execArgv: string[] } {
  const self = fileURLToPath(moduleUrl);
  const ext = path.extname(self);
  return { file: path.join(path.dirname(self), `${name}${ext}`), execArgv: ext === '.ts' ? ['--import', 'tsx'] : [...process.execArgv] };
}
