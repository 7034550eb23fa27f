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

test('고객 상세의 개인정보: 내려받은 파일에 고객의 정보가 있고, 사유 없이는 삭제되지 않으며, 익명화하면 이름·번호가 지워진다 (LAW-4)', async ({ loggedIn: page, api }) => {
  const customer = await api.createCustomer('개인정보');
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole('heading', { name: '개인정보', exact: true })).toBeVisible();

  // 내려받기: a JSON file named after the customer, holding the full phone number.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customer-export').click()]);
  expect(download.suggestedFilename()).toBe(`고객정보_${customer.name}.json`);
  const file = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  expect(file.customer).toMatchObject({ id: customer.id, name: customer.name });
  expect(file.customer.phone.replace(/\D/g, '')).toBe(customer.phone.replace(/\D/g, ''));

  await page.getByTestId('customer-anonymise').click();
  const dialog = page.getByRole('dialog', { name: '개인정보 삭제(익명화)' });
  await expect(dialog).toContainText('지우는 것');
  await expect(dialog).toContainText('남기는 것');
  await dialog.getByRole('button', { name: '삭제', exact: true }).click();
  await expect(dialog.getByText('삭제 사유를 입력해 주세요.')).toBeVisible();
  await dialog.getByTestId('anonymise-reason').fill('고객 본인이 전화로 삭제 요청');
  await dialog.getByRole('button', { name: '삭제', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('customer-anonymised')).toHaveText('개인정보 삭제됨');
  await expect(page.getByText(customer.name)).toHaveCount(0);
  await expect(page.getByTestId('customer-anonymise')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/customer-anonymised.png', fullPage: true });

  // The list no longer finds the customer by the old number.
  const last8 = customer.phone.replace(/\D/g, '').slice(-8);
  const found = await page.request.get(`/api/customers?q=${last8}`);
  expect(((await found.json()) as { items: { id: string }[] }).items.map((c) => c.id)).not.toContain(customer.id);
});
