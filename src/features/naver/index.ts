// The naver feature's public face: the only file other features (and the app) import.
export * as naverRepository from './repository/index.ts';
export type { NaverCommandName } from './domain/commands.ts';
export type { NaverEvent } from './domain/events.ts';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, signedHeaders, verifySignature } from './domain/signature.ts';
export { NAVER_OUTBOUND_POLICY, NAVER_OUTBOUND_QUEUE } from './outbound-queue.ts';
export { startNaverOutboundWorker } from './outbound-worker.ts';
export { default as naverRoutes } from './routes.ts';
export { naverBusinessChangeCheck } from './use-cases/check-business-change.ts';
export { naverScheduleHooks } from './schedule-hooks.ts';
