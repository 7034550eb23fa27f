import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

type ToastKind = 'error' | 'success' | 'info';
interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
}

type ShowToast = (message: string, kind?: ToastKind) => void;

const ToastContext = createContext<ShowToast>(() => {});

export function useToast(): ShowToast {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setItems((current) => current.filter((item) => item.id !== id)), []);

  const show = useCallback<ShowToast>(
    (message, kind = 'info') => {
      const id = nextId.current++;
      setItems((current) => [...current, { id, kind, message }]);
      window.setTimeout(() => dismiss(id), kind === 'error' ? 6000 : 3000);
    },
    [dismiss],
  );

  const value = useMemo(() => show, [show]);
  const stackRef = useRef<HTMLDivElement>(null);
  // Shown again on every new toast: the latest top-layer element is drawn above a modal dialog opened before it.
  useEffect(() => {
    const stack = stackRef.current;
    if (!stack?.showPopover) return;
    if (stack.matches(':popover-open')) stack.hidePopover();
    stack.showPopover();
  }, [items]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toast-stack" role="status" aria-live="polite" popover="manual" ref={stackRef}>
        {items.map((item) => (
          <div key={item.id} className={`toast toast-${item.kind}`} data-testid="toast" onClick={() => dismiss(item.id)}>
            {item.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
