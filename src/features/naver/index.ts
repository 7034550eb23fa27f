// The naver feature's public face: the only file other features (and the app) import.
export * as naverRepository from './repository.ts';
export type { NaverCommandName } from './client.ts';
export type { NaverEvent } from './events.ts';
export { BUSINESS_CANCEL_REASON } from './client.ts';
export { NAVER_OUTBOUND_POLICY } from './outbox.ts';
export { NAVER_OUTBOUND_QUEUE } from './outbox.ts';
export { SIGNATURE_HEADER } from './signature.ts';
export { TIMESTAMP_HEADER } from './signature.ts';
export { commandsForNaverChange } from './commands.ts';
export { default as naverRoutes } from './routes.ts';
export { naverBusinessChangeCheck } from './connection.ts';
export { signedHeaders } from './signature.ts';
export { startNaverOutboundWorker } from './outbox.ts';
export { verifySignature } from './signature.ts';
export { naverScheduleHooks } from './schedule-hooks.ts';
