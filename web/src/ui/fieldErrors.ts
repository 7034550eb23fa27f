import { ApiError, errorMessage } from '../api/client';

/**
 * The server's field errors of a refused request, looked up by field: every
 * form finds its fields' messages the same way. A refusal names fields in
 * `details.fields` ([{ path, message }], the shape of VALIDATION_FAILED),
 * a rule may name one `details.path` (or `details.field`) with the error's
 * own message, and a form may tie codes that name no path to a field.
 *
 * A field named `phone` shows the messages whose path, list indices left
 * out, begins or ends with it: `customer.phone`, `phone.0`; so `weeklyHours`
 * finds `operatingPeriods[0].weeklyHours.1` and `coupon.giftName` finds
 * `content.coupon.giftName`.
 */
export interface FieldErrors {
  /** The first message for the field `name` (a path such as `customer.phone`), if any. */
  get(name: string): string | undefined;
  /** The same lookup as a record: every leading and trailing part of every path → its first message. */
  readonly byName: Readonly<Record<string, string>>;
  /** Every distinct message, in the server's order. */
  readonly messages: readonly string[];
}

interface NamedError {
  path: string;
  message: string;
}

export const noFieldErrors: FieldErrors = { get: () => undefined, byName: {}, messages: [] };

/** "operatingPeriods[0].weeklyHours.1" → "operatingPeriods.weeklyHours" */
export function normalizePath(path: string): string {
  return path
    .split(/[.[\]]/)
    .filter((part) => part !== '' && !/^\d+$/.test(part))
    .join('.');
}

/** "a.b.c" → a, a.b, a.b.c, b.c, c: the names a field of that path may have. */
function namesOf(path: string): string[] {
  const parts = path.split('.').filter(Boolean);
  const names: string[] = [];
  for (let i = 0; i < parts.length; i += 1) names.push(parts.slice(0, i + 1).join('.'), parts.slice(i).join('.'));
  return names;
}

/** zod's English messages are not for a user; Korean ones are shown as they are. */
export function readableMessage(message: string): string {
  return /[가-힣]/.test(message) ? message : '올바른 값을 입력하세요.';
}

export function fieldErrorsOf(error: unknown, codeFields: Readonly<Record<string, string>> = {}): FieldErrors {
  if (!(error instanceof ApiError)) return noFieldErrors;
  const details = error.details as { fields?: unknown; path?: unknown; field?: unknown } | null | undefined;
  const named: NamedError[] = [];
  if (Array.isArray(details?.fields)) {
    for (const field of details.fields as Partial<NamedError>[]) {
      if (typeof field?.path === 'string') named.push({ path: normalizePath(field.path), message: readableMessage(String(field.message ?? '')) });
    }
  }
  for (const path of [details?.path, details?.field]) {
    if (typeof path === 'string') named.push({ path: normalizePath(path), message: error.message });
  }
  const byCode = codeFields[error.code];
  if (byCode) named.push({ path: byCode, message: error.message });
  const byName: Record<string, string> = {};
  for (const entry of named) for (const name of namesOf(entry.path)) byName[name] ??= entry.message;
  return {
    get: (name) => byName[normalizePath(name)],
    byName,
    messages: [...new Set(named.map((entry) => entry.message))],
  };
}

/** The message above a form: a VALIDATION_FAILED names English paths, so say the fields' own messages instead. */
export function formMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
    const { messages } = fieldErrorsOf(error);
    if (messages.length > 0) return messages.join(' ');
  }
  return errorMessage(error);
}
