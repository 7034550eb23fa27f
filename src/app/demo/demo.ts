import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../platform/db/types.ts';
import { schedulesRepository, type ScheduleSeed } from '../../features/schedules/index.ts';
import { registerBusiness } from '../../features/settings/index.ts';
import { hashPassword } from '../../features/auth/index.ts';
import { authRepository as authRepo } from '../../features/auth/index.ts';
import { settingsRepository as settingsRepo } from '../../features/settings/index.ts';
import { customersRepository } from '../../features/customers/index.ts';
import { naverRepository as naverRepo } from '../../features/naver/index.ts';
import { DEMO_NAVER_OUTBOUND_URL, DEMO_NAVER_PRODUCTS } from './demo-naver.ts';
import { LOCAL_PROVIDER_URL, upsertProviderSettings } from '../../features/messaging/index.ts';
import { seedDemoBookings } from './demo-bookings.ts';
import { LOCAL_TOSS_URL, savePaymentSettings } from '../../features/payments/index.ts';
import { seedDemoCatalog } from './demo-catalog.ts';
import { seedDemoLoyalty } from './demo-loyalty.ts';

export const DEMO_LOGIN = { email: 'admin@demo.yeyak.kr', password: 'demo1234!' };
export const DEMO_MEMBERS = {
  counselor: { email: 'lee@demo.yeyak.kr', name: '이실장' },
  nurse: { email: 'choi@demo.yeyak.kr', name: '최간호사' },
  doctor: { email: 'kim@demo.yeyak.kr', name: '김원장' },
};

const FAMILY = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '홍'];
const GIVEN = ['민준', '서연', '도윤', '지우', '하준', '서윤', '은우', '지민', '시우', '수아', '예준', '하은', '주원', '지유', '유진', '채원', '현우', '다은', '지호', '수빈'];

/**
 * The demo business (QUAL-1): a 병의원형 clinic with departments, staff,
 * members in two permission groups, customers, memo types and a week of
 * schedules around today. Runs once: does nothing if the demo admin exists.
 */
export async function seedDemo(db: Kysely<DB>, now: Date = new Date()): Promise<boolean> {
  if (await authRepo.findUserByEmail(db, DEMO_LOGIN.email)) return false;
  const { business } = await registerBusiness(db, {
    businessName: '예약의원 (데모)',
    serviceType: 'clinic',
    phone: '0212345678',
    departmentsEnabled: true,
    admin: { name: '박대표', email: DEMO_LOGIN.email, password: DEMO_LOGIN.password },
  });
  const businessId = business.id;
  // The seed runs in several transactions (bookings go through the booking service). The demo admin
  // is what tells a later start the seed is done, so a seed that fails half-way takes its business
  // with it and the next start seeds again instead of running on half a demo.
  try {
    await seedDemoBusiness(db, business, now);
  } catch (error) {
    await settingsRepo.deleteBusiness(db, businessId);
    throw error;
  }
  return true;
}

