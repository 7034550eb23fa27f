/**
 * BOOK-7..11: what a user reads about bookings: their statuses and a
 * product's cancellation policy as sentences. Pure, imported by the server
 * (its replies send these words) and the web alike.
 */

export const BOOKING_STATUS_LABELS = {
  pending: '확정대기',
  confirmed: '예약확정',
  completed: '이용완료',
  cancelled: '취소',
  rejected: '거절',
} as const satisfies Record<string, string>;

/** One tier of a cancellation policy: until N hours before the usage starts, M% is refunded. */
export interface CancellationPolicyTier {
  hoursBefore: number;
  refundPercent: number;
}

/** "이용 24시간 전까지 100% 환불" lines for the booking page, latest deadline first. */
export function describeCancellationPolicy(policy: readonly CancellationPolicyTier[]): string[] {
  if (policy.length === 0) return ['이용 시작 전까지 취소할 수 있고, 전액 환불됩니다.'];
  const tiers = [...policy].sort((a, b) => b.hoursBefore - a.hoursBefore);
  const lines = tiers.map((t) => `이용 ${hoursLabel(t.hoursBefore)} 전까지 취소 시 ${t.refundPercent}% 환불`);
  lines.push(`이용 ${hoursLabel(tiers.at(-1)!.hoursBefore)} 전 이후에는 직접 취소할 수 없습니다. 업체에 문의해 주세요.`);
  return lines;
}

function hoursLabel(hours: number): string {
  if (hours === 0) return '시작';
  if (hours % 24 === 0) return `${hours / 24}일`;
  return `${hours}시간`;
}

/** OPS-8: the header row of the partner center's booking CSV. */
export const BOOKING_EXPORT_COLUMNS = [
  '예약번호',
  '상태',
  '예약자',
  '연락처',
  '장소',
  '상품',
  '이용일시',
  '인원/수량',
  '옵션',
  '결제 금액',
  '결제 방식',
  '결제 상태',
  '요청사항',
  '예약일시',
] as const;
