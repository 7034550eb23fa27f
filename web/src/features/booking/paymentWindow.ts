import { localCheckoutUrl, paymentReturnUrls, tossMobilePhone, type PendingCheckout } from './checkout';

/**
 * Opens the payment window of a pending order: the local test payment
 * server's page (a plain redirect), or Toss's own SDK, loaded only now so
 * that neither the booking page's chunk nor anyone who never pays carries it.
 * Both come back to /book/pay/success or /book/pay/fail. The promise rejects
 * with the SDK's error ({ code, message }) when the window cannot open or
 * the customer closes Toss's iframe (desktop) without paying.
 */
export async function openPaymentWindow(pending: PendingCheckout): Promise<void> {
  const { successUrl, failUrl } = paymentReturnUrls(window.location.origin);
  const { provider } = pending;
  if (provider.kind === 'local') {
    window.location.assign(
      localCheckoutUrl(provider.checkoutUrl, {
        clientKey: provider.clientKey,
        orderId: pending.orderId,
        orderName: pending.orderName,
        amount: pending.amount,
        customerName: pending.customerName,
        successUrl,
        failUrl,
      }),
    );
    return;
  }
  const { loadTossPayments, ANONYMOUS } = await import('@tosspayments/tosspayments-sdk');
  const tossPayments = await loadTossPayments(provider.clientKey);
  const payment = tossPayments.payment({ customerKey: ANONYMOUS });
  await payment.requestPayment({
    method: 'CARD',
    amount: { currency: 'KRW', value: pending.amount },
    orderId: pending.orderId,
    orderName: pending.orderName,
    successUrl,
    failUrl,
    customerName: pending.customerName,
    customerMobilePhone: tossMobilePhone(pending.customerPhone),
  });
}

/** The SDK's refusal as { code, message }; anything else as an unknown one. */
export function paymentWindowError(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown } | null;
  return {
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN',
    message: typeof e?.message === 'string' && /[가-힣]/.test(e.message) ? e.message : '결제창을 열지 못했습니다. 잠시 후 다시 시도해 주세요.',
  };
}