async function seedDemoBusiness(db: Kysely<DB>, business: { id: string; time_zone: string }, now: Date): Promise<void> {
  const businessId = business.id;
  const passwordHash = await hashPassword(DEMO_LOGIN.password);

  const catalog = await db.transaction().execute(async (trx) => {
    const derm = await settingsRepo.insertDepartment(trx, { businessId, name: '피부과 진료', color: '#4f7cff', sortOrder: 1 });
    const laser = await settingsRepo.insertDepartment(trx, { businessId, name: '레이저 시술', color: '#f97316', sortOrder: 2 });
    const consult = await settingsRepo.insertDepartment(trx, { businessId, name: '상담', color: '#10b981', sortOrder: 3 });
    const departments = [derm, laser, consult];

    const counselorGroup = await settingsRepo.insertPermissionGroup(trx, {
      businessId,
      name: '상담실장',
      permissions: ['customers.view', 'customers.edit', 'customers.phone_full', 'schedules.edit', 'messages.send', 'naver.alert'],
    });
    const staffGroup = (await settingsRepo.listPermissionGroups(trx, businessId)).find((g) => g.name === '일반 직원');
    if (!staffGroup) throw new Error('demo seed: the sign-up made no 일반 직원 group');

    const members = [
      { ...DEMO_MEMBERS.doctor, group: counselorGroup.id, department: derm.id, color: '#2563eb' },
      { ...DEMO_MEMBERS.counselor, group: counselorGroup.id, department: consult.id, color: '#059669' },
      { ...DEMO_MEMBERS.nurse, group: staffGroup.id, department: laser.id, color: '#d97706' },
    ];
    const staffIds: string[] = [];
    let order = 1;
    for (const m of members) {
      const user = await authRepo.insertUser(trx, { businessId, email: m.email, passwordHash, name: m.name, role: 'member', permissionGroupId: m.group });
      const staff = await settingsRepo.insertStaff(trx, { businessId, name: m.name, kind: 'user', userId: user.id, departmentId: m.department, color: m.color, sortOrder: order++ });
      staffIds.push(staff.id);
    }
    const room = await settingsRepo.insertStaff(trx, { businessId, name: '레이저실 1', kind: 'resource', departmentId: laser.id, color: '#7c3aed', sortOrder: order++ });
    staffIds.push(room.id);
    const naver = (await settingsRepo.listStaff(trx, businessId)).find((s) => s.kind === 'naver');
    if (!naver) throw new Error('demo seed: the sign-up made no 네이버예약 staff');

    const general = (await settingsRepo.listMemoTypes(trx, businessId))[0];
    if (!general) throw new Error('demo seed: the sign-up made no memo type');
    const procedureMemo = await settingsRepo.insertMemoType(trx, { businessId, name: '시술 메모', sortOrder: 1 });
    const naverMemo = await settingsRepo.insertMemoType(trx, { businessId, name: '네이버 옵션/요청사항', sortOrder: 2 });
    await settingsRepo.insertMemoType(trx, { businessId, name: '이전 상담 기록', sortOrder: 3, visible: false });

    // NAVER-1..3: the demo plays against the simulator (`npm run simulate:naver`), which listens on its default port.
    // 피부과 진료 ↔ NAVER-P-100 (approval), 레이저 시술 ↔ NAVER-P-200 (instant); options and requests go to '네이버 옵션/요청사항'.
    await naverRepo.upsertConnection(trx, { businessId, enabled: true, secret: crypto.randomBytes(32).toString('base64url'), outboundUrl: DEMO_NAVER_OUTBOUND_URL, memoTypeId: null });
    for (const product of DEMO_NAVER_PRODUCTS) {
      // NAVER-2: a linked department carries its Naver product's name.
      const department = departments.find((d) => d.name === product.name);
      if (!department) throw new Error(`demo seed: no department named ${product.name}`);
      await naverRepo.setDepartmentProduct(trx, businessId, department.id, product.productId);
    }
    await naverRepo.setConnectionMemoType(trx, businessId, naverMemo.id);

    const customers = await customersRepository.insertCustomers(
      trx,
      businessId,
      Array.from({ length: 60 }, (_, i) => ({
        name: FAMILY[i % FAMILY.length]! + GIVEN[(i * 7) % GIVEN.length]!,
        phone: `010${String(2000 + i * 37).padStart(4, '0')}${String(1000 + ((i * 7919) % 9000)).padStart(4, '0')}`,
        marketingConsent: i % 3 !== 0,
        marketingConsentAt: i % 3 !== 0 ? now : null,
        memo: i % 5 === 0 ? '알레르기 있음, 시술 전 확인' : '',
      })),
    );

    const zone = business.time_zone;
    const today = DateTime.fromJSDate(now, { zone }).startOf('day');
    const monday = today.minus({ days: today.weekday - 1 });
    const rows: ScheduleSeed[] = [];
    const memoRows: { scheduleIndex: number; memoTypeId: string; body: string }[] = [];
    // The demo's Naver schedules are real Naver bookings of the linked products, so deciding on them sends commands.
    const naverBookings: { scheduleIndex: number; bookingId: string; productId: string }[] = [];
    let c = 0;
    for (let day = 0; day < 7; day++) {
      const date = monday.plus({ days: day });
      const perDay = day >= 5 ? 4 : 9;
      for (let k = 0; k < perDay; k++) {
        const isNaver = k === perDay - 1;
        const staffIndex = k % staffIds.length;
        const start = date.set({ hour: 9 + ((k * 3 + day) % 9), minute: (k % 2) * 30 });
        const past = start < DateTime.fromJSDate(now, { zone });
        let status: ScheduleStatus = past ? 'completed' : k % 3 === 0 ? 'pending' : 'confirmed';
        if (!past && k === 4) status = 'cancelled';
        const product = DEMO_NAVER_PRODUCTS[day % DEMO_NAVER_PRODUCTS.length]!;
        const department = isNaver ? departments.find((d) => d.name === product.name)! : departments[(k + day) % departments.length]!;
        if (isNaver) {
          status = past ? 'completed' : product.mode === 'approval' ? 'pending' : 'confirmed';
          naverBookings.push({ scheduleIndex: rows.length, bookingId: `NB-DEMO-${date.toFormat('MMdd')}-${k}`, productId: product.productId });
        }
        rows.push({
          customerId: customers[c++ % customers.length]!.id,
          staffId: isNaver ? naver.id : staffIds[staffIndex]!,
          departmentId: department.id,
          startsAt: start.toJSDate(),
          endsAt: start.plus({ minutes: k % 3 === 0 ? 60 : 30 }).toJSDate(),
          status,
          source: isNaver ? 'naver' : 'manual',
          title: isNaver ? '네이버예약' : ['진료', '레이저 토닝', '상담', '재진'][k % 4]!,
        });
        if (k % 4 === 1) memoRows.push({ scheduleIndex: rows.length - 1, memoTypeId: (k % 8 === 1 ? general : procedureMemo).id, body: '지난 시술 후 붉은기 있었음. 강도 낮춰서 진행.' });
      }
    }
    const inserted = await schedulesRepository.insertSchedules(trx, businessId, rows, '데모 데이터');
    for (const b of naverBookings) {
      await naverRepo.insertBooking(trx, { businessId, bookingId: b.bookingId, scheduleId: inserted[b.scheduleIndex]!, revision: 1, productId: b.productId });
    }
    await schedulesRepository.insertMemos(
      trx,
      businessId,
      memoRows.map((m) => ({ scheduleId: inserted[m.scheduleIndex]!, memoTypeId: m.memoTypeId, body: m.body })),
    );

    // BOOK-1..6: the clinic's own booking page.
    return seedDemoCatalog(trx, businessId, now);
  });
  // BOOK-7..11: made through the booking service, which runs its own transactions.
  await seedDemoBookings(db, catalog, now);
  // MSG-11: the demo sends through the local Solapi-compatible server the running product starts (src/main.ts),
  // with keys of this installation's own (SEC-4: the delivery-report token derives from the secret; none is bundled).
  await upsertProviderSettings(db, {
    businessId,
    apiUrl: LOCAL_PROVIDER_URL,
    apiKey: `DEMO${crypto.randomBytes(8).toString('hex').toUpperCase()}`,
    apiSecret: crypto.randomBytes(24).toString('base64url'),
    senderPhone: '0212345678',
    optOutPhone: '0808001234',
    kakaoPfId: 'KA01PF-DEMO',
  });
  // PAY-1: the demo takes payment on the local Toss-compatible server (src/main.ts starts it), with keys of its own.
  const demoKey = crypto.randomBytes(8).toString('hex');
  await savePaymentSettings(db, businessId, { apiUrl: LOCAL_TOSS_URL, clientKey: `test_ck_demo${demoKey}`, secretKey: `test_sk_demo${demoKey}` });
  await seedDemoLoyalty(db, businessId, business.time_zone, now);
}
