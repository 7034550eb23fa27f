import { E2E_PREFIX, expect, test } from './fixtures.ts';

test('고객 페이지에서 전화번호 뒷자리 4자리로 데모 고객을 찾는다', async ({ loggedIn: page, api }) => {
  const { items } = await api.customers(100);
  const demoCustomer = items.find((c) => !c.name.startsWith(E2E_PREFIX));
  if (!demoCustomer) throw new Error('the demo business has no customers');
  const last4 = demoCustomer.phone.replace(/\D/g, '').slice(-4);

  await page.getByRole('link', { name: '고객', exact: true }).click();
  await expect(page.getByRole('heading', { name: '고객', exact: true })).toBeVisible();
  await page.getByPlaceholder('이름, 전화번호 뒷자리 4자리, 전체 번호').pressSequentially(last4, { delay: 50 });
  await expect(page).toHaveURL(new RegExp(`[?&]q=${last4}`));

  const rows = page.getByTestId('customer-row');
  const phones = rows.locator('td:nth-child(2)');
  await expect
    .poll(async () => {
      const shown = await phones.allTextContents();
      return shown.length > 0 && shown.every((phone) => phone.replace(/\D/g, '').endsWith(last4));
    })
    .toBe(true);
  await expect(rows.filter({ hasText: demoCustomer.name })).toBeVisible();
});
