import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { creditPlatformPoints, issuePlatformCoupon } from './use-cases/issue-instruments.ts';

/**
 * PAY-4: the operator's instruments, from the command line:
 *   node src/main.ts platform-coupon --amount 5000 [--business <id>] [--days 30] [--code WELCOME5000]
 *   node src/main.ts platform-points --phone 010-1234-5678 --amount 3000
 */
export async function platformInstrumentsCommand(db: Kysely<DB>, command: string, argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { amount: { type: 'string' }, business: { type: 'string' }, days: { type: 'string' }, code: { type: 'string' }, phone: { type: 'string' } }, strict: true });
  const amount = Number(values.amount);
  if (command === 'platform-coupon') {
    const coupon = await issuePlatformCoupon(db, { amount, businessId: values.business ?? null, days: values.days ? Number(values.days) : 30, ...(values.code ? { code: values.code.toUpperCase() } : {}) });
    console.log(`플랫폼 쿠폰 ${coupon.code}: ${coupon.amount.toLocaleString('ko-KR')}원, ${coupon.valid_until.toISOString()} 까지${coupon.business_id ? ` (업체 ${coupon.business_id})` : ''}`);
    return 0;
  }
  if (command === 'platform-points') {
    if (!values.phone) {
      console.error('--phone 을 입력해 주세요.');
      return 2;
    }
    const wallet = await creditPlatformPoints(db, { phone: values.phone, amount });
    console.log(`플랫폼 포인트 ${amount.toLocaleString('ko-KR')}원 지급: ${wallet.phone} 잔액 ${wallet.balance.toLocaleString('ko-KR')}원`);
    return 0;
  }
  console.error(`알 수 없는 명령입니다: ${command}`);
  return 2;
}
