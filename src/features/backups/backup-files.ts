import fs from 'node:fs';
import path from 'node:path';
import { backupsDir } from './backup.ts';
import { backupsToDelete, parseBackupFileName, type BackupFile } from './domain/rotation.ts';

export interface StoredBackup extends BackupFile {
  path: string;
  sizeBytes: number;
}

/** The backup files in `<dataDir>/backups`, newest first (other files there are left alone and not listed). */
export function listBackups(dataDir: string): StoredBackup[] {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: StoredBackup[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (!parsed) continue;
    try {
      files.push({ ...parsed, path: path.join(dir, name), sizeBytes: fs.statSync(path.join(dir, name)).size });
    } catch {
      // deleted meanwhile
    }
  }
  return files.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.name < b.name ? 1 : -1));
}

/** Deletes the automatic backups the rotation rule does not keep; returns their names. */
export function rotateBackups(dataDir: string): string[] {
  const deleted = backupsToDelete(listBackups(dataDir));
  for (const name of deleted) fs.rmSync(path.join(backupsDir(dataDir), name), { force: true });
  return deleted;
}
