import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newClientAddress, type TestApp } from './app.ts';

/**
 * QUAL-4, SEC: the served OpenAPI document says the truth about security.
 * Every operation is called without a session: one documented as public
 * (`security: []`) must never answer UNAUTHENTICATED, and one that inherits
 * the session scheme must.
 */
type Operation = { security?: Record<string, string[]>[] };

describe('the OpenAPI document marks exactly the operations that need no session', () => {
  let t: TestApp;
  let doc: { security: Record<string, string[]>[]; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    t = await createTestApp('pglite');
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => t?.close());

  it('answers every operation documented as needing a session with 401 without one, and no public one with UNAUTHENTICATED', async () => {
    expect(doc.security).toEqual([{ session: [] }]);
    const wrong: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, remoteAddress: newClientAddress(), ...(method === 'get' || method === 'delete' ? {} : { payload: {} }) });
        const code = res.statusCode === 401 ? (res.json() as { error: { code: string } }).error.code : null;
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        const schemes = (op.security ?? doc.security).flatMap((s) => Object.keys(s));
        if (isPublic && code === 'UNAUTHENTICATED') wrong.push(`${method.toUpperCase()} ${path}: documented public, answers UNAUTHENTICATED`);
        if (!isPublic && schemes.every((s) => s === 'session') && code !== 'UNAUTHENTICATED') wrong.push(`${method.toUpperCase()} ${path}: documented as needing a session, answers ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the public operations of sign-up, login, logout, places, images and products as public', () => {
    const publicOps = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => Array.isArray(op.security) && op.security.length === 0).map(([m]) => `${m.toUpperCase()} ${path}`));
    expect(publicOps).toEqual(
      expect.arrayContaining([
        'POST /api/auth/signup',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'GET /api/public/places/{placeId}',
        'GET /api/public/images/{imageId}',
        'GET /api/public/products/{productId}',
        'GET /api/public/products/{id}/availability',
        'POST /api/public/bookings',
      ]),
    );
  });
});
