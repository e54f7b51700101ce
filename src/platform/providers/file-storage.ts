import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live. Keys are made by the store, never by the client:
 * `<province>/<yyyy>/<random id>`, so no part of a client's file name reaches the disk.
 * The default keeps them on local disk; an object store can implement the same interface.
 */
export type FileStorage = {
  /** Stores bytes under a fresh key and returns the key. */
  put(scope: { provinceCode: string; year: number }, bytes: Buffer): Promise<string>;
  read(key: string): Promise<Buffer>;
  /** Removes a stored file; a missing file is not an error (compensation after a failed insert). */
  remove(key: string): Promise<void>;
};

const KEY_PATTERN = /^[A-Za-z0-9_-]{1,16}\/\d{4}\/[A-Za-z0-9_-]{20,64}$/;

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Files under `root` (DATA_DIR/uploads), created owner-only. */
export function localFileStorage(root: string): FileStorage {
  const resolve = (key: string) => {
    if (!isStorageKey(key)) throw new Error('invalid storage key');
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(scope, bytes) {
      const key = `${scope.provinceCode}/${String(scope.year).padStart(4, '0')}/${randomBytes(24).toString('base64url')}`;
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // 'wx' refuses to overwrite: a key collision fails instead of replacing another file.
      await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
      return key;
    },
    read: (key) => readFile(resolve(key)),
    async remove(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
