import { bookingScheduleHooks, registerBookingHooks, registerBookingPaymentDescriber } from '../features/bookings/index.ts';
import { registerCustomerGroupMembers, registerCustomerGroups, registerCustomerHistoryMoved } from '../features/customers/index.ts';
import { groupMemberQuery, groupsOfCustomers, loyaltyBookingHooks, loyaltyScheduleHooks, refreshCustomerFacts, registerPosCouponRedeemer } from '../features/loyalty/index.ts';
import { messagingBookingHooks, messagingPosCouponRedeemer, messagingRefundHook, messagingScheduleHooks } from '../features/messaging/index.ts';
import { naverBusinessChangeCheck, naverScheduleHooks } from '../features/naver/index.ts';
import { describeBookingPayments, paymentBookingHooks, registerRefundHook } from '../features/payments/index.ts';
import { registerScheduleHooks } from '../features/schedules/index.ts';
import { registerBusinessChangeCheck } from '../features/settings/index.ts';

/**
 * The cross-feature reactions, registered at assembly: the feature that
 * reacts owns the hook, the feature that changes only runs what is
 * registered, inside its transaction. Registering twice replaces (by name).
 */
export function registerHooks(): void {
  registerBusinessChangeCheck('naver', naverBusinessChangeCheck);
  registerScheduleHooks('naver', naverScheduleHooks);
  registerScheduleHooks('bookings', bookingScheduleHooks);
  registerScheduleHooks('loyalty', loyaltyScheduleHooks);
  registerBookingHooks('loyalty', loyaltyBookingHooks);
  registerBookingHooks('payments', paymentBookingHooks);
  registerBookingPaymentDescriber(describeBookingPayments);
  registerCustomerGroups(groupsOfCustomers);
  registerCustomerGroupMembers(groupMemberQuery);
  registerCustomerHistoryMoved(refreshCustomerFacts);
  registerPosCouponRedeemer(messagingPosCouponRedeemer);
  registerScheduleHooks('messaging', messagingScheduleHooks);
  registerBookingHooks('messaging', messagingBookingHooks);
  registerRefundHook('messaging', messagingRefundHook);
}
