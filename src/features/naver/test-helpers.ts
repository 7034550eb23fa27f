import type { TestApp, Session } from '../../../test/app.ts';
import type { NaverEvent } from './domain/events.ts';
import { signedHeaders } from './domain/signature.ts';

/** Turns on the Naver connection of a business with one linked product and the memo mapping; returns the secret. */
export async function connectNaver(t: TestApp, admin: Session, options: { productId?: string; productName?: string; outboundUrl?: string | null } = {}) {
  const productId = options.productId ?? 'P-1001';
  await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: true });
  const saved = await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true, outboundUrl: options.outboundUrl ?? null });
  if (saved.status !== 200) throw new Error(`connect failed: ${JSON.stringify(saved.body)}`);
  const linked = await t.call(admin, 'POST', '/api/naver/products', { productId, name: options.productName ?? '여드름 진료' });
  if (linked.status !== 200) throw new Error(`link failed: ${JSON.stringify(linked.body)}`);
  const memoTypes = await t.call(admin, 'GET', '/api/memo-types');
  const memoType = memoTypes.body.items[0];
  const mapped = await t.call(admin, 'PUT', '/api/naver/memo-type', { memoTypeId: memoType.id });
  if (mapped.status !== 200) throw new Error(`memo mapping failed: ${JSON.stringify(mapped.body)}`);
  return { secret: saved.body.secret as string, productId, memoTypeId: memoType.id as string, departmentId: linked.body.products[0].departmentId as string };
}

export function bookingEvent(
  bookingId: string,
  revision: number,
  type: NaverEvent['type'] = 'booking.created',
  overrides: Partial<NaverEvent['booking']> = {},
): NaverEvent {
  const start = new Date(Date.UTC(2026, 10, 24, 1, 0) + revision * 30 * 60_000);
  return {
    eventId: `${bookingId}-r${revision}-${type}`,
    type,
    occurredAt: new Date().toISOString(),
    booking: {
      bookingId,
      revision,
      productId: 'P-1001',
      confirmationMode: 'approval',
      customer: { name: '홍길동', phone: '010-1234-5678' },
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
      options: [{ name: '시술 부위', value: '얼굴 전체' }],
      request: '주차 가능한가요?',
      ...overrides,
    },
  };
}

/** Posts an event to the webhook, signed with the secret (or with whatever headers are given). */
export async function postEvent(t: TestApp, businessId: string, secret: string, event: unknown, headers?: Record<string, string>) {
  const body = JSON.stringify(event);
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/channels/naver/${businessId}/events`,
    headers: headers ?? signedHeaders(secret, body),
    payload: body,
  });
  return { status: response.statusCode, body: response.json() };
}
