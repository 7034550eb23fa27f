import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import type { Me } from '../../api/models';

/** PATCH /api/business and keep the session's copy of the business in step. */
export function useBusinessUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Body<'/api/business', 'patch'>) => api.patch('/api/business', { body: changes }),
    onSuccess: (business) => {
      queryClient.setQueryData(keys.business, business);
      queryClient.setQueryData<Me>(keys.me, (me) => (me ? { ...me, business } : me));
      queryClient.invalidateQueries({ queryKey: keys.calendar.all });
      // The Naver connection reports whether the service type allows it and whether departments are on.
      queryClient.invalidateQueries({ queryKey: keys.naverConnection });
    },
  });
}
