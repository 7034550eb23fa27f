import type { Permission } from '../auth/index.ts';

/**
 * Who reads the catalog and the bookings in the partner center: people who
 * manage bookings or settings. The routes of places, products and bookings
 * that serve them name this list as their `config.permission` (any one flag
 * is enough), checked by the app's one permission hook.
 */
export const CATALOG_READERS: readonly Permission[] = ['bookings.manage', 'settings.manage'];
