import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useCurrentMe } from '../auth/auth';
import { formatDateTitle } from '../../../../src/shared/format';
import { todayKey } from '../../../../src/shared/time';
import { CONFIRMATION_MODE_LABELS } from '../../../../src/shared/labels/products';
import { usePartnerSummary } from './queries';

/** 파트너센터 홈: what needs the shop's attention today (BOOK-10, BOOK-11). */
export function PartnerHome() {
  const me = useCurrentMe();
  const summary = usePartnerSummary();
  const today = todayKey(me.business.timeZone);

  const cards = [
    {
      key: 'unanswered',
      title: '미답변 문의',
      count: summary.data?.unansweredInquiries,
      to: '/partner/inquiries?status=unanswered',
      help: '예약페이지로 들어온 고객문의 중 아직 답변하지 않은 문의',
      urgent: true,
    },
    {
      key: 'pending',
      title: '확정대기 예약',
      count: summary.data?.pendingBookings,
      to: '/partner/bookings?status=pending',
      help: `${CONFIRMATION_MODE_LABELS.approval} 상품의 예약: 확정하거나 거절해 주세요`,
      urgent: true,
    },
    {
      key: 'today',
      title: '오늘 예약',
      count: summary.data?.todayBookings,
      to: `/partner/bookings?from=${today}&to=${today}`,
      help: `${formatDateTitle(today)} 이용 예약 (취소·거절 제외)`,
      urgent: false,
    },
  ];

  return (
    <div className="partner-home">
      <div className="page-header">
        <h1>홈</h1>
      </div>
      {summary.isError && <p className="form-error">{errorMessage(summary.error)}</p>}
      <div className="partner-cards">
        {cards.map((card) => (
          <Link
            key={card.key}
            to={card.to}
            className={`partner-stat${card.urgent && (card.count ?? 0) > 0 ? ' attention' : ''}`}
            data-testid={`partner-stat-${card.key}`}
          >
            <span className="partner-stat-title">{card.title}</span>
            <span className="partner-stat-count">
              <strong data-testid="partner-stat-count">{card.count === undefined ? '–' : card.count.toLocaleString('ko-KR')}</strong>건
            </span>
            <span className="partner-stat-help">{card.help}</span>
          </Link>
        ))}
      </div>
    </div>
  );
}
