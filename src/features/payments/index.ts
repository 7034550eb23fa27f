// The payments feature's public face (PAY-1 … PAY-4): the only file other features, the app and the tools import.
export { describeBookingPayments, paymentBookingHooks } from './booking-hooks.ts';
export { default as paymentRoutes } from './routes.ts';
export { preparePaymentQueues, startPaymentWorkers } from './workers.ts';
export { LOCAL_TOSS_URL, setLocalTossStarter, type LocalTossMerchant, type LocalTossStarter } from './provider/connect.ts';
export { createTossClient, TOSS_API_URL } from './provider/toss.ts';
export { PaymentProviderError, type PaymentProvider, type ProviderPayment } from './provider/types.ts';
export { savePaymentSettings } from './use-cases/payment-settings.ts';
export { sweepPayments } from './use-cases/sweep.ts';
export { platformInstrumentsCommand } from './cli.ts';
export { cancelPaymentOnly } from './use-cases/request-refund.ts';
export { confirmCheckout } from './use-cases/confirm-checkout.ts';
export { createCheckout } from './use-cases/create-checkout.ts';
export { processRefund } from './use-cases/process-refund.ts';
export { registerRefundHook, type RefundHook, type RefundSucceeded } from './refund-hooks.ts';
export { bookingOfOrder, countPayments, findPrepaidProduct, refundsOfBooking } from './use-cases/lookups.ts';
