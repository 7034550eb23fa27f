import { z } from 'zod';

/** Reusable request pieces, so every route validates ids and common fields the same way. */
export const idParams = z.object({ id: z.uuid() });
export const email = z.string().trim().toLowerCase().pipe(z.email({ error: '올바른 이메일 주소가 아닙니다.' }));
export const password = z.string().min(8, { error: '비밀번호는 8자 이상이어야 합니다.' }).max(200);
export const name = z.string().trim().min(1, { error: '이름을 입력해 주세요.' }).max(100);
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: '색상은 #RRGGBB 형식이어야 합니다.' });
export const sortOrder = z.number().int().min(-1000).max(100000);
export const serviceType = z.enum(['clinic', 'beauty', 'restaurant', 'retail', 'other']);
/**
 * The years a date may name. PostgreSQL and the zone rules hold far more,
 * but year 1 in Asia/Seoul has a local-mean-time offset that lands in year 0
 * (refused by PostgreSQL), and nothing a shop books, imports or reports on
 * lies outside this span; a range beyond it is a mistake or a probe.
 */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2999;
const yearInRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEAR_MIN && year <= DATE_YEAR_MAX;
};
const rangeError = { error: `날짜는 ${DATE_YEAR_MIN}-01-01부터 ${DATE_YEAR_MAX}-12-31 사이여야 합니다.` };
export const isoDateTime = z.iso
  .datetime({ offset: true, error: '날짜와 시간은 ISO 8601 형식이어야 합니다.' })
  .refine((v) => yearInRange(v) && !Number.isNaN(Date.parse(v)), rangeError);
export const isoDate = z.iso.date({ error: '날짜는 YYYY-MM-DD 형식이어야 합니다.' }).refine(yearInRange, rangeError);

/** Weekly hours (a place's 영업시간, a staff member's 근무 시간): per ISO weekday, open–close ranges in minutes of the local day. */
const dayHoursInput = z
  .array(z.object({ openMinute: z.number().int().min(0).max(1440), closeMinute: z.number().int().min(0).max(1440) }))
  .max(24)
  .default([]);
export const weeklyHoursInput = z
  .object({ 1: dayHoursInput, 2: dayHoursInput, 3: dayHoursInput, 4: dayHoursInput, 5: dayHoursInput, 6: dayHoursInput, 7: dayHoursInput })
  .describe('1 = 월요일 … 7 = 일요일, 분 단위 (빈 배열 = 휴무)');
const dayHoursReply = z.array(z.object({ openMinute: z.number(), closeMinute: z.number() }));
export const weeklyHoursReply = z.object({ 1: dayHoursReply, 2: dayHoursReply, 3: dayHoursReply, 4: dayHoursReply, 5: dayHoursReply, 6: dayHoursReply, 7: dayHoursReply });
