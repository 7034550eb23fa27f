import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/keys';
import type { Message } from '../../api/models';
import { draftOf } from './compose/model';

export const useTemplates = () =>
  useQuery({
    queryKey: keys.messages.templates,
    queryFn: () => api.get('/api/messages/templates').then((res) => res.items),
    staleTime: 5 * 60_000,
  });

/** The one draft of the business, or null. */
export const useDraft = () =>
  useQuery({
    queryKey: keys.messages.draft,
    queryFn: () => api.get('/api/messages/draft').then((res) => draftOf(res.draft)),
  });

export const useMessage = (id: string, refetchInterval?: (message: Message | undefined) => number | false) =>
  useQuery({
    queryKey: keys.messages.one(id),
    queryFn: () => api.get('/api/messages/{id}', { path: { id } }),
    enabled: id !== '',
    refetchInterval: refetchInterval ? (query) => refetchInterval(query.state.data) : undefined,
  });

export const listMessages = (limit: number, offset: number) => api.get('/api/messages', { query: { limit, offset } });
