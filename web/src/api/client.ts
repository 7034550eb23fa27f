import createClient from 'openapi-fetch';
import type { paths } from './schema.gen';

/**
 * The web's one HTTP client: typed by the server's own OpenAPI document
 * (schema.gen.ts, `npm run gen:api`), so a path, a parameter, a body or a
 * reply field the server does not have is a type error here. Every call sends
 * the session cookie and JSON, answers the reply's JSON, and turns any
 * refusal into an ApiError with the server's code, message and details.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** The server's `details`: field paths of VALIDATION_FAILED, a rule's path and figures. */
  readonly details: unknown;

  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** The app installs a router-aware handler so any 401 leads to the login page. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '알 수 없는 오류가 발생했습니다.';
}

const NETWORK_MESSAGE = '서버에 연결할 수 없습니다. 잠시 후 다시 시도하세요.';

/** The error a failed answer stands for: the server's own `{ error: { code, message, details } }` when it sent one. */
function errorFromReply(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (status === 401) onUnauthorized();
  return new ApiError(error?.code ?? `HTTP_${status}`, error?.message ?? `요청을 처리하지 못했습니다. (${status})`, status, error?.details);
}

const networkError = () => new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0);

/** Empty query values ('' from a cleared search box) are left out, as if not given. */
function serializeQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  return search.toString();
}

const client = createClient<paths>({ credentials: 'same-origin', headers: { Accept: 'application/json' }, querySerializer: serializeQuery });

// ---------------------------------------------------------------- the types of the contract

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathOf<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, object> ? P : never }[keyof paths];
type Operation<P extends keyof paths, M extends Method> = paths[P][M];
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
type SuccessCodes = 200 | 201 | 202 | 204;

/** The JSON a successful call of `M path` answers. */
export type Reply<P extends PathOf<M>, M extends Method = 'get'> = Json<Operation<P, M> extends { responses: infer R } ? R[SuccessCodes & keyof R] : never>;

/** The JSON body `M path` takes. */
export type Body<P extends PathOf<M>, M extends Method> = Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters `M path` takes. */
export type Query<P extends PathOf<M>, M extends Method = 'get'> = NonNullable<Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never>;

type PathPart<O> = O extends { parameters: { path: infer X } } ? { path: X } : { path?: undefined };
type QueryPart<O> = O extends { parameters: { query: infer X } } ? { query: X } : O extends { parameters: { query?: infer X } } ? { query?: X } : { query?: undefined };
type BodyPart<O> = [NonNullable<O extends { requestBody?: infer B } ? B : never>] extends [never]
  ? { body?: undefined }
  : O extends { requestBody: { content: { 'application/json': infer B } } }
    ? { body: B }
    : O extends { requestBody?: { content: { 'application/json': infer B } } }
      ? { body?: B }
      : { body?: undefined };
type Init<O> = PathPart<O> & QueryPart<O> & BodyPart<O>;
type Args<O> = {} extends Init<O> ? [init?: Init<O>] : [init: Init<O>];

async function send(method: Uppercase<Method>, path: string, init: { path?: object; query?: object; body?: unknown } = {}): Promise<unknown> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await client.request(method.toLowerCase() as 'get', path as '/api/auth/me', {
      params: { path: init.path, query: init.query },
      body: init.body,
    } as never);
  } catch {
    throw networkError();
  }
  if (!result.response.ok) throw errorFromReply(result.response.status, result.error);
  return result.data ?? null;
}

function caller<M extends Method>(method: M) {
  // The arguments are read as a plain tuple: spelling out Args over every path of the contract is a union TypeScript gives up on (TS2590).
  return <P extends PathOf<M>>(path: P, ...args: Args<Operation<P, M>>): Promise<Reply<P, M>> =>
    send(method.toUpperCase() as Uppercase<Method>, path as string, (args as unknown[])[0] as { path?: object; query?: object; body?: unknown } | undefined) as Promise<Reply<P, M>>;
}

/** `api.get('/api/customers/{id}', { path: { id } })`: the path as the server declares it, its parameters and body typed. */
export const api = {
  get: caller('get'),
  post: caller('post'),
  put: caller('put'),
  patch: caller('patch'),
  delete: caller('delete'),
};

/**
 * A multipart upload with progress 0..1 (fetch cannot report it), answered and
 * refused like every other call. `tooLarge` words a 413 the server itself did
 * not answer (a proxy's size limit).
 */
export function upload<P extends PathOf<'post'>>(
  path: P,
  params: PathPart<Operation<P, 'post'>>,
  form: FormData,
  options: { onProgress?: (fraction: number) => void; tooLarge?: { code: string; message: string } } = {},
): Promise<Reply<P, 'post'>> {
  const values = (params.path ?? {}) as Record<string, string>;
  const url = (path as string).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as Reply<P, 'post'>);
      else if (xhr.status === 413 && options.tooLarge && !(data as { error?: unknown } | null)?.error) reject(new ApiError(options.tooLarge.code, options.tooLarge.message, 413));
      else reject(errorFromReply(xhr.status, data));
    };
    xhr.onerror = () => reject(networkError());
    xhr.send(form);
  });
}
