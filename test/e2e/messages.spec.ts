import type { Page } from '@playwright/test';
import { E2E_PREFIX, expect, test } from './fixtures.ts';

/** MSG-3..11: the coupon message flow of seed 002, as a shop owner goes through it. */

const QUIET_HOURS_REFUSAL = '광고 메시지는 21:00 ~ 다음 날 08:00 사이에 보낼 수 없습니다';

function hourIn(timeZone: string, at = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric' }).format(at));
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

const isQuiet = (hour: number) => hour >= 21 || hour < 8;

/** A zone where it is now the middle of the day, for a send that must not fall in the night window. */
function daytimeZone(): string {
  const zones = ['Asia/Seoul', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Asia/Dubai', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Sao_Paulo'];
  const zone = zones.find((z) => hourIn(z) >= 9 && hourIn(z) <= 18);
  if (!zone) throw new Error('no listed time zone is in the daytime now');
  return zone;
}

async function setBusinessTimeZone(page: Page, timeZone: string): Promise<void> {
  const response = await page.request.patch('/api/business', { data: { timeZone } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** A 단골 (3 accruals within 3 months) who never agreed to marketing: always among the exclusions. */
async function regularWithoutConsent(page: Page): Promise<string> {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const name = `${E2E_PREFIX} 단골 ${digits.slice(4)}`;
  for (let i = 1; i <= 3; i += 1) {
    const response = await page.request.post('/api/pos/visits', {
      data: { posVisitId: `e2e-${digits}-${i}`, phone: `010${digits}`, name, amount: 5000, pointsEarned: 50 },
    });
    expect(response.ok(), await response.text()).toBe(true);
  }
  return name;
}

/** 새 메시지 작성 → 템플릿 → 내용 → 단골 → 미리보기. */
async function composeForRegulars(page: Page, title: string): Promise<void> {
  await page.goto('/messages');
  await page.getByTestId('new-message').click();
  await page.getByTestId('message-template').filter({ hasText: '단골 감사' }).click();

  // Every field is required: an empty title is refused beside its field.
  const titleInput = page.getByPlaceholder('예: 단골 감사 쿠폰');
  await titleInput.fill('');
  await page.getByTestId('compose-next').click();
  await expect(page.getByText('제목을 입력해 주세요.')).toBeVisible();
  await titleInput.fill(title);

  await page.getByRole('radio', { name: '증정 쿠폰' }).click();
  await page.getByPlaceholder('예: 아메리카노 1잔').fill('아메리카노 1잔');
  // Korean SMS bytes: 2 per Hangul syllable, 1 per ASCII character.
  await expect(page.getByTestId('gift-bytes')).toHaveText('14/64 byte');
  await page.getByRole('radio', { name: '7일' }).click();
  await page.getByTestId('compose-next').click();

  await page.getByTestId('group-regular').click();
  await expect(page.getByTestId('audience-recipients')).toHaveText(/^[1-9][\d,]*$/);
  await page.getByTestId('compose-next').click();
  await expect(page.getByTestId('setting-performance')).toBeVisible();
  await page.getByTestId('compose-next').click();
  await expect(page.getByTestId('preview-text')).toBeVisible();
}

test('쿠폰 메시지를 써서 단골에게 예약하고, 최근 발송 메시지에서 예약됨을 본 뒤 예약 취소한다', async ({ loggedIn: page, today }) => {
  const excludedName = await regularWithoutConsent(page);
  const title = `${E2E_PREFIX} 예약 쿠폰 ${Date.now() % 100000}`;
  await page.getByRole('link', { name: '메시지', exact: true }).click();
  await expect(page.getByRole('heading', { name: '문자 / 알림톡' })).toBeVisible();
  await composeForRegulars(page, title);

  // The preview is the text as sent: "(광고)" first, the free opt-out line last (MSG-10).
  const lines = (await page.getByTestId('preview-text').innerText()).trim().split('\n');
  expect(lines[0]).toMatch(/^\(광고\) /);
  expect(lines.at(-1)).toMatch(/^무료수신거부 /);
  expect(lines.join('\n')).toContain('아메리카노 1잔 증정');

  // Who is left out and why.
  await page.getByTestId('audience-excluded').click();
  const noConsent = page.getByTestId('excluded-no_consent');
  await expect(noConsent).toContainText('마케팅 수신 미동의');
  await expect(noConsent).toContainText(excludedName);

  // 예약 발송: tomorrow 10:00 in the business's zone.
  await page.getByRole('button', { name: '예약 발송' }).click();
  await page.getByLabel('예약 날짜').fill(addDays(today.date, 1));
  await page.getByLabel('예약 시간').fill('10:00');
  await page.getByRole('button', { name: '예약 등록' }).click();

  await expect(page).toHaveURL(/\/messages$/);
  const row = page.getByTestId('message-row').filter({ hasText: title });
  await expect(row.getByTestId('message-status')).toHaveText('예약됨');
  await expect(row.getByTestId('scheduled-at')).toContainText('10:00');

  // Clicking the time offers 예약 취소 and 수정.
  await row.locator('.msg-sendat').click();
  const dialog = page.getByTestId('scheduled-dialog');
  await expect(dialog.getByRole('button', { name: '✎ 수정' })).toBeEnabled();
  await dialog.getByRole('button', { name: '예약 취소' }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: '예약 취소' }).click();
  await expect(row.getByTestId('message-status')).toHaveText('취소');
});

test('작성 중에 닫으면 임시 저장을 묻고, 메시지 홈에서 이어서 쓰거나 지운다', async ({ loggedIn: page }) => {
  const title = `${E2E_PREFIX} 임시 ${Date.now() % 100000}`;
  await page.goto('/messages/new');
  await page.getByTestId('message-template').filter({ hasText: '생일 축하' }).click();
  await page.getByPlaceholder('예: 단골 감사 쿠폰').fill(title);
  await page.getByRole('button', { name: '닫기' }).click();
  await expect(page.getByRole('dialog', { name: '임시 저장할까요?' })).toBeVisible();
  await page.getByRole('button', { name: '임시 저장' }).click();

  const draft = page.getByTestId('draft-card');
  await expect(draft).toContainText(title);
  await draft.getByRole('link', { name: '이어서 작성' }).click();
  await expect(page.getByPlaceholder('예: 단골 감사 쿠폰')).toHaveValue(title);
  // Nothing changed since the draft was saved: closing does not ask again.
  await page.getByRole('button', { name: '닫기' }).click();
  await expect(page).toHaveURL(/\/messages$/);

  await page.getByTestId('draft-card').getByRole('button', { name: '삭제' }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: '삭제' }).click();
  await expect(page.getByTestId('draft-card')).toHaveCount(0);
});

test('바로 발송하면 야간에는 거절되고, 낮에는 받는 사람마다 수신 완료가 실시간으로 도착한다', async ({ loggedIn: page, today }) => {
  const title = `${E2E_PREFIX} 바로 ${Date.now() % 100000}`;
  const zone = today.timeZone;

  // MSG-9: between 21:00 and 08:00 in the business's zone an immediate send is refused with a clear message.
  if (isQuiet(hourIn(zone))) {
    await composeForRegulars(page, title);
    await page.getByRole('button', { name: '바로 발송' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await expect(confirm).toContainText('21:00 ~ 08:00');
    await confirm.getByRole('button', { name: '발송', exact: true }).click();
    await expect(confirm).toContainText(QUIET_HOURS_REFUSAL);
    await confirm.getByRole('button', { name: '취소' }).click();
    await page.getByRole('button', { name: '닫기' }).first().click();
    await page.getByRole('button', { name: '저장 안 함' }).click();
  }

  // The daytime send: the business is moved to a zone where it is day now (and back afterwards), so the test runs at any hour.
  const sendZone = isQuiet(hourIn(zone)) ? daytimeZone() : zone;
  if (sendZone !== zone) await setBusinessTimeZone(page, sendZone);
  try {
    await composeForRegulars(page, title);
    const recipients = Number((await page.getByTestId('audience-recipients').first().innerText()).replace(/\D/g, ''));
    await page.getByRole('button', { name: '바로 발송' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: '발송', exact: true }).click();

    await expect(page).toHaveURL(/\/messages$/);
    const row = page.getByTestId('message-row').filter({ hasText: title });
    await expect(row).toBeVisible();
    await row.click();
    await expect(page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);

    // Delivery reports arrive from the provider while the page refreshes itself.
    await expect(page.getByTestId('count-delivered')).toHaveText(new RegExp(`수신 완료\\s*${recipients}$`), { timeout: 30_000 });
    await expect(page.getByTestId('message-status')).toHaveText('발송 완료');
    const statuses = page.getByTestId('recipient-row').getByTestId('recipient-status');
    await expect(statuses.first()).toHaveText('수신 완료');
    expect(new Set(await statuses.allTextContents())).toEqual(new Set(['수신 완료']));
    await expect(page.getByTestId('message-report')).toContainText('수신 완료');

    // The code a customer received is used at the counter once (쿠폰 사용 처리), the second time refused with the reason.
    const code = (await page.getByTestId('recipient-row').first().locator('.msg-code').innerText()).trim();
    await page.goto('/messages');
    const box = page.getByTestId('coupon-redeem');
    await box.getByLabel('쿠폰 번호').fill(code);
    await box.getByRole('button', { name: '사용 처리' }).click();
    await expect(page.getByText(/쿠폰\(.+\)을 사용 처리했습니다/)).toBeVisible();
    await box.getByLabel('쿠폰 번호').fill(code);
    await box.getByRole('button', { name: '사용 처리' }).click();
    await expect(box.getByRole('alert')).toHaveText('이미 사용한 쿠폰입니다.');
  } finally {
    if (sendZone !== zone) await setBusinessTimeZone(page, zone);
  }
});

test('직접 선택: 고객이 많으면 목록 위에 "N명 중 30명을 보여요"가 가리지 않고 보이고, 고른 고객이 선택 칸과 발송 대상에 나온다 (휴대폰 화면 포함)', async ({ loggedIn: page }) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await page.goto('/messages');
    await page.getByTestId('new-message').click();
    await page.getByTestId('message-template').filter({ hasText: '단골 감사' }).click();
    await page.getByPlaceholder('예: 단골 감사 쿠폰').fill(`${E2E_PREFIX} 직접 선택`);
    await page.getByRole('radio', { name: '증정 쿠폰' }).click();
    await page.getByPlaceholder('예: 아메리카노 1잔').fill('아메리카노 1잔');
    await page.getByRole('radio', { name: '7일' }).click();
    await page.getByTestId('compose-next').click();
    await page.getByRole('tab', { name: '직접 선택' }).click();

    const note = page.getByTestId('direct-shown-note');
    await expect(note).toHaveText(/^\d[\d,]*명 중 30명을 보여요\. 검색으로 좁혀 주세요\.$/);
    // Nothing covers it: the sticky audience bar at the bottom stays below the note.
    const noteBox = (await note.boundingBox())!;
    const barBox = (await page.getByTestId('audience-summary').boundingBox())!;
    expect(noteBox.y + noteBox.height).toBeLessThanOrEqual(barBox.y);
    expect(noteBox.x + noteBox.width).toBeLessThanOrEqual(viewport.width);

    const first = page.getByTestId('direct-customer').first();
    const name = (await first.locator('.strong').textContent())!.trim();
    await first.click();
    await expect(page.getByTestId('picked-customer')).toHaveText([new RegExp(name)]);
    await page.screenshot({ path: `test-results/e2e/direct-select-${viewport.width}.png` });
  }
});

test('설정 > 메시지 발송의 발송 단가: 잘못된 값은 막고, 저장한 단가가 미리보기의 예상 비용에 쓰이며, 정가로 되돌린다', async ({ loggedIn: page }) => {
  await page.goto('/settings/messaging');
  const card = page.getByTestId('messaging-unit-prices');
  await expect(card.getByRole('heading', { name: '발송 단가 (비용 예상)' })).toBeVisible();
  const prices = { sms: '21', lms: '51', alimtalk: '18', brand: '14' };
  await card.getByLabel('문자(SMS)').fill('스무원');
  await card.getByRole('button', { name: '저장' }).click();
  await expect(card.getByText('단가는 0원부터 1,000원까지 숫자로 입력해 주세요.')).toBeVisible();
  await card.getByLabel('문자(SMS)').fill(prices.sms);
  await card.getByLabel('문자(LMS)').fill(prices.lms);
  await card.getByLabel('알림톡').fill(prices.alimtalk);
  await card.getByLabel('브랜드 메시지').fill(prices.brand);
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/settings/messaging/unit-prices') && r.request().method() === 'PUT');
  await card.getByRole('button', { name: '저장' }).click();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByText('발송 단가를 저장했습니다.')).toBeVisible();

  try {
    await composeForRegulars(page, `${E2E_PREFIX} 단가 확인`);
    const cost = page.getByTestId('preview-cost');
    await expect(cost).toContainText('(부가세 별도)');
    const text = (await cost.textContent()) ?? '';
    const [, count, unit, amount] = text.match(/([\d,]+)건 × ([\d,]+)원 = ([\d,]+)원/) ?? [];
    expect([prices.sms, prices.lms, prices.brand]).toContain(unit);
    expect(Number(amount!.replace(/,/g, ''))).toBe(Number(count!.replace(/,/g, '')) * Number(unit));
  } finally {
    await page.goto('/settings/messaging');
    const reset = page.waitForResponse((r) => r.url().endsWith('/api/settings/messaging/unit-prices') && r.request().method() === 'PUT');
    await page.getByTestId('messaging-unit-prices').getByRole('button', { name: '정가로' }).click();
    expect((await reset).ok()).toBe(true);
    await expect(page.getByTestId('messaging-unit-prices').getByLabel('문자(SMS)')).toHaveValue('20');
  }
});
