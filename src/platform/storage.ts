import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files of media records, under DATA_DIR/media. Keys are made by the application
 * (workspace id / random name), never taken from a request, so they cannot climb out.
 */
export interface FileStorage {
  write(key: string, content: Buffer): Promise<void>;
  read(key: string): NodeJS.ReadableStream;
  /** Removes a file; a file already gone is not an error. */
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.[a-z0-9]+$/;

export function createFileStorage(dataDir: string): FileStorage {
  const root = path.join(dataDir, 'media');
  const resolve = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new Error(`Unsafe storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async write(key, content) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    },
    read: (key) => createReadStream(resolve(key)),
    async remove(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
