import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/keys';
import type { Me, Permission } from '../../api/models';

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: () => api.get('/api/auth/me'), staleTime: 60_000 });
}

export function hasPermission(me: Me, permission: Permission): boolean {
  return me.user.role === 'admin' || me.user.permissions.includes(permission);
}

export function canManageSettings(me: Me): boolean {
  return hasPermission(me, 'settings.manage');
}

/** The partner center's bookings, places and products (BOOK-10) read with either flag; editing the catalog needs settings, acting on bookings needs bookings.manage. */
export function canUsePartnerBookings(me: Me): boolean {
  return hasPermission(me, 'bookings.manage') || hasPermission(me, 'settings.manage');
}

/** 정산 (PAY-4): the statements of the payments taken at booking. */
export function canViewSettlements(me: Me): boolean {
  return hasPermission(me, 'settlement.view');
}

/** The partner center opens for its bookings or for its 정산; each part checks its own flag. */
export function canUsePartnerCenter(me: Me): boolean {
  return canUsePartnerBookings(me) || canViewSettlements(me);
}

/** Set by the authenticated layout, so pages below it always have a session. */
export const MeContext = createContext<Me | null>(null);

export function useCurrentMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentMe must be used inside the authenticated layout');
  return me;
}
