import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../../platform/db/types.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { noticeDate, noticeKey } from '../domain/notices.ts';
import { noticeSendAt } from '../domain/reminder.ts';
import { findBusinessProfile } from '../repository/messages.ts';
import * as repo from '../repository/notices.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { writeNoticeFor } from './notices.ts';

/**
 * LAW-3 (정보통신망법 §50 ⑧, 시행령 §62의3): every two years after a
 * customer consented to advertising, they are told who they consented to,
 * when, and how to keep or withdraw it. Found by the minute's sweep
 * (customers whose consent is two years old and who were not told in the
 * last two years), written as an informational notice, listed with the
 * other notices and on the customer's page; it cannot be turned off.
 */
export async function writeConsentNotices(db: Kysely<DB>, now = new Date(), limit = 500): Promise<number> {
  const consentedBefore = DateTime.fromJSDate(now).minus({ years: 2 }).toJSDate();
  const due = await repo.listConsentNoticesDue(db, consentedBefore, limit);
  let written = 0;
  for (const customer of due) {
    await db.transaction().execute(async (trx) => {
      const business = await findBusinessProfile(trx, customer.business_id);
      const settings = await findProviderSettings(trx, customer.business_id);
      const optOut = settings?.opt_out_phone
        ? `무료 수신거부 ${formatPhone(settings.opt_out_phone)}로 전화해 주세요.`
        : business.phone
          ? `${formatPhone(business.phone)}로 연락해 주세요.`
          : '업체에 연락해 주세요.';
      const consentedAt = customer.marketing_consent_at!;
      const period = Math.floor(DateTime.fromJSDate(now).diff(DateTime.fromJSDate(consentedAt), 'years').years / 2);
      const id = await writeNoticeFor(
        trx,
        null,
        'consent_notice',
        { businessId: customer.business_id, customerId: customer.id, name: customer.name, phone: customer.phone },
        { key: noticeKey('consent_notice', customer.id, consentedAt.getTime(), period), vars: { 동의일자: noticeDate(consentedAt, business.time_zone), 수신거부: optOut }, sendAt: noticeSendAt(now, business.time_zone) },
      );
      if (id) written++;
    });
  }
  return written;
}
