import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatTime } from '../../../../src/shared/format';
import type { OverlapRefusal } from './overlap';

/** "겹쳐도 저장": the schedules already on that time, and the choice to save anyway (OPS-3). */
export function OverlapDialog({ refusal, timeZone, busy, onCancel, onConfirm }: { refusal: OverlapRefusal; timeZone: string; busy?: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <ConfirmDialog title="같은 시간에 일정이 있습니다" confirmLabel="겹쳐도 저장" busy={busy ?? false} onCancel={onCancel} onConfirm={onConfirm}>
      <p>{refusal.staffName ? `${refusal.staffName}님에게 이미 이 시간의 일정이 있습니다.` : '담당자에게 이미 이 시간의 일정이 있습니다.'}</p>
      <ul className="overlap-list" data-testid="overlap-conflicts">
        {refusal.conflicts.map((c) => (
          <li key={c.id}>
            <strong>
              {formatTime(c.startsAt, timeZone)}–{formatTime(c.endsAt, timeZone)}
            </strong>{' '}
            {c.customerName}
            {c.title ? ` · ${c.title}` : ''}
          </li>
        ))}
      </ul>
      <p className="muted">그래도 저장하면 두 일정이 같은 시간에 겹쳐 보입니다.</p>
    </ConfirmDialog>
  );
}
