import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The local control channel of a running `start` process: a Unix domain
 * socket in the data directory (`<dataDir>/yeyak.sock`, mode 0600, so only
 * the same OS user can connect; no port, nothing on the network). The
 * embedded database can be opened by one process only, so `npm run backup`
 * asks the owner to write the backup instead of opening the files itself.
 *
 * Protocol: one JSON line each way, then the server closes.
 *   → {"op":"backup","out":"/abs/file.tar.gz"|null}
 *   ← {"ok":true,"file":"…","sizeBytes":123} | {"ok":false,"error":"한국어 메시지"}
 */

export interface BackupReply {
  ok: boolean;
  file?: string;
  sizeBytes?: number;
  error?: string;
}

/** Unix socket paths are limited to ~107 bytes; a deeper data directory gets one in the temp directory, named by its path. */
export function controlSocketPath(dataDir: string): string {
  const inDir = path.join(dataDir, 'yeyak.sock');
  if (Buffer.byteLength(inDir) < 100) return inDir;
  return path.join(os.tmpdir(), `yeyak-${crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}.sock`);
}

export async function startControlServer(dataDir: string, handlers: { backup(out: string | undefined): Promise<{ file: string; sizeBytes: number }> }): Promise<{ close(): Promise<void> }> {
  const socketPath = controlSocketPath(dataDir);
  // Only the data directory's lock holder gets here, so a socket file left behind is a dead process's.
  fs.rmSync(socketPath, { force: true });
  const connections = new Set<net.Socket>();
  const busy = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 64 * 1024) return socket.destroy();
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      const line = buffer.slice(0, newline);
      socket.removeAllListeners('data');
      busy.add(socket);
      void answer(line).then((reply) => {
        busy.delete(socket);
        socket.end(JSON.stringify(reply) + '\n');
      });
    });
  });

  async function answer(line: string): Promise<BackupReply> {
    let request: { op?: unknown; out?: unknown };
    try {
      request = JSON.parse(line);
    } catch {
      return { ok: false, error: '요청을 읽을 수 없습니다.' };
    }
    if (request.op !== 'backup') return { ok: false, error: `알 수 없는 요청: ${String(request.op)}` };
    try {
      const result = await handlers.backup(typeof request.out === 'string' && request.out ? request.out : undefined);
      return { ok: true, file: result.file, sizeBytes: result.sizeBytes };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  // The socket is created with the umask in force at bind(): 0177 leaves it 0600 from the first instant.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  fs.chmodSync(socketPath, 0o600);

  return {
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A client waiting for a backup still gets its answer; idle ones are cut.
        for (const socket of connections) if (!busy.has(socket)) socket.end();
      });
      fs.rmSync(socketPath, { force: true });
    },
  };
}

export class NoControlServerError extends Error {
  constructor() {
    super('실행 중인 yeyak 이 없습니다.');
    this.name = 'NoControlServerError';
  }
}

/** Asks the running product to write a backup; NoControlServerError when none listens. */
export function requestBackup(dataDir: string, out: string | undefined, timeoutMs = 10 * 60_000): Promise<BackupReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(controlSocketPath(dataDir));
    let buffer = '';
    let connected = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('실행 중인 yeyak 이 제시간에 답하지 않았습니다.'));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.write(JSON.stringify({ op: 'backup', out: out ?? null }) + '\n');
    });
    socket.on('data', (chunk: string) => (buffer += chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(buffer.trim()) as BackupReply);
      } catch {
        reject(new Error('실행 중인 yeyak 의 답을 읽을 수 없습니다.'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) reject(new NoControlServerError());
      else reject(error);
    });
  });
}
