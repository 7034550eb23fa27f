// The backups feature's public face: the only file other features (and the app) import.
export { BackupService } from './service.ts';
export { default as backupsRoutes } from './routes.ts';
export { startControlServer } from './control.ts';
export { startDailyBackups } from './service.ts';
