// The notifications feature's public face: the only file other features (and the app) import.
export { NotificationBus } from './bus.ts';
export { default as notificationsRoutes } from './routes.ts';
export { notifyUsers } from './use-cases/notify-users.ts';
