import { MESSAGE_STATUS_SHORT_LABELS, RECIPIENT_STATUS_LABELS } from './labels';
import type { Message, RecipientStatus } from '../../api/models';

/** A scheduled message whose time has come is about to go: the dispatch job picks it up within seconds. */
export const isDue = (message: Pick<Message, 'status' | 'sendAt'>) => message.status === 'scheduled' && Date.parse(message.sendAt) <= Date.now();

export function MessageStatusBadge({ message }: { message: Pick<Message, 'status' | 'statusLabel' | 'sendAt'> }) {
  if (isDue(message)) {
    return (
      <span className="badge msg-st msg-st-sending" data-testid="message-status" data-status="scheduled">
        발송 준비 중
      </span>
    );
  }
  // The short word in the badge, the server's full label in its title.
  return (
    <span className={`badge msg-st msg-st-${message.status}`} title={message.statusLabel} data-testid="message-status" data-status={message.status}>
      {MESSAGE_STATUS_SHORT_LABELS[message.status]}
    </span>
  );
}

export function RecipientStatusBadge({ status, label }: { status: RecipientStatus; label?: string }) {
  return (
    <span className={`badge msg-rst msg-rst-${status}`} data-testid="recipient-status">
      {label ?? RECIPIENT_STATUS_LABELS[status] ?? status}
    </span>
  );
}
