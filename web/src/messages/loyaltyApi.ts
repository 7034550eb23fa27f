import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { CustomerGrade, CustomerTag } from '../types';

/** Lists answer `{ items }`; a bare array is accepted too. */
export const itemsOf = <T,>(res: { items: T[] } | T[]): T[] => (Array.isArray(res) ? res : res.items);

export const loyaltyKeys = {
  grades: ['customer-grades'] as const,
  tags: ['customer-tags'] as const,
  groups: ['customer-groups'] as const,
  posKeys: ['pos-keys'] as const,
  visits: (customerId: string) => ['customer-visits', customerId] as const,
};

export const useCustomerGrades = () =>
  useQuery({
    queryKey: loyaltyKeys.grades,
    queryFn: () =>
      api
        .get<{ items: CustomerGrade[] } | CustomerGrade[]>('/api/customer-grades')
        .then((res) => itemsOf(res).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ko'))),
    staleTime: 60_000,
  });

export const useCustomerTags = () =>
  useQuery({
    queryKey: loyaltyKeys.tags,
    queryFn: () =>
      api.get<{ items: CustomerTag[] } | CustomerTag[]>('/api/customer-tags').then((res) => itemsOf(res).sort((a, b) => a.name.localeCompare(b.name, 'ko'))),
    staleTime: 60_000,
  });

export const useCustomerGroups = () =>
  useQuery({
    queryKey: loyaltyKeys.groups,
    queryFn: () => api.get<{ regular: number; prospective: number; first: number }>('/api/customer-groups'),
  });
