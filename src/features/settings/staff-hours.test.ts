import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError, MISSING_ID } from '../../../test/helpers.ts';
import { insertDateTimeProduct, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { KOREAN_HOLIDAYS } from '../places/index.ts';

/**
 * OPS-2 through the API: a staff member's weekly hours and absences (휴무,
 * 휴가, 외근) are kept in settings, shaded in the calendar, refuse a schedule
 * written by hand on them (SCHEDULE_STAFF_ABSENT) unless the user saves
 * anyway, and close the times of a product assigned to the staff (the
 * booking page never offers them; a booking is refused with
 * BOOKING_STAFF_ABSENT). Dates are found from today so the booking tests
 * pass on any day.
 */

const nineToSix = [{ openMinute: 540, closeMinute: 1080 }];
const allWeek = (ranges: { openMinute: number; closeMinute: number }[]) => ({ 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges });
const KST = (local: string) => new Date(`${local}+09:00`).toISOString();
const customer = { name: '김환자', phone: '010-2222-3333' };
const consents = { privacy: true };

/** A day from today (≥ from) that is no public holiday, so the clinic's place opens. */
function plainDay(from: number): number {
  for (let n = from; n < from + 30; n++) if (!KOREAN_HOLIDAYS.has(seoulDate(n))) return n;
  throw new Error('no plain day');
}

describe.each(engines)('staff working hours and absences on %s (OPS-2)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let customerId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ name: '김원장' });
    customerId = (await t.database.db.insertInto('customers').values({ business_id: admin.businessId, name: '홍길동', phone: '01012345678' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  const hours = (staffId: string) => t.call(admin, 'GET', `/api/staff/${staffId}/hours`);
  const putHours = (staffId: string, weeklyHours: unknown, session = admin) => t.call(session, 'PUT', `/api/staff/${staffId}/hours`, { weeklyHours });
  const addAbsence = (staffId: string, body: Record<string, unknown>, session = admin) => t.call(session, 'POST', `/api/staff/${staffId}/absences`, body);
  async function newRoom(name: string) {
    const res = await t.call(admin, 'POST', '/api/staff', { name, kind: 'resource' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('keeps weekly hours (null = always available) and refuses bad ones in Korean', async () => {
    const room = await newRoom('상담실 A');
    expect((await hours(room)).body).toEqual({ staffId: room, weeklyHours: null, absences: [] });

    const saved = await putHours(room, { ...allWeek(nineToSix), 7: [] });
    expect(saved.status).toBe(200);
    expect(saved.body.weeklyHours).toEqual({ ...allWeek(nineToSix), 7: [] });
    expect((await hours(room)).body.weeklyHours[1]).toEqual(nineToSix);

    const backwards = await putHours(room, { ...allWeek(nineToSix), 2: [{ openMinute: 600, closeMinute: 540 }] });
    expectError(backwards, 400, 'STAFF_HOURS_INVALID');
    expect(backwards.body.error.message).toContain('화요일 근무 시간');
    expectError(await putHours(room, { ...allWeek(nineToSix), 3: [nineToSix[0], { openMinute: 1000, closeMinute: 1200 }] }), 400, 'STAFF_HOURS_INVALID');
    // Nothing half-written: the hours are what was saved before.
    expect((await hours(room)).body.weeklyHours[2]).toEqual(nineToSix);

    expect((await putHours(room, null)).body.weeklyHours).toBeNull();
    expectError(await putHours(MISSING_ID, null), 404, 'STAFF_NOT_FOUND');
    const naver = (await t.call(admin, 'GET', '/api/staff')).body.items.find((s: { kind: string }) => s.kind === 'naver');
    expectError(await putHours(naver.id, allWeek(nineToSix)), 409, 'STAFF_VIRTUAL_PROTECTED');
  });

  it('adds whole-day and timed absences, refuses overlapping or backwards ones, and deletes them', async () => {
    const room = await newRoom('상담실 B');
    const vacation = await addAbsence(room, { kind: 'vacation', startsOn: '2026-12-24', endsOn: '2026-12-26', memo: '학회' });
    expect(vacation.status).toBe(201);
    expect(vacation.body).toEqual({
      id: expect.any(String),
      staffId: room,
      kind: 'vacation',
      kindLabel: '휴가',
      memo: '학회',
      allDay: true,
      startsOn: '2026-12-24',
      endsOn: '2026-12-26',
      startsAt: null,
      endsAt: null,
      when: '12월 24일 (목) ~ 12월 26일 (토)',
    });
    const fieldWork = await addAbsence(room, { kind: 'field_work', startsAt: KST('2026-12-28T14:00:00'), endsAt: KST('2026-12-28T16:00:00') });
    expect(fieldWork.status).toBe(201);
    expect(fieldWork.body.when).toBe('12월 28일 (월) 14:00–16:00');

    const overlap = await addAbsence(room, { kind: 'day_off', startsOn: '2026-12-26', endsOn: '2026-12-27' });
    expectError(overlap, 409, 'STAFF_ABSENCES_OVERLAP');
    expect(overlap.body.error.message).toBe('이미 등록된 휴가(12월 24일 (목) ~ 12월 26일 (토))와 겹칩니다.');
    expectError(await addAbsence(room, { kind: 'day_off', startsOn: '2026-12-30', endsOn: '2026-12-29' }), 400, 'STAFF_ABSENCE_INVALID');
    expectError(await addAbsence(room, { kind: 'day_off', startsOn: '2026-02-30', endsOn: '2026-03-01' }), 400, 'VALIDATION_FAILED');
    expectError(await addAbsence(room, { kind: 'field_work', startsAt: KST('2026-12-29T16:00:00'), endsAt: KST('2026-12-29T15:00:00') }), 400, 'STAFF_ABSENCE_INVALID');
    expectError(await addAbsence(room, { kind: 'sick', startsOn: '2026-12-30', endsOn: '2026-12-30' }), 400, 'VALIDATION_FAILED');
    expectError(await addAbsence(MISSING_ID, { kind: 'day_off', startsOn: '2026-12-30', endsOn: '2026-12-30' }), 404, 'STAFF_NOT_FOUND');

    const listed = (await hours(room)).body.absences;
    expect(listed.map((a: { kind: string }) => a.kind).sort()).toEqual(['field_work', 'vacation']);

    expect((await t.call(admin, 'DELETE', `/api/staff/${room}/absences/${fieldWork.body.id}`)).status).toBe(204);
    expectError(await t.call(admin, 'DELETE', `/api/staff/${room}/absences/${fieldWork.body.id}`), 404, 'STAFF_ABSENCE_NOT_FOUND');
    expect((await hours(room)).body.absences).toHaveLength(1);
  });

  it('needs 설정 관리 to change hours and absences; a session may read them', async () => {
    const room = await newRoom('상담실 C');
    const viewer = await addMember(t, admin, ['schedules.edit']);
    expectError(await putHours(room, allWeek(nineToSix), viewer.session), 403, 'FORBIDDEN');
    expectError(await addAbsence(room, { kind: 'day_off', startsOn: '2026-12-30', endsOn: '2026-12-30' }, viewer.session), 403, 'FORBIDDEN');
    expect((await t.call(viewer.session, 'GET', `/api/staff/${room}/hours`)).status).toBe(200);
  });

  it('refuses a schedule on an absence or outside the hours with SCHEDULE_STAFF_ABSENT, unless saved anyway', async () => {
    const room = await newRoom('레이저실');
    const busy = await newRoom('상담실 D');
    await putHours(room, { ...allWeek(nineToSix), 7: [] });
    await addAbsence(room, { kind: 'vacation', startsOn: '2026-12-24', endsOn: '2026-12-24', memo: '학회' });
    const create = (body: Record<string, unknown>) => t.call(admin, 'POST', '/api/schedules', { customerId, staffId: room, ...body });

    const onVacation = await create({ startsAt: KST('2026-12-24T10:00:00'), endsAt: KST('2026-12-24T10:30:00') });
    expectError(onVacation, 409, 'SCHEDULE_STAFF_ABSENT');
    expect(onVacation.body.error.message).toMatch(/^레이저실님은 12월 24일 \(목\) 휴가입니다 \(학회\)\./);
    expect(onVacation.body.error.details).toMatchObject({ staffId: room, staffName: '레이저실', kind: 'vacation', label: '휴가 · 학회' });

    const sunday = await create({ startsAt: KST('2026-12-27T10:00:00'), endsAt: KST('2026-12-27T10:30:00') });
    expectError(sunday, 409, 'SCHEDULE_STAFF_ABSENT');
    expect(sunday.body.error.message).toContain('매주 일요일 휴무');
    // Across 18:00 on a working day: the end is outside the hours.
    expectError(await create({ startsAt: KST('2026-12-23T17:30:00'), endsAt: KST('2026-12-23T18:30:00') }), 409, 'SCHEDULE_STAFF_ABSENT');

    const forced = await create({ startsAt: KST('2026-12-24T10:00:00'), endsAt: KST('2026-12-24T10:30:00'), allowAbsent: true });
    expect(forced.status).toBe(201);
    const fine = await create({ startsAt: KST('2026-12-23T10:00:00'), endsAt: KST('2026-12-23T10:30:00') });
    expect(fine.status).toBe(201);

    // A move onto the vacation, and a reassignment of another column's schedule onto the room's day off.
    const move = (id: string, body: Record<string, unknown>) => t.call(admin, 'PATCH', `/api/schedules/${id}`, body);
    expectError(await move(fine.body.id, { startsAt: KST('2026-12-24T11:00:00'), endsAt: KST('2026-12-24T11:30:00') }), 409, 'SCHEDULE_STAFF_ABSENT');
    const moved = await move(fine.body.id, { startsAt: KST('2026-12-24T11:00:00'), endsAt: KST('2026-12-24T11:30:00'), allowAbsent: true });
    expect(moved.status).toBe(200);
    const elsewhere = await t.call(admin, 'POST', '/api/schedules', { customerId, staffId: busy, startsAt: KST('2026-12-27T15:00:00'), endsAt: KST('2026-12-27T15:30:00') });
    expect(elsewhere.status).toBe(201);
    expectError(await move(elsewhere.body.id, { staffId: room }), 409, 'SCHEDULE_STAFF_ABSENT');
    expect((await move(elsewhere.body.id, { staffId: room, allowAbsent: true })).body.staffId).toBe(room);
    // A change of the title alone is not a move: never asked.
    expect((await move(forced.body.id, { title: '토닝' })).status).toBe(200);
  });

  it('shades each shown staff member’s absences and off hours in the calendar, clipped to the range asked', async () => {
    const room = await newRoom('피부관리실');
    await putHours(room, { ...allWeek(nineToSix), 7: [] });
    await addAbsence(room, { kind: 'field_work', startsAt: KST('2026-12-24T14:00:00'), endsAt: KST('2026-12-24T16:00:00'), memo: '방문 시술' });
    const day = await t.call(admin, 'GET', '/api/calendar?date=2026-12-24&days=1');
    expect(day.status).toBe(200);
    const bands = day.body.staffOff.filter((o: { staffId: string }) => o.staffId === room);
    expect(bands).toEqual([
      { staffId: room, startsAt: KST('2026-12-24T00:00:00'), endsAt: KST('2026-12-24T09:00:00'), kind: 'off_hours', label: '근무 시간 외' },
      { staffId: room, startsAt: KST('2026-12-24T14:00:00'), endsAt: KST('2026-12-24T16:00:00'), kind: 'field_work', label: '외근 · 방문 시술' },
      { staffId: room, startsAt: KST('2026-12-24T18:00:00'), endsAt: KST('2026-12-25T00:00:00'), kind: 'off_hours', label: '근무 시간 외' },
    ]);
    // Staff without hours or absences have no bands; channel columns never do.
    const staffIds = new Set(day.body.staffOff.map((o: { staffId: string }) => o.staffId));
    expect(staffIds.has(admin.staffId)).toBe(false);
    const week = await t.call(admin, 'GET', '/api/calendar?date=2026-12-21&days=7');
    const sunday = week.body.staffOff.find((o: { staffId: string; startsAt: string }) => o.staffId === room && o.startsAt === KST('2026-12-26T14:00:00'));
    // Saturday 18:00 → Monday 09:00 is one band across midnight, clipped at the week's end.
    expect(sunday).toBeUndefined();
    const weekend = week.body.staffOff.find((o: { staffId: string; startsAt: string }) => o.staffId === room && o.startsAt === KST('2026-12-26T18:00:00'));
    expect(weekend).toMatchObject({ endsAt: KST('2026-12-28T00:00:00'), kind: 'off_hours' });
  });

  it('a product assigned to the staff never offers their absent or off time, and refuses a booking for it', async () => {
    const { db } = t.database;
    const placeId = (await t.call(admin, 'POST', '/api/places', { name: '바른의원 본점' })).body.id as string;
    const room = await newRoom('상담실 E');
    const product = await insertTimeSlotProduct(db, admin.businessId, placeId, { capacity: 3, toDays: 40 });
    await db.updateTable('products').set({ staff_id: room }).where('business_id', '=', admin.businessId).where('id', '=', product.id).execute();
    const day = plainDay(3);
    const date = seoulDate(day);
    await putHours(room, allWeek([{ openMinute: 600, closeMinute: 1080 }]));
    await addAbsence(room, { kind: 'vacation', startsAt: seoulInstant(date, '13:00').toISOString(), endsAt: seoulInstant(date, '15:00').toISOString(), memo: '개인 사정' });

    const shown = await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${date}&to=${date}`);
    expect(shown.status).toBe(200);
    const slots = shown.body.days[0].slots as { localTime: string; status: string; closedReason?: string }[];
    // The place opens 09:00, the staff 10:00: the booking page leaves out the hour before, like the place's own hours.
    expect(slots[0]!.localTime).toBe('10:00');
    expect(slots.find((s) => s.localTime === '13:00')).toMatchObject({ status: 'closed', closedReason: '담당자 휴가' });
    expect(slots.find((s) => s.localTime === '14:30')).toMatchObject({ status: 'closed' });
    expect(slots.find((s) => s.localTime === '15:00')).toMatchObject({ status: 'bookable' });
    expect(JSON.stringify(shown.body)).not.toContain('개인 사정');
    const partner = await t.call(admin, 'GET', `/api/products/${product.id}/availability?from=${date}&to=${date}`);
    expect(partner.body.days[0].slots[0]).toMatchObject({ localTime: '09:00', status: 'closed', closedReason: '담당자 근무 시간 외' });

    const book = (time: string) => t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ startsAt: seoulInstant(date, time).toISOString(), quantity: 1 }], customer, consents });
    const refused = await book('13:30');
    expectError(refused, 409, 'BOOKING_STAFF_ABSENT');
    expect(refused.body.error.message).toContain('담당자 휴가');
    expectError(await book('09:30'), 409, 'BOOKING_STAFF_ABSENT');
    const booked = await book('15:00');
    expect(booked.status).toBe(201);
    // The booking lands on the staff's column although it asks nothing: customers' bookings are never refused for the shop's reasons.
    const schedule = await db.selectFrom('schedules').select(['staff_id', 'source']).where('business_id', '=', admin.businessId).where('source', '=', 'booking_page').executeTakeFirstOrThrow();
    expect(schedule.staff_id).toBe(room);
  });

  it('closes a 날짜/시간형 session starting on the staff’s day off', async () => {
    const { db } = t.database;
    const placeId = (await t.call(admin, 'POST', '/api/places', { name: '바른의원 2호점' })).body.id as string;
    const room = await newRoom('교육실');
    const first = plainDay(4);
    const second = plainDay(first + 1);
    const product = await insertDateTimeProduct(db, admin.businessId, placeId, { days: [first, second], quantity: 5 });
    await db.updateTable('products').set({ staff_id: room }).where('business_id', '=', admin.businessId).where('id', '=', product.id).execute();
    await addAbsence(room, { kind: 'day_off', startsOn: seoulDate(first), endsOn: seoulDate(first) });
    const rows = (await t.call(null, 'GET', `/api/public/products/${product.id}/availability?from=${seoulDate(0)}&to=${seoulDate(40)}`)).body.bookingSchedules as {
      id: string;
      usage: { date: string };
      status: string;
      closedReason?: string;
    }[];
    const off = rows.find((r) => r.usage.date === seoulDate(first))!;
    expect(off).toMatchObject({ status: 'closed', closedReason: '담당자 휴무' });
    expect(rows.find((r) => r.usage.date === seoulDate(second))!.status).toBe('bookable');
    const line = { bookingScheduleId: off.id, quantity: 1 };
    expectError(await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [line], customer, consents }), 409, 'BOOKING_STAFF_ABSENT');
  });
});
