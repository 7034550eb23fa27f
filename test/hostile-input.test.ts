import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_LOGIN } from '../src/app/demo/demo.ts';
import { couponContent, noSendSettings, zoneWithLocalHour } from '../src/features/messaging/test-helpers.ts';
import { createTestApp, type Session, type TestApp } from './app.ts';
import { engines } from './db.ts';

/**
 * QUAL-3 and SEC-1's "every operation": walks every operation of the served
 * OpenAPI document (routes added later are covered without touching this
 * file) and sends each one hostile value at a time, in every place a client
 * controls: path parameters, the query string, every field of the JSON body
 * (built from the operation's own schema around real ids of a seeded
 * business), the body as a whole, its content type and multipart framing.
 *
 * Each answer must be below 500, in the shape { error: { code, message } }
 * with a Korean message when it is an error, and an error must have written
 * nothing: a trigger on every table of the product counts row changes, and
 * the count must not move across a refused request.
 */

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  default?: unknown;
};
type Operation = { method: string; path: string; responses?: Record<string, { content?: Record<string, unknown> }>; parameters?: { name: string; in: string; schema?: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } };
type Variant = { label: string; url: string; headers: Record<string, string>; payload?: string | Buffer; mustRefuse: boolean };

const HANGUL = /[가-힣]/;
const NUL = 'a\u0000b';
const SURROGATE = '\ud800x';
const HUGE = '가'.repeat(30_000);
const DEEP = '['.repeat(20_000) + '1' + ']'.repeat(20_000);

/** Hostile values for a string field: each must be refused (mustRefuse) or answered without a 5xx. */
const STRING_VALUES: [string, unknown, boolean][] = [
  ['NUL', NUL, true],
  ['lone surrogate', SURROGATE, true],
  ['30,000 characters', HUGE, true],
  ['number instead of text', 123456, false],
  ['object instead of text', { a: 1 }, false],
  ['null', null, false],
];
const NUMBER_VALUES: [string, unknown, boolean][] = [
  ['1e308', 1e308, false],
  ['-1e308', -1e308, false],
  ['2^53 + 2', 2 ** 53 + 2, false],
  ['fraction', 0.5, false],
  ['text instead of number', '12', false],
  ['NUL text instead of number', NUL, true],
];
const DATE_VALUES: [string, unknown, boolean][] = [
  ['year 1', '0001-01-01', true],
  ['year 9999', '9999-12-31', true],
  ['February 30', '2026-02-30', true],
];
const DATE_TIME_VALUES: [string, unknown, boolean][] = [
  ['year 1', '0001-01-01T00:00:00Z', true],
  ['year 9999', '9999-12-31T23:59:59+09:00', true],
  ['hour 25', '2026-12-01T25:00:00+09:00', true],
];
const PATH_VALUES: [string, string, boolean][] = [
  ['NUL', 'a%00b', true],
  ['bad percent-encoding', '%ff%fe', true],
  ['encoded lone surrogate', '%ED%A0%80', true],
  ['3,000 characters', 'x'.repeat(3000), true],
  ['huge number', '99999999999999999999999', true],
  // Unknown ids are refused, except by a DELETE, which may answer "gone" (204) for them as for its own.
  ['unknown uuid', '00000000-0000-4000-8000-00000000dead', true],
];
const QUERY_VALUES: [string, string, boolean][] = [
  ['NUL', 'a%00b', true],
  ['bad percent-encoding', '%ff%fe', false],
  ['encoded lone surrogate', '%ED%A0%80', false],
  ['30,000 characters', 'x'.repeat(30_000), true],
  ['huge number', '99999999999999999999999', false],
  ['negative', '-1', false],
  ['year 1', '0001-01-01', false],
  ['year 9999', '9999-12-31', false],
];

function setAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  const obj = (value ?? {}) as Record<string, unknown>;
  return { ...obj, [head as string]: setAt(obj[head as string], rest, leaf) };
}

