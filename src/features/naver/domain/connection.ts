import type { ServiceType } from '../../../platform/db/types.ts';

/** NAVER-1: only these service types can connect Naver Booking (seed 000). */
export const NAVER_SERVICE_TYPES: readonly ServiceType[] = ['clinic', 'beauty'];

export function naverAvailableFor(serviceType: ServiceType): boolean {
  return NAVER_SERVICE_TYPES.includes(serviceType);
}

/** Where Naver posts a business's booking events. */
export function webhookPath(businessId: string): string {
  return `/api/channels/naver/${businessId}/events`;
}
