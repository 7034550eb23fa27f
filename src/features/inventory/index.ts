// The inventory feature's public face: the only file other features (and the app) import.
// Capacity pools (pure) and the locks, claims and taken-quantity reads behind them (BOOK-5, BOOK-8);
// products and bookings use it, it uses neither.
export type { Pool, PoolDemand, PoolDraw, TakenLookup } from './domain/pools.ts';
export { capacityCheck, comparePoolKeys, isDayBoundPool, poolKeys, poolKindOf, remainingIn, sumDemand, validateCapacityChange } from './domain/pools.ts';
export type { NewClaim } from './repository.ts';
export {
  extendHoldClaims,
  insertClaims,
  lockHoldClient,
  lockPools,
  lockProductForBooking,
  lockProductForEdit,
  releaseBookingClaims,
  takenByPools,
  takenForProduct,
  takenForWholeProduct,
} from './repository.ts';
