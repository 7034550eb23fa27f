import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * Every screen the other specs do not walk through opens as a person reaches
 * it, by its menu, with no failed API call and no error in the console: the
 * settings pages, the partner center's place and product editors, the
 * customer's own booking lookup and the sign-up form.
 */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 400) problems.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
  });
  return problems;
}

const SETTINGS = ['업체 정보', '부서 관리', '담당자 관리', '사용자 관리', '권한 설정', '메모 종류', '네이버예약 연동', '고객 등급', '고객 태그', 'POS 연동 키', '메시지 발송', '결제', '수수료', '백업'];

test('설정의 모든 메뉴가 열린다', async ({ loggedIn: page }) => {
  const problems = watchForErrors(page);
  await page.getByRole('link', { name: '설정', exact: true }).click();
  await expect(page.getByRole('heading', { name: '설정', exact: true })).toBeVisible();
  for (const label of SETTINGS) {
    await page.locator('.settings-nav').getByRole('link', { name: label, exact: true }).click();
    await expect(page.locator('.settings-title')).toContainText(label);
    await expect(page.getByText('불러오는 중…')).toHaveCount(0);
  }
  expect(problems).toEqual([]);
});

test('파트너센터에서 장소 수정, 상품 수정, 상품 추가 화면이 열린다', async ({ loggedIn: page }) => {
  const problems = watchForErrors(page);
  await page.getByRole('link', { name: '파트너센터', exact: true }).click();
  const menu = page.getByRole('navigation', { name: '파트너센터 메뉴' });
  await menu.getByRole('link', { name: '장소·상품' }).click();
  await expect(page.getByRole('heading', { name: '장소 관리' })).toBeVisible();

  await page.getByRole('link', { name: '장소 수정' }).first().click();
  await expect(page.getByRole('heading', { name: '장소 수정' })).toBeVisible();
  await menu.getByRole('link', { name: '장소·상품' }).click();

  const product = page.locator('.cat-product-table a.strong').first();
  const productName = (await product.textContent())?.trim() ?? '';
  await product.click();
  await expect(page.getByRole('heading', { name: productName })).toBeVisible();
  await menu.getByRole('link', { name: '장소·상품' }).click();

  await page.getByRole('link', { name: '+ 상품 추가' }).first().click();
  await expect(page.getByRole('heading', { name: '상품 추가' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('예약 조회 화면과 회원가입 화면이 열린다', async ({ page }) => {
  const problems = watchForErrors(page);
  await page.goto('/book/lookup');
  await expect(page.getByRole('button', { name: /조회/ })).toBeVisible();
  await page.goto('/signup');
  await expect(page.getByRole('button', { name: /가입|시작/ })).toBeVisible();
  expect(problems.filter((p) => !p.includes('/api/auth/me'))).toEqual([]);
});

test('설정 > 메시지 발송에서 연결 확인을 누르면 로컬 발송 서버의 잔액이 보인다 (MSG-11)', async ({ loggedIn: page }) => {
  await page.goto('/settings/messaging');
  await expect(page.getByRole('heading', { name: '메시지 발송' }).first()).toBeVisible();
  const checked = page.waitForResponse((r) => r.url().endsWith('/api/settings/messaging/check') && r.request().method() === 'POST');
  await page.getByRole('button', { name: '연결 확인' }).click();
  expect((await checked).ok()).toBe(true);
  await expect(page.getByTestId('messaging-check')).toContainText(/연결됨 · 잔액 [0-9,]+원/);
});