function leaves(value: unknown, schema: JsonSchema | undefined, path: (string | number)[] = []): { path: (string | number)[]; value: unknown; schema: JsonSchema | undefined }[] {
  const s = pickVariant(schema);
  if (Array.isArray(value)) return [{ path, value, schema: s }, ...value.flatMap((v, i) => leaves(v, s?.items, [...path, i]))];
  if (value !== null && typeof value === 'object') {
    return [{ path, value, schema: s }, ...Object.entries(value).flatMap(([k, v]) => leaves(v, s?.properties?.[k], [...path, k]))];
  }
  return [{ path, value, schema: s }];
}

function pickVariant(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.find((v) => v.type !== 'null') ?? variants[0];
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf);
  return schema;
}

function typeOf(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

describe.each(engines)('hostile input on every operation on %s (QUAL-3)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let doc: { paths: Record<string, Record<string, Operation>> };
  const ids: Record<string, string> = {};
  let clientCounter = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemo(t.database.db);
    admin = await t.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const db = t.database.db;
    const b = admin.businessId;
    const first = async (table: string, extra = sql``) =>
      (await sql<{ id: string }>`select id::text as id from ${sql.table(table)} where business_id = ${b} ${extra} limit 1`.execute(db)).rows[0]?.id ?? '00000000-0000-4000-8000-000000000001';
    for (const [name, table] of Object.entries({
      departments: 'departments', staff: 'staff', users: 'users', 'permission-groups': 'permission_groups', 'memo-types': 'memo_types',
      customers: 'customers', schedules: 'schedules', notifications: 'notifications', products: 'products', bookings: 'bookings',
      inquiries: 'booking_inquiries', places: 'places', 'customer-grades': 'customer_grades', 'customer-tags': 'customer_tags',
      'pos-keys': 'pos_api_keys', memos: 'schedule_memos', images: 'place_images', periods: 'product_operating_periods',
      productSchedules: 'product_schedules', prices: 'product_prices', bookingSchedules: 'product_booking_schedules', commands: 'channel_outbox',
    })) {
      ids[name] = await first(table);
    }
    ids['products'] = await first('products', sql`and booking_type = 'time_slot'`);
    // A nested product route (/api/products/{id}/prices/{priceId}) takes the product that owns the nested row.
    for (const [name, table, column] of [['periods', 'product_operating_periods', 'id'], ['productSchedules', 'product_schedules', 'id'], ['prices', 'product_prices', 'id'], ['bookingSchedules', 'product_booking_schedules', 'id']] as const) {
      const row = (await sql<{ product: string }>`select product_id::text as product from ${sql.table(table)} where business_id = ${b} and ${sql.ref(column)} = ${ids[name]} limit 1`.execute(db)).rows[0];
      if (row) ids[`productOf:${name}`] = row.product;
    }
    ids.businessId = b;
    ids.bookingNumber = String((await sql<{ n: string }>`select booking_number as n from bookings where business_id = ${b} limit 1`.execute(db)).rows[0]?.n ?? '10000001');
    ids.naverProducts = (await sql<{ id: string }>`select naver_product_id as id from departments where business_id = ${b} and naver_product_id is not null limit 1`.execute(db)).rows[0]?.id ?? 'NP-1';
    const zone = zoneWithLocalHour(10, 18);
    await db.updateTable('businesses').set({ time_zone: zone }).where('id', '=', b).execute();
    const customer = await db.selectFrom('customers').select('id').where('business_id', '=', b).where('marketing_consent', '=', true).executeTakeFirstOrThrow();
    const message = await t.call(admin, 'POST', '/api/messages', { content: couponContent, audience: { kind: 'direct', customerIds: [customer.id] }, settings: noSendSettings, sendAt: new Date(Date.now() + 2 * 3600_000).toISOString() });
    expect(message.status).toBe(201);
    ids.messages = message.body.id;
    const hold = await t.call(null, 'POST', '/api/public/holds', { productId: ids.products, lines: [{ startsAt: await firstSlot(), quantity: 1 }] });
    ids.holds = hold.body.holdId ?? '00000000-0000-4000-8000-000000000002';

    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
    await sql`create table hostile_writes (n bigint not null)`.execute(db);
    await sql`insert into hostile_writes values (0)`.execute(db);
    await sql.raw(`create function hostile_count() returns trigger language plpgsql as $$ begin update hostile_writes set n = n + 1; return null; end $$`).execute(db);
    for (const { name } of tables.rows) {
      // Limits count requests by design; a session row is what a login writes.
      if (['rate_limits', 'schema_migrations', 'sessions'].includes(name)) continue;
      await sql.raw(`create trigger hostile_count after insert or update or delete on "${name}" for each row execute function hostile_count()`).execute(db);
    }
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();

    async function firstSlot() {
      const from = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
      const availability = await t.call(null, 'GET', `/api/public/products/${ids.products}/availability?from=${from}&to=${to}`);
      for (const day of availability.body.days ?? []) for (const slot of day.slots ?? []) if (slot.remaining > 0) return slot.startsAt as string;
      return new Date(Date.now() + 3 * 86400_000).toISOString();
    }
  }, 180_000);
  afterAll(async () => t?.close());

  function idForPathParam(path: string, name: string): string {
    if (name === 'id' || name === 'productId' && path.startsWith('/api/public/products/')) {
      const segment = path.split('/').reverse().find((s) => s && !s.startsWith('{'))!;
      const bySegment: Record<string, string> = { 'duplicates-by-phone': 'customers', images: 'places', 'operating-periods': 'products', 'hidden-slots': 'products', stock: 'products', 'booking-schedules': 'products', prices: 'products', memos: 'schedules', naver: 'schedules', history: 'schedules', status: 'schedules', read: 'notifications', merge: 'customers', visits: 'customers', availability: 'products', confirm: 'bookings', reject: 'bookings', cancel: 'bookings', complete: 'bookings', restore: 'bookings', reply: 'inquiries', recipients: 'messages', report: 'messages', import: 'customers' };
      const parts = path.split('/');
      const idIndex = parts.indexOf(`{${name}}`);
      const owner = parts[idIndex - 1]!;
      const nested: Record<string, string> = { 'operating-periods': 'periods', schedules: 'productSchedules', prices: 'prices', 'booking-schedules': 'bookingSchedules' };
      const nestedUnder = owner === 'products' ? nested[parts[idIndex + 1] ?? ''] : undefined;
      if (nestedUnder && parts[idIndex + 2]?.startsWith('{') && ids[`productOf:${nestedUnder}`]) return ids[`productOf:${nestedUnder}`]!;
      return ids[owner] ?? ids[bySegment[segment] ?? ''] ?? ids[bySegment[owner] ?? ''] ?? '00000000-0000-4000-8000-000000000003';
    }
    const byName: Record<string, string> = {
      memoId: 'memos', commandId: 'commands', businessId: 'businessId', bookingNumber: 'bookingNumber', imageId: 'images', placeId: 'places',
      periodId: 'periods', scheduleId: 'productSchedules', priceId: 'prices', bookingScheduleId: 'bookingSchedules', productId: path.includes('/naver/') ? 'naverProducts' : 'products',
    };
    return ids[byName[name] ?? ''] ?? (name === 'token' || name === 'code' ? 'HOSTILE-TOKEN-0001' : '00000000-0000-4000-8000-000000000004');
  }

  function idForField(name: string): string {
    const key = name.replace(/Ids?$/, '');
    const byField: Record<string, string> = {
      customer: 'customers', staff: 'staff', department: 'departments', memoType: 'memo-types', product: 'products', place: 'places', grade: 'customer-grades',
      tag: 'customer-tags', permissionGroup: 'permission-groups', bookingSchedule: 'bookingSchedules', hold: 'holds', user: 'users', schedule: 'schedules', price: 'prices',
      exclude: 'customers', excludedCustomer: 'customers',
    };
    return ids[byField[key] ?? ''] ?? ids.customers!;
  }

  function sample(schema: JsonSchema | undefined, name: string): unknown {
    const s = pickVariant(schema);
    if (!s) return 'x';
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) return s.enum[0];
    const type = typeOf(s);
    if (type === 'object' || s.properties) {
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, k)]));
    }
    if (type === 'array') return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items, name));
    if (type === 'integer' || type === 'number') return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    if (type === 'boolean') return false;
    if (s.format === 'uuid') return idForField(name);
    if (s.format === 'date') return new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    if (s.format === 'date-time') return new Date(Date.now() + 3 * 86400_000).toISOString();
    if (s.format === 'email') return 'hostile@test.yeyak.kr';
    if (s.format === 'uri') return 'https://example.com/hook';
    if (/phone/i.test(name)) return '01012345678';
    if (/color/i.test(name)) return '#123456';
    return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }

  function variantsOf(op: Operation): Variant[] {
    const out: Variant[] = [];
    const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
    const baseUrl = pathParams.reduce((url, p) => url.replace(`{${p.name}}`, encodeURIComponent(idForPathParam(op.path, p.name))), op.path);
    const jsonHeaders = { 'content-type': 'application/json' };
    const withBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
    const schema = op.requestBody?.content['application/json']?.schema;
    const body = schema ? sample(schema, 'body') : undefined;
    const bodyText = body === undefined ? undefined : JSON.stringify(body);
    const base = { url: baseUrl, headers: bodyText ? jsonHeaders : {}, ...(bodyText ? { payload: bodyText } : {}) };

    for (const p of pathParams) {
      for (const [label, value, mustRefuse] of PATH_VALUES) {
        out.push({ ...base, label: `path ${p.name}: ${label}`, url: op.path.replace(`{${p.name}}`, value).replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(idForPathParam(op.path, n))), mustRefuse });
      }
    }
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    for (const name of [...queryParams, 'undeclared']) {
      for (const [label, value, mustRefuse] of QUERY_VALUES) {
        out.push({ ...base, label: `query ${name}: ${label}`, url: `${baseUrl}?${name}=${value}`, mustRefuse: mustRefuse });
      }
    }
    if (body !== undefined) {
      for (const leaf of leaves(body, schema)) {
        if (leaf.path.length === 0) continue;
        const type = typeof leaf.value;
        const table =
          type === 'string' ? (leaf.schema?.format === 'date' ? [...STRING_VALUES, ...DATE_VALUES] : leaf.schema?.format === 'date-time' ? [...STRING_VALUES, ...DATE_TIME_VALUES] : STRING_VALUES)
          : type === 'number' ? NUMBER_VALUES
          : [['NUL text', NUL, true] as [string, unknown, boolean], ['null', null, false] as [string, unknown, boolean]];
        for (const [label, value, mustRefuse] of table) {
          out.push({ ...base, headers: jsonHeaders, label: `body ${leaf.path.join('.')}: ${label}`, payload: JSON.stringify(setAt(body, leaf.path, value)), mustRefuse });
        }
      }
    }
    if (withBody) {
      const whole: [string, Record<string, string>, string | Buffer, boolean][] = [
        ['nested 20,000 deep', jsonHeaders, DEEP, true],
        ['nested 20,000 deep in a field', jsonHeaders, `{"name":${DEEP},"content":${DEEP}}`, true],
        ['invalid JSON', jsonHeaders, '{"a":', true],
        ['NUL in a key', jsonHeaders, '{"a\\u0000b":1}', true],
        ['__proto__ key', jsonHeaders, '{"__proto__":{"admin":true}}', true],
        ['array body', jsonHeaders, '[]', op.method === 'PATCH'],
        ['null body', jsonHeaders, 'null', false],
        ['text/plain', { 'content-type': 'text/plain' }, 'hello', true],
        ['form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=b', true],
        ['unknown content type', { 'content-type': 'application/x-yeyak' }, 'abc', true],
        ['2 MB body', jsonHeaders, JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), true],
        ['multipart without boundary', { 'content-type': 'multipart/form-data' }, 'garbage', true],
        ['multipart garbage after boundary', { 'content-type': 'multipart/form-data; boundary=XyZ' }, '--XyZ\r\ngarbage\r\n\r\n\x00\x01', true],
        ['multipart cut short', { 'content-type': 'multipart/form-data; boundary=XyZ' }, '--XyZ\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG', true],
      ];
      if (op.method === 'PATCH') whole.push(['empty object', jsonHeaders, '{}', false], ['only a version', jsonHeaders, '{"version":1}', false]);
      for (const [label, headers, payload, mustRefuse] of whole) out.push({ label: `body: ${label}`, url: baseUrl, headers, payload, mustRefuse });
    }
    return out;
  }

  async function writes(): Promise<number> {
    const row = await sql<{ n: string }>`select n::text as n from hostile_writes`.execute(t.database.db);
    return Number(row.rows[0]!.n);
  }

  it('answers every hostile request below 500, in the error shape with a Korean message, and writes nothing when it refuses', async () => {
    const operations: Operation[] = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })))
      .filter((op) => op.path !== '/api/auth/logout')
      // Deletions last, so an accepted one cannot take away what the others use.
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    expect(operations.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let requests = 0;
    let before = await writes();
    for (const op of operations) {
      if (process.env.HOSTILE_TRACE) console.error(`${new Date().toISOString()} ${op.method} ${op.path}`);
      // A live stream never ends: only requests that must be refused are sent to one.
      const streams = Object.values(op.responses ?? {}).some((r) => r.content?.['text/event-stream']);
      for (const v of variantsOf(op)) {
        if (streams && !v.mustRefuse) continue;
        clientCounter += 1;
        const request = {
          method: op.method as 'GET',
          url: v.url,
          headers: { cookie: admin.cookie, ...v.headers },
          remoteAddress: `10.${(clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}`,
          ...(v.payload !== undefined && op.method !== 'GET' ? { payload: v.payload } : {}),
        };
        if (streams) {
          // Answered as soon as the headers are out; an opened stream (a hostile value let through) is closed at once.
          const opened = await t.app.inject({ ...request, payloadAsStream: true });
          if (opened.statusCode < 400) {
            opened.stream().destroy();
            failures.push(`${op.method} ${op.path} [${v.label}] → ${opened.statusCode}: opened the stream for a value that must be refused`);
            continue;
          }
        }
        const res = await t.app.inject(request);
        requests += 1;
        const where = `${op.method} ${op.path} [${v.label}] → ${res.statusCode}`;
        const after = await writes();
        if (res.statusCode >= 500) failures.push(`${where}: ${res.body.slice(0, 200)}`);
        else if (res.statusCode >= 400) {
          let parsed: { error?: { code?: unknown; message?: unknown } } | null = null;
          try {
            parsed = res.json();
          } catch {
            parsed = null;
          }
          const code = parsed?.error?.code;
          const message = parsed?.error?.message;
          if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code) || typeof message !== 'string' || !HANGUL.test(message)) failures.push(`${where}: not our error shape: ${res.body.slice(0, 200)}`);
          if (after !== before) failures.push(`${where}: refused but wrote ${after - before} rows`);
        } else if (v.mustRefuse && !(op.method === 'DELETE' && v.label.endsWith('unknown uuid'))) failures.push(`${where}: accepted a value that must be refused`);
        // One rule for every PATCH: nothing to change is a no-op that answers the unchanged record and writes nothing.
        if (v.label === 'body: empty object' && !(res.statusCode === 200 || res.statusCode === 404)) failures.push(`${where}: an empty PATCH must answer the unchanged record`);
        if ((v.label === 'body: empty object' || v.label === 'body: only a version') && after !== before) failures.push(`${where}: a PATCH with nothing to change wrote ${after - before} rows`);
        before = after;
      }
    }
    expect(failures, `${failures.length} of ${requests} hostile requests`).toEqual([]);
    expect(requests).toBeGreaterThan(3000);
  }, 900_000);
});
