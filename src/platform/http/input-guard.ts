/**
 * QUAL-3: the checks every request value passes before any route sees it,
 * whatever its schema says. PostgreSQL refuses a NUL character in text, a
 * lone UTF-16 surrogate cannot be stored as UTF-8 (it turns into U+FFFD
 * silently), and a body nested thousands of levels deep overflows the stack
 * of whatever walks it next (zod, JSON serialisation). Pure: the app runs it
 * over the parsed JSON body, the path parameters and the query string.
 */

export const INPUT_LIMITS = {
  /** Nesting of arrays and objects; the deepest real body (a product with schedules × prices) needs 6. */
  maxDepth: 32,
  /** Values in one body (objects, arrays, strings, numbers …); a bulk stock edit of 6 months × 24 slots stays far below. */
  maxNodes: 100_000,
  /** Characters in one string; the longest real field (an LMS text, a place's introduction) is a few thousand. */
  maxStringLength: 20_000,
} as const;

export type InputProblemKind = 'nul' | 'surrogate' | 'depth' | 'nodes' | 'string_length';

export interface InputProblem {
  kind: InputProblemKind;
  /** Where, as `lines.0.startsAt` (the same path style as the validation errors); '' for the value itself. */
  path: string;
}

export type InputLimits = { readonly maxDepth: number; readonly maxNodes: number; readonly maxStringLength: number };

function stringProblem(value: string, limits: InputLimits): InputProblemKind | null {
  if (value.length > limits.maxStringLength) return 'string_length';
  if (value.includes('\u0000')) return 'nul';
  if (!value.isWellFormed()) return 'surrogate';
  return null;
}

/**
 * The first problem in a JSON-like value, or null. Walks with an explicit
 * stack, so a hostile depth cannot overflow this walk either. Object keys
 * are checked like strings (a key ends up in jsonb or in an error path).
 */
export function findInputProblem(value: unknown, limits: InputLimits = INPUT_LIMITS): InputProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    nodes += 1;
    if (nodes > limits.maxNodes) return { kind: 'nodes', path: '' };
    const v = item.value;
    if (typeof v === 'string') {
      const kind = stringProblem(v, limits);
      if (kind) return { kind, path: item.path };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= limits.maxDepth) return { kind: 'depth', path: item.path };
    const join = (key: string) => (item.path ? `${item.path}.${key}` : key);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(String(i)), depth: item.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const keyKind = stringProblem(key, limits);
      if (keyKind) return { kind: keyKind, path: join(key.isWellFormed() && !key.includes('\u0000') ? key : '?') };
      stack.push({ value: (v as Record<string, unknown>)[key], path: join(key), depth: item.depth + 1 });
    }
  }
  return null;
}

/** The Korean sentence for a problem (the field's path is reported beside it). */
export function inputProblemMessage(problem: InputProblem, limits: InputLimits = INPUT_LIMITS): string {
  switch (problem.kind) {
    case 'nul':
      return `쓸 수 없는 문자(NUL, \\u0000)가 들어 있습니다.`;
    case 'surrogate':
      return `깨진 문자(짝이 맞지 않는 UTF-16 문자)가 들어 있습니다.`;
    case 'string_length':
      return `글자가 너무 많습니다 (최대 ${limits.maxStringLength.toLocaleString('ko-KR')}자).`;
    case 'depth':
      return `요청 본문이 너무 깊게 중첩되어 있습니다 (최대 ${limits.maxDepth}단계).`;
    case 'nodes':
      return `요청 본문의 항목이 너무 많습니다 (최대 ${limits.maxNodes.toLocaleString('ko-KR')}개).`;
  }
}
