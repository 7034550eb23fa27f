import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/**
 * The backup file: a gzipped POSIX (ustar) tar, readable with any `tar xzf`.
 * Written here rather than with a package because the product needs only
 * regular files and a few dozen lines; PGlite bundles a tar library but does
 * not export it.
 */

export interface ArchiveEntry {
  name: string;
  data: Uint8Array;
  mtime?: Date;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Splits a long path into ustar's prefix (155) and name (100) at a slash. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new Error(`tar: 경로가 너무 깁니다: ${name}`);
}

export function tarHeader(entry: { name: string; size: number; mtime: Date }): Buffer {
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(entry.name);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(entry.size, 12), 124, 'ascii');
  header.write(octal(Math.floor(entry.mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii'); // checksum counts as spaces while summing
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 'ascii');
  return header;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

async function* tarStream(entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>): AsyncGenerator<Uint8Array> {
  for await (const entry of entries) {
    yield tarHeader({ name: entry.name, size: entry.data.byteLength, mtime: entry.mtime ?? new Date() });
    yield entry.data;
    yield padding(entry.data.byteLength);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/**
 * Writes the archive to a temporary file beside `target`, flushes it to disk
 * and renames it into place: a crash leaves no half-written backup under the
 * final name. Refuses to overwrite. Returns the size in bytes.
 */
export async function writeArchive(target: string, entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>): Promise<number> {
  const temporary = `${target}.${crypto.randomBytes(4).toString('hex')}.partial`;
  try {
    await pipeline(Readable.from(tarStream(entries)), zlib.createGzip({ level: 6 }), fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
    const handle = await fs.promises.open(temporary, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    // link + unlink instead of rename: rename would silently replace a file that appeared meanwhile.
    try {
      await fs.promises.link(temporary, target);
      await fs.promises.unlink(temporary);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' || fs.existsSync(target)) throw error;
      await fs.promises.rename(temporary, target); // a file system without hard links
    }
    await syncDirectory(path.dirname(target));
    return (await fs.promises.stat(target)).size;
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every file system lets a directory be opened for fsync; the file itself is synced.
  }
}

function cString(buffer: Buffer, start: number, length: number): string {
  const slice = buffer.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? slice.length : end).toString('utf8');
}

/** The regular files of a gzipped tar, by path. Throws on a damaged archive (checksum, truncation). */
export function readArchive(gzipped: Buffer): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(gzipped);
  } catch (error) {
    throw new Error('백업 파일의 압축을 풀 수 없습니다 (gzip 이 아니거나 손상되었습니다).', { cause: error });
  }
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return files;
    const stored = Number.parseInt(cString(header, 148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    if (stored !== sum) throw new Error('백업 파일이 손상되었습니다 (tar 머리글 검사합 불일치).');
    const size = Number.parseInt(cString(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const prefix = cString(header, 257, 6) === 'ustar' ? cString(header, 345, 155) : '';
    const name = (prefix ? `${prefix}/` : '') + cString(header, 0, 100);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw new Error('백업 파일이 잘렸습니다 (tar 항목이 끝까지 없습니다).');
    if (type === '0' || type === '\0') files.set(name, tar.subarray(start, start + size));
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error('백업 파일이 잘렸습니다 (tar 끝 표시가 없습니다).');
}
