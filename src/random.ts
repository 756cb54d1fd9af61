import { randomBytes } from 'node:crypto';

/**
 * Random bytes for ids (answer ids, error refs), taken from a pool filled 4 KiB at a time:
 * `randomBytes` of a few bytes costs a call into OpenSSL and a fresh buffer each time, about
 * as much as the rest of building an id. The bytes are the same CSPRNG's (Node pools
 * `randomUUID` the same way); each is handed out once.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
