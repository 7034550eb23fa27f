import { z } from 'zod';

/** Reusable request pieces, so every route validates ids and common fields the same way. */
export const idParams = z.object({ id: z.uuid() });
export const email = z.string().trim().toLowerCase().pipe(z.email({ error: '올바른 이메일 주소가 아닙니다.' }));
export const password = z.string().min(8, { error: '비밀번호는 8자 이상이어야 합니다.' }).max(200);
export const name = z.string().trim().min(1, { error: '이름을 입력해 주세요.' }).max(100);
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: '색상은 #RRGGBB 형식이어야 합니다.' });
export const sortOrder = z.number().int().min(-1000).max(100000);
export const serviceType = z.enum(['clinic', 'beauty', 'restaurant', 'retail', 'other']);
export const isoDateTime = z.iso.datetime({ offset: true, error: '날짜와 시간은 ISO 8601 형식이어야 합니다.' });
export const isoDate = z.iso.date({ error: '날짜는 YYYY-MM-DD 형식이어야 합니다.' });
