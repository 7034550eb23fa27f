import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/keys';

export const useCustomerGrades = () =>
  useQuery({
    queryKey: keys.loyalty.grades,
    queryFn: () => api.get('/api/customer-grades').then((res) => res.items.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ko'))),
    staleTime: 60_000,
  });

export const useCustomerTags = () =>
  useQuery({
    queryKey: keys.loyalty.tags,
    queryFn: () => api.get('/api/customer-tags').then((res) => res.items.sort((a, b) => a.name.localeCompare(b.name, 'ko'))),
    staleTime: 60_000,
  });

export const useCustomerGroups = () => useQuery({ queryKey: keys.loyalty.groups, queryFn: () => api.get('/api/customer-groups') });
