import type { CustomerGroup } from '../../api/models';
import { GROUP_LABELS } from '../messages/labels';
import './loyalty.css';

/** 단골 · 예비 단골 · 첫 적립 (MSG-2) as small badges next to a customer's name. */
export function GroupBadges({ groups }: { groups: CustomerGroup[] | undefined }) {
  if (!groups || groups.length === 0) return null;
  return (
    <>
      {groups.map((group) => (
        <span key={group} className={`badge customer-group customer-group-${group}`} data-testid="customer-group">
          {GROUP_LABELS[group] ?? group}
        </span>
      ))}
    </>
  );
}
