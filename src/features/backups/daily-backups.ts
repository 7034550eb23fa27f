import { listBackups } from './backup-files.ts';
import type { BackupService } from './backup-service.ts';
import { formatBytes } from './domain/format-bytes.ts';
import { isDailyBackupDue } from './domain/rotation.ts';

/**
 * The daily automatic backup: every `checkEveryMs` (10 minutes) it looks for
 * an automatic backup dated today (KST) and makes one if there is none, so
 * a product that runs all the time backs up just after midnight KST and one
 * started later in the day backs up within `firstCheckMs`. After a failure
 * it waits an hour before trying again (the failure is on the settings page).
 */
export function startDailyBackups(
  service: BackupService,
  options: { checkEveryMs?: number; firstCheckMs?: number; retryAfterFailureMs?: number } = {},
): { stop(): Promise<void>; check(): Promise<void> } {
  const { checkEveryMs = 10 * 60_000, firstCheckMs = 60_000, retryAfterFailureMs = 60 * 60_000 } = options;
  const now = service.now;
  let lastFailure = -Infinity;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  async function check(): Promise<void> {
    const at = now();
    if (!isDailyBackupDue(listBackups(service.dataDir), at) || at.getTime() - lastFailure < retryAfterFailureMs) return;
    try {
      const result = await service.run('auto');
      console.log(`[backup] 자동 백업을 만들었습니다: ${result.file}, ${formatBytes(result.sizeBytes)}`);
    } catch (error) {
      lastFailure = now().getTime();
      console.error(`[backup] 자동 백업에 실패했습니다: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const tick = () => {
    running = check().finally(() => {
      running = null;
      if (!stopped) schedule(checkEveryMs);
    });
  };
  // unref: a pending check never keeps the process alive on its own.
  const schedule = (ms: number) => (timer = setTimeout(tick, ms).unref());
  schedule(firstCheckMs);

  return {
    check,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
