import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { meQueryKey } from '../../auth';
import type { Business, Me } from '../../types';

/** PATCH /api/business and keep the session's copy of the business in step. */
export function useBusinessUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<Omit<Business, 'id'>> & { disconnectNaver?: boolean; unlinkNaverProducts?: boolean }) => api.patch<Business>('/api/business', changes),
    onSuccess: (business) => {
      queryClient.setQueryData(['business'], business);
      queryClient.setQueryData<Me>(meQueryKey, (me) => (me ? { ...me, business } : me));
      queryClient.invalidateQueries({ queryKey: ['calendar'] });
      // The Naver connection reports whether the service type allows it and whether departments are on.
      queryClient.invalidateQueries({ queryKey: ['naver-connection'] });
    },
  });
}
