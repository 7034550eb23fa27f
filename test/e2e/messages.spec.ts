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
