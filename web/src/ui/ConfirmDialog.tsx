import type { ReactNode } from 'react';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Paints the confirm button as destructive. */
  danger?: boolean;
  busy?: boolean;
  /** A server error from the confirmed action, shown in the dialog. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A confirmation in the app's own modal, for questions too long or too important for window.confirm. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = '취소', danger, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal title={title} onClose={busy ? () => {} : onCancel} width={420}>
      <div className="confirm-dialog" data-testid="confirm-dialog">
        <div className="confirm-body">{children}</div>
        {error && <p className="form-error">{error}</p>}
        <div className="form-actions">
          {/* A destructive question starts on the safe answer. */}
          <button type="button" className="btn" onClick={onCancel} disabled={busy} autoFocus={danger}>
            {cancelLabel}
          </button>
          <button type="button" className={`btn ${danger ? 'btn-danger-solid' : 'btn-primary'}`} onClick={onConfirm} disabled={busy} autoFocus={!danger}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </Modal>
  );
}
