import { useQuery } from '@tanstack/react-query';
import { ApiError, api, request, type Method } from '../api';
import type { Draft, Message, MessageTemplate, Page } from './types';

/** Writes of the messages section. */
export function send<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

/**
 * The server's field errors keyed by path ("content.coupon.giftName" → also
 * "coupon.giftName" and "giftName"), so a form can look its fields up by the
 * shortest name it knows.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  const details = error.details as { fields?: { path: string; message: string }[]; path?: string; field?: string } | undefined;
  // Every suffix ("giftName") and every prefix ("content", "settings.performance") of the path finds the message.
  const add = (path: string, message: string) => {
    const parts = path.split('.').filter(Boolean);
    for (let i = 0; i < parts.length; i += 1) {
      out[parts.slice(i).join('.')] ??= message;
      out[parts.slice(0, i + 1).join('.')] ??= message;
    }
  };
  for (const field of details?.fields ?? []) add(field.path, field.message);
  if (typeof details?.path === 'string') add(details.path, error.message);
  if (typeof details?.field === 'string') add(details.field, error.message);
  return out;
}

export const messageKeys = {
  all: ['messages'] as const,
  list: ['messages', 'list'] as const,
  templates: ['messages', 'templates'] as const,
  draft: ['messages', 'draft'] as const,
  message: (id: string) => ['messages', 'one', id] as const,
  recipients: (id: string) => ['messages', 'recipients', id] as const,
  report: (id: string) => ['messages', 'report', id] as const,
};

/** Templates as the server lists them; default title/body may be named either way. */
function normalizeTemplate(raw: Record<string, unknown>): MessageTemplate {
  const pick = <T,>(...keys: string[]) => keys.map((k) => raw[k]).find((v) => v !== undefined && v !== null) as T | undefined;
  return {
    key: String(pick('key', 'templateKey') ?? ''),
    name: String(pick('name', 'label') ?? ''),
    description: pick<string>('description', 'summary'),
    title: pick<string>('defaultTitle', 'title') ?? '',
    body: pick<string>('defaultBody', 'body') ?? '',
    coupon: pick('suggestedCoupon', 'coupon', 'defaultCoupon') ?? null,
    validity: pick('suggestedValidity', 'validity', 'defaultValidity') ?? null,
    group: pick('suggestedGroup') ?? null,
  };
}

export const useTemplates = () =>
  useQuery({
    queryKey: messageKeys.templates,
    queryFn: () =>
      api
        .get<{ items: Record<string, unknown>[] } | Record<string, unknown>[]>('/api/messages/templates')
        .then((res) => (Array.isArray(res) ? res : res.items).map(normalizeTemplate)),
    staleTime: 5 * 60_000,
  });

/** The one draft of the business, or null (an empty answer or a 404 both mean none). */
export const useDraft = () =>
  useQuery({
    queryKey: messageKeys.draft,
    queryFn: async () => {
      try {
        const res = await api.get<{ draft?: unknown } | null>('/api/messages/draft');
        return draftOf(res && 'draft' in res ? res.draft : res);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

/** The draft reads back as it was saved: { content, audience, settings, savedAt }. */
function draftOf(raw: unknown): Draft | null {
  if (!raw || typeof raw !== 'object') return null;
  const draft = raw as { content?: Draft['content'] | null; audience?: Draft['audience']; settings?: Draft['settings']; savedAt?: string | null };
  if (!draft.content || typeof draft.content !== 'object') return null;
  return { content: draft.content, audience: draft.audience ?? null, settings: draft.settings ?? null, savedAt: draft.savedAt ?? null };
}

export const useMessage = (id: string, refetchInterval?: (message: Message | undefined) => number | false) =>
  useQuery({
    queryKey: messageKeys.message(id),
    queryFn: () => api.get<Message>(`/api/messages/${id}`),
    enabled: id !== '',
    refetchInterval: refetchInterval ? (query) => refetchInterval(query.state.data) : undefined,
  });

export const listMessages = (limit: number, offset: number) => api.get<Page<Message>>(`/api/messages?limit=${limit}&offset=${offset}`);
