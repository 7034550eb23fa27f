import fs from 'node:fs';
import { E2E_PREFIX, expect, test } from './fixtures.ts';

// OPS-8: the customer list's filters and sort in the address, and the CSV downloads Excel opens in Korean.

const SHOTS = '/tmp/shots';

/** A downloaded CSV as Excel reads it: the UTF-8 BOM, then RFC 4180 records (this file's cells hold no quotes or newlines). */
function readDownloaded(path: string): { bom: boolean; rows: string[][] } {
  const bytes = fs.readFileSync(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  return { bom, rows: text.slice(0, -2).split('\r\n').map((line) => line.split(',')) };
}

test('고객 목록을 태그로 거르고 포인트순으로 정렬한 뒤 CSV로 내려받는다', async ({ loggedIn: page }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const suffix = String(Date.now()).slice(-6);
  const tag = `내보내기${suffix}`;
  const created = await page.request.post('/api/customer-tags', { data: { name: tag } });
  expect(created.ok(), await created.text()).toBe(true);
  // 많이 is created first with more points, so newest-first and most-points-first disagree.
  const people = [
    { name: `${E2E_PREFIX} 많이 ${suffix}`, phone: `0107${suffix}1`, points: 900 },
    { name: `${E2E_PREFIX} 조금 ${suffix}`, phone: `0107${suffix}2`, points: 100 },
  ];
  for (const person of people) {
    const res = await page.request.post('/api/customers', { data: { name: person.name, phone: person.phone, tags: [tag] } });
    expect(res.ok(), await res.text()).toBe(true);
    const visit = await page.request.post('/api/pos/visits', { data: { posVisitId: `ops8-${suffix}-${person.points}`, phone: person.phone, name: person.name, pointsEarned: person.points } });
    expect(visit.ok(), await visit.text()).toBe(true);
  }
  await page.request.post('/api/customers', { data: { name: `${E2E_PREFIX} 태그없음 ${suffix}`, phone: `0107${suffix}3` } });

  await page.getByRole('link', { name: '고객', exact: true }).click();
  await expect(page.getByRole('heading', { name: '고객', exact: true })).toBeVisible();
  await page.getByLabel('태그').selectOption(tag);
  await expect(page).toHaveURL(new RegExp(`[?&]tag=${encodeURIComponent(tag)}`));
  const rows = page.getByTestId('customer-row');
  const names = rows.locator('td:nth-child(1) .strong');
  await expect(names).toHaveText([people[1]!.name, people[0]!.name]);

  await page.getByLabel('정렬').selectOption({ label: '포인트 많은 순' });
  await expect(page).toHaveURL(/[?&]sort=points/);
  await expect(names).toHaveText([people[0]!.name, people[1]!.name]);

  // A reload keeps the filter and the sort.
  await page.reload();
  await expect(page.getByLabel('태그')).toHaveValue(tag);
  await expect(page.getByLabel('정렬')).toHaveValue('points:desc');
  await expect(names).toHaveText([people[0]!.name, people[1]!.name]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/ops8-customers-1280.png` });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '엑셀(CSV) 내려받기' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^고객목록_\d{4}-\d{2}-\d{2}\.csv$/);
  const file = readDownloaded((await download.path())!);
  expect(file.bom).toBe(true);
  expect(file.rows[0]!.slice(0, 3)).toEqual(['이름', '휴대폰 번호', '등급']);
  expect(file.rows[0]).toContain('보유 포인트');
  expect(file.rows[0]).toContain('마지막 방문');
  // Only the filtered customers, in the list's order.
  expect(file.rows.slice(1).map((r) => r[0])).toEqual([people[0]!.name, people[1]!.name]);
  expect(file.rows[1]![file.rows[0]!.indexOf('보유 포인트')]).toBe('900');

  // Filters that match nobody say so.
  await page.getByLabel('노쇼 횟수 이상').fill('3');
  await expect(page).toHaveURL(/[?&]noShows=3/);
  await expect(page.getByTestId('customers-empty')).toContainText('조건에 맞는 고객이 없습니다.');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: '필터 초기화' }).click();
  await page.getByLabel('태그').selectOption(tag);
  await expect(names).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/ops8-customers-390.png`, fullPage: true });
});

test('파트너센터 예약 목록을 CSV로 내려받는다', async ({ loggedIn: page }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.goto('/partner/bookings');
  await expect(page.getByRole('heading', { name: '예약 관리' })).toBeVisible();
  await expect(page.getByTestId('booking-row').first()).toBeVisible();
  const listed = await page.getByTestId('booking-row').count();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/ops8-bookings-1280.png` });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '엑셀(CSV) 내려받기' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^예약목록_\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('예약번호,상태,예약자,연락처,장소,상품,이용일시,인원/수량,옵션,결제 금액,결제 방식,결제 상태,요청사항,예약일시');
  expect(text).toMatch(/\r\n\d{8},/);
  expect(listed).toBeGreaterThan(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/ops8-bookings-390.png`, fullPage: true });
});
