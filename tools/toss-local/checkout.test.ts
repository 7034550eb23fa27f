import { afterEach, describe, expect, it } from 'vitest';
import { authenticated, callToss, checkout, CLIENT_KEY, confirmCall, startToss, type Cleanups } from './test-helpers.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const pageQuery = (over: Record<string, string> = {}) =>
  new URLSearchParams({
    clientKey: CLIENT_KEY,
    orderId: 'order-page-0001',
    orderName: '디자인 커트 외 1건',
    amount: '12000',
    successUrl: 'https://shop.example/pay/success?booking=42',
    failUrl: 'https://shop.example/pay/fail',
    customerName: '김예약',
    ...over,
  });

describe('the checkout page (standing in for the widget)', () => {
  it('renders a small Korean page with the order, the amount in 원, three methods and three outcomes, no external assets', async () => {
    const toss = await startToss(cleanups);
    const response = await fetch(`${toss.url}/local/checkout?${pageQuery()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const html = await response.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('주문명');
    expect(html).toContain('디자인 커트 외 1건');
    expect(html).toContain('김예약');
    expect(html).toContain('12,000원');
    for (const method of ['value="card" checked', 'value="kakaopay_card"', 'value="kakaopay_money"']) expect(html).toContain(`type="radio" name="method" ${method}`);
    for (const label of ['>카드<', '>카카오페이 카드<', '>카카오페이 머니<', '>결제하기</button>', '>카드사 거절</button>', '>결제창 닫기</button>']) expect(html).toContain(label);
    expect(html).toContain('<form method="post" action="/local/checkout">');
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('escapes what the shop sends', async () => {
    const toss = await startToss(cleanups);
    const html = await (await fetch(`${toss.url}/local/checkout?${pageQuery({ orderName: '<b>커트</b> & "펌"' })}`)).text();
    expect(html).toContain('&lt;b&gt;커트&lt;/b&gt; &amp; &quot;펌&quot;');
    expect(html).not.toContain('<b>커트</b>');
  });

  it('shows an error page for an unknown client key or a request the SDK would refuse', async () => {
    const toss = await startToss(cleanups);
    for (const [over, code] of [
      [{ clientKey: 'test_ck_nobody' }, 'INVALID_CLIENT_KEY'],
      [{ orderId: 'abc' }, 'INVALID_ORDER_ID'],
      [{ amount: '0' }, 'INVALID_AMOUNT_VALUE'],
      [{ amount: '12.5' }, 'INVALID_AMOUNT_VALUE'],
      [{ successUrl: 'javascript:alert(1)' }, 'INCORRECT_SUCCESS_URL_FORMAT'],
      [{ failUrl: '/relative' }, 'INCORRECT_FAIL_URL_FORMAT'],
    ] as const) {
      const response = await fetch(`${toss.url}/local/checkout?${pageQuery(over)}`);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('결제창을 열 수 없습니다');
      expect(html).toContain(code);
    }
  });

  it('approve: authenticates (IN_PROGRESS, not charged) and redirects to successUrl with paymentType, orderId, paymentKey, amount, keeping its own query', async () => {
    const toss = await startToss(cleanups);
    const { status, redirectUrl } = await checkout(toss, { orderId: 'order-ok-0001', amount: 30_000 });
    expect(status).toBe(200);
    expect(redirectUrl!.origin + redirectUrl!.pathname).toBe('https://shop.example/pay/success');
    expect(redirectUrl!.searchParams.get('booking')).toBe('42');
    expect(redirectUrl!.searchParams.get('paymentType')).toBe('NORMAL');
    expect(redirectUrl!.searchParams.get('orderId')).toBe('order-ok-0001');
    expect(redirectUrl!.searchParams.get('amount')).toBe('30000');
    const paymentKey = redirectUrl!.searchParams.get('paymentKey')!;
    expect(paymentKey).toMatch(/^tlocal\d{14}[0-9A-Za-z]{6}$/);
    expect(paymentKey.length).toBeLessThanOrEqual(200);

    const payment = await callToss(toss, 'GET', `/v1/payments/${paymentKey}`);
    expect(payment.status).toBe(200);
    expect(payment.json).toMatchObject({ paymentKey, orderId: 'order-ok-0001', status: 'IN_PROGRESS', approvedAt: null, totalAmount: 30_000, card: null, easyPay: null });
    expect(toss.approvals()).toBe(0);
  });

  it('reject goes to failUrl with REJECT_CARD_COMPANY and the orderId; close with PAY_PROCESS_CANCELED and no orderId', async () => {
    const toss = await startToss(cleanups);
    const rejected = (await checkout(toss, { orderId: 'order-no-0001', amount: 5000, outcome: 'reject' })).redirectUrl!;
    expect(rejected.origin + rejected.pathname).toBe('https://shop.example/pay/fail');
    expect(Object.fromEntries(rejected.searchParams)).toEqual({ code: 'REJECT_CARD_COMPANY', message: '결제 승인이 거절되었습니다.', orderId: 'order-no-0001' });

    const closed = (await checkout(toss, { orderId: 'order-no-0002', amount: 5000, outcome: 'close', failUrl: 'https://shop.example/pay/fail?from=widget' })).redirectUrl!;
    expect(Object.fromEntries(closed.searchParams)).toEqual({ from: 'widget', code: 'PAY_PROCESS_CANCELED', message: '사용자에 의해 결제가 취소되었습니다.' });
    expect(toss.payments()).toEqual([]);
  });

  it('the HTML form posts and is answered 303 to successUrl', async () => {
    const toss = await startToss(cleanups);
    const form = pageQuery({ orderId: 'order-form-0001' });
    form.set('method', 'kakaopay_money');
    form.set('outcome', 'approve');
    const response = await fetch(`${toss.url}/local/checkout`, { method: 'POST', body: form, redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('orderId')).toBe('order-form-0001');
    expect(toss.payment(location.searchParams.get('paymentKey')!)).toMatchObject({ status: 'IN_PROGRESS', method: '간편결제' });

    form.set('outcome', 'close');
    const closed = await fetch(`${toss.url}/local/checkout`, { method: 'POST', body: form, redirect: 'manual' });
    expect(closed.status).toBe(303);
    expect(new URL(closed.headers.get('location')!).searchParams.get('code')).toBe('PAY_PROCESS_CANCELED');
  });

  it('refuses a second authentication of an orderId already approved (DUPLICATED_ORDER_ID at failUrl); before approval a retry is allowed', async () => {
    const toss = await startToss(cleanups);
    const first = await authenticated(toss, { orderId: 'order-dup-0001', amount: 10_000 });
    const second = await authenticated(toss, { orderId: 'order-dup-0001', amount: 10_000 });
    expect(second).not.toBe(first);
    expect((await confirmCall(toss, { paymentKey: second, orderId: 'order-dup-0001', amount: 10_000 })).status).toBe(200);

    const again = (await checkout(toss, { orderId: 'order-dup-0001', amount: 10_000 })).redirectUrl!;
    expect(again.pathname).toBe('/pay/fail');
    expect(again.searchParams.get('code')).toBe('DUPLICATED_ORDER_ID');
    expect(again.searchParams.get('orderId')).toBe('order-dup-0001');
    // The earlier window of the same order can no longer be charged.
    expect((await confirmCall(toss, { paymentKey: first, orderId: 'order-dup-0001', amount: 10_000 })).json.code).toBe('DUPLICATED_ORDER_ID');
    expect(toss.approvals('order-dup-0001')).toBe(1);
  });

  it('the JSON form answers 400 with the code for a bad request or a missing method/outcome', async () => {
    const toss = await startToss(cleanups);
    expect((await checkout(toss, { orderId: 'order-bad', amount: 1000, clientKey: 'test_ck_nobody' })).body).toMatchObject({ code: 'INVALID_CLIENT_KEY' });
    const response = await fetch(`${toss.url}/local/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientKey: CLIENT_KEY, orderId: 'order-bad-0001', orderName: '커트', amount: 1000, successUrl: 'https://a.example/s', failUrl: 'https://a.example/f', method: 'bitcoin', outcome: 'approve' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
