// The backups feature's public face: the only file other features (and the app) import.
export { BackupService } from './backup-service.ts';
export { default as backupsRoutes } from './routes.ts';
export { startControlServer } from './control.ts';
export { startDailyBackups } from './daily-backups.ts';
export { backupCommand, restoreCommand } from './cli.ts';
