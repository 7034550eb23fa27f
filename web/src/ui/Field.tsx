import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  /** The field's error: the form's own check, or the server's (`fieldErrorsOf(error).get(name)`). */
  error?: string;
  help?: ReactNode;
  /** The booking page's larger phone-sized look; the app's otherwise. */
  tone?: 'app' | 'booking';
  className?: string;
  /** data-testid of the error line, for tests that look for one field's error. */
  errorTestId?: string;
  /** One control (input, select, textarea); it gets the label's id and is described by the help or the error. */
  children: ReactNode;
}

const TONES = {
  app: { field: 'field', invalid: 'field-invalid', error: 'field-error-text', help: 'muted field-help' },
  booking: { field: 'bk-field', invalid: 'bk-field-invalid', error: 'bk-field-error', help: 'bk-field-help' },
} as const;

/** A label, its control and the control's error or help, wired for screen readers the same way in every form. */
export function Field({ label, error, help, tone = 'app', className, errorTestId, children }: FieldProps) {
  const id = useId();
  const classes = TONES[tone];
  const noteId = error || help ? `${id}-note` : undefined;
  const control = isValidElement(children)
    ? cloneElement(children as ReactElement<Record<string, unknown>>, {
        id: (children.props as { id?: string }).id ?? id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': noteId,
      })
    : children;
  const controlId = isValidElement(children) ? ((children.props as { id?: string }).id ?? id) : undefined;

  return (
    <div className={[classes.field, error ? classes.invalid : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={controlId}>{label}</label>
      {control}
      {error ? (
        <p id={noteId} className={classes.error} role="alert" data-testid={errorTestId}>
          {error}
        </p>
      ) : (
        help && (
          <p id={noteId} className={classes.help}>
            {help}
          </p>
        )
      )}
    </div>
  );
}
