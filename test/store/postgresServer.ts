import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL server for the store's tests: Debian's binaries, a data folder in
 * the temp folder, listening on 127.0.0.1 only (and a unix socket in that folder), run as
 * the `postgres` user when we are root (the server refuses to run as root).
 */

export interface PostgresServer {
  /** Connects as the superuser to the `postgres` database. */
  adminUrl: string;
  /** Milliseconds from initdb to ready. */
  startMs: number;
  stop(): Promise<void>;
}

/** The folder with initdb and postgres: POSTGRES_BIN_DIR, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinDir(): string | null {
  const candidates = process.env.POSTGRES_BIN_DIR
    ? [process.env.POSTGRES_BIN_DIR]
    : safeReaddir('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join('/usr/lib/postgresql', v, 'bin'));
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'))) ?? null;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The uid/gid to run the server as: `postgres` when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(file: string, args: string[], user: { uid: number; gid: number } | undefined, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${signal ?? code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`)),
    );
  });
}

export async function startPostgres(binDir: string, timeoutMs = 20_000): Promise<PostgresServer> {
  const started = performance.now();
  const user = serverUser();
  const root = mkdtempSync(path.join(os.tmpdir(), 'steppe-pg-'));
  const dataDir = path.join(root, 'data');
  if (user) chownSync(root, user.uid, user.gid);
  try {
    // --no-sync and fsync=off: a test server's files need not survive a power cut, and
    // fsyncs would cost seconds. The store's own durability is tested on SQLite's file
    // and on PostgreSQL's commit semantics, which these settings do not change for a live server.
    await run(path.join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'], user, timeoutMs);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const port = await freeLoopbackPort();
  const serverArgs = ['-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', root, '-c', 'fsync=off', '-c', 'max_connections=200'];
  // The server runs under a shell that waits on our pipe: if this process dies without
  // tearing down (SIGKILL), the pipe closes, `read` returns and the shell stops the server,
  // and its temp folder goes with it, so no test run leaves an orphan server behind.
  const watchdog = `"$0" "$@" & server=$!; read ignored; kill -INT $server; wait $server; rm -rf "$STEPPE_PG_ROOT"`;
  const child = spawn('sh', ['-c', watchdog, path.join(binDir, 'postgres'), ...serverArgs], {
    ...user,
    env: { ...process.env, STEPPE_PG_ROOT: root },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  try {
    await waitUntilReady(child, timeoutMs);
  } catch (error) {
    await stopChild(child, root);
    throw error;
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    startMs: Math.round(performance.now() - started),
    stop: () => stopChild(child, root),
  };
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => done(new Error(`PostgreSQL not ready after ${timeoutMs} ms: ${log.trim().split('\n').slice(-3).join(' ')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) done();
    };
    const onExit = (code: number | null) => done(new Error(`PostgreSQL exited (${code}) before it was ready: ${log.trim().split('\n').slice(-3).join(' ')}`));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining the server's log so a full pipe never blocks it.
      child.stderr?.resume();
      if (error) reject(error);
      else resolve();
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Fast shutdown through the watchdog, bounded; then the temp folder goes. */
async function stopChild(child: ChildProcess, root: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end('\n');
    const timer = setTimeout(() => {
      // The server ignored a fast shutdown: stop it hard (its pid is in postmaster.pid).
      killPostmaster(path.join(root, 'data'));
      child.kill('SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(root, { recursive: true, force: true });
}

function killPostmaster(dataDir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    /* already gone */
  }
}
