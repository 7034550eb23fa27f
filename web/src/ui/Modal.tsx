import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  width?: number;
}

/** What an error looks like in a form: the form's line, a field's line. */
const ERRORS = '.form-error, .field-error-text';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the browser's own <dialog>: shown with showModal(), so the
 * page behind is inert; Tab stays inside, Escape and a click on the backdrop
 * ask the owner to close, and on closing the focus goes back where it was.
 * A long form scrolls inside the box under a header and buttons that stay in
 * view (an 800 px laptop screen), and an error that appears anywhere in it
 * (the form's own, a field's) is scrolled into view, so a refused save never
 * looks like a button that did nothing.
 */
export function Modal({ title, onClose, children, width = 440 }: ModalProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  // The content mounts once the dialog is open, so a control's autoFocus lands inside it.
  const [open, setOpen] = useState(false);

  useLayoutEffect(() => {
    const dialog = dialogRef.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let closing = false;
    dialog.showModal();
    setOpen(true);
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    // Chromium closes a dialog on a second Escape even when the first was refused: the owner decides, so show it again.
    const onNativeClose = () => {
      if (!closing && dialog.isConnected) dialog.showModal();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      closing = true;
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.contains(document.activeElement)) dialog.focus({ preventScroll: true });
  }, [open]);

  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const body = bodyRef.current;
    if (!open || !body) return;
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          const error = node instanceof HTMLElement ? (node.matches(ERRORS) ? node : node.querySelector<HTMLElement>(ERRORS)) : null;
          if (error) return error.scrollIntoView({ block: 'nearest' });
        }
      }
    });
    observer.observe(body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [open]);

  function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.offsetParent !== null);
    if (focusable.length === 0) return event.preventDefault();
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !event.currentTarget.contains(active) || active === event.currentTarget)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || active === event.currentTarget)) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="modal-dialog"
      aria-label={title}
      tabIndex={-1}
      onKeyDown={trapTab}
      // The dialog fills the viewport around its box: a press on it, not on the box, is on the backdrop.
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      {open && (
        <div className="modal" style={{ width }}>
          <div className="modal-header">
            <h2>{title}</h2>
            <button type="button" className="icon-btn" aria-label="닫기" onClick={onClose}>
              ✕
            </button>
          </div>
          <div className="modal-body" ref={bodyRef}>
            {children}
          </div>
        </div>
      )}
    </dialog>
  );
}
