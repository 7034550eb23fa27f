import type { ServiceType } from '../../api/models';

/** Service types that can connect Naver Booking (seed: 병의원형, 뷰티형 only); the connection's `available` says it for the current one. */
export const NAVER_SERVICE_TYPES: readonly ServiceType[] = ['clinic', 'beauty'];
