import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatTime } from '../../../../src/shared/format';
import type { ScheduleRefusal } from './overlap';

/**
 * "겹쳐도 저장" (OPS-3: the schedules already on that time) or "그래도 저장"
 * (OPS-2: the staff's 휴무·휴가·외근 or time outside their hours): the choice
 * to save a refused schedule anyway.
 */
export function OverlapDialog({ refusal, timeZone, busy, onCancel, onConfirm }: { refusal: ScheduleRefusal; timeZone: string; busy?: boolean; onCancel: () => void; onConfirm: () => void }) {
  if (refusal.kind === 'absent') {
    return (
      <ConfirmDialog title="휴무 시간에 저장할까요?" confirmLabel="그래도 저장" busy={busy ?? false} onCancel={onCancel} onConfirm={onConfirm}>
        <p data-testid="absent-reason">{refusal.reason}</p>
        <p className="muted">저장하면 담당자가 쉬는 시간에 일정이 잡힙니다. 담당자와 먼저 확인해 주세요.</p>
      </ConfirmDialog>
    );
  }
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
