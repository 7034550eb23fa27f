// The inventory feature's public face: the only file other features (and the app) import.
export * as inventoryRepository from './repository.ts';
export type { PoolDemand } from './domain/pools.ts';
export type { TakenLookup } from './domain/pools.ts';
export { bookingDemand } from './domain/pools.ts';
export { capacityCheck } from './domain/pools.ts';
export { lockProductForEdit } from './repository.ts';
export { poolKeys } from './domain/pools.ts';
export { poolKindOf } from './domain/pools.ts';
export { poolResolver } from './domain/pools.ts';
export { remainingIn } from './domain/pools.ts';
export { takenForWholeProduct } from './repository.ts';
export { validateCapacityChange } from './domain/pools.ts';
