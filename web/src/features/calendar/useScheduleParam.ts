import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The schedule drawer is addressed by `?schedule=<id>` so it survives reloads and can be linked. */
export function useScheduleParam() {
  const [searchParams, setSearchParams] = useSearchParams();
  const scheduleId = searchParams.get('schedule');

  const openSchedule = useCallback(
    (id: string) =>
      setSearchParams((params) => {
        params.set('schedule', id);
        return params;
      }),
    [setSearchParams],
  );

  const closeSchedule = useCallback(
    () =>
      setSearchParams((params) => {
        params.delete('schedule');
        return params;
      }),
    [setSearchParams],
  );

  return { scheduleId, openSchedule, closeSchedule };
}
