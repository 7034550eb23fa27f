import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

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
