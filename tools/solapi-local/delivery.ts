import iconv from 'iconv-lite';
import { normalizePhone } from '../../src/shared/phone.ts';
import { solapiStatusMessage } from '../../src/features/messaging/index.ts';
import { digitsOf, type StoredGroup, type StoredMessage } from './records.ts';
import { createReportPoster } from './reports.ts';

/**
 * What happens to a sent group: after `delayMs` each message gets 3000
 * (이통사 접수) — or `failCode` for `failPhones`, 3010 for a number that is
 * not a valid Korean number — and, one more delay later, the carried ones
 * 4000 (수신 완료) and the group COMPLETE. Each status change is reported to
 * the webhook through the report poster (reports.ts).
 *
 * Kakao messages first go to "Kakao" (`kakaoFailure`): an 알림톡 (ATA)
 * without an APPROVED template of its channel fails 3105, a 브랜드 메시지
 * (BMS_FREE, targeting I) to a non-friend 3102. A failed ATA whose
 * kakaoOptions.disableSms is not true is then sent as an SMS (LMS over 90
 * bytes) instead, as Solapi does: the same message becomes type SMS/LMS with
 * `replacement: true` and goes on like any SMS (3000, 4000 or a carrier
 * failure). A BMS_FREE is not substituted here.
 */

export interface DeliveryOptions {
  /** The webhook with its token; null: statuses change, nothing is posted. */
  reportUrl: string | null;
  delayMs: number;
  /** Digits only. */
  failPhones: Set<string>;
  failCode: string;
  reportAttempts: number;
  reportRetryDelayMs: number;
  reportBatchSize: number;
  log: (line: string) => void;
  now: () => Date;
  /** Kakao's verdict on an ATA / BMS_FREE: a failure code, or null when Kakao takes it. */
  kakaoFailure: (m: StoredMessage) => string | null;
}

export interface Delivery {
  /** Starts the delivery of a group just sent; `sendable` are its messages registered 2000. */
  schedule(group: StoredGroup, sendable: StoredMessage[]): void;
  /** Reports posted, retried and dropped; `pending`: scheduled or queued but not posted yet. */
  stats(): { posted: number; retries: number; dropped: number; pending: number };
  /** Resolves when no report is scheduled, queued or being posted. */
  idle(timeoutMs?: number): Promise<void>;
  /** Cancels what is scheduled and stops posting. */
  stop(): void;
  /** false: no reports are posted from now on (statuses still change); true: posted again. */
  setReports(enabled: boolean): void;
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const { reportUrl, delayMs: delay, failPhones, failCode, log, now } = options;
  const closing = new AbortController();
  const reports = createReportPoster({
    url: reportUrl,
    attempts: options.reportAttempts,
    retryDelayMs: options.reportRetryDelayMs,
    batchSize: options.reportBatchSize,
    log,
    closing: closing.signal,
  });
  const timers = new Set<NodeJS.Timeout>();
  let scheduledReports = 0;

  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function outcomeFor(m: StoredMessage): string {
    if (m.type === 'ATA' || m.type === 'BMS_FREE' || m.type === 'CTA') {
      const failure = options.kakaoFailure(m);
      if (failure) {
        if (m.type !== 'ATA' || m.kakaoOptions?.disableSms === true) return failure;
        m.replacement = true;
        m.type = iconv.encode(m.text, 'euc-kr').length > 90 ? 'LMS' : 'SMS';
        log(`대체 발송: ${m.messageId} 알림톡 실패(${failure}) → ${m.type}`);
      }
    }
    const digits = digitsOf(m.to);
    if (failPhones.has(digits)) return failCode;
    if (!normalizePhone(m.to)) return '3010';
    return '3000';
  }

  function setStatus(m: StoredMessage, code: string): void {
    m.statusCode = code;
    m.statusMessage = solapiStatusMessage(code);
    m.dateUpdated = m.dateReported = now().toISOString();
  }

  function schedule(group: StoredGroup, sendable: StoredMessage[]): void {
    scheduledReports += sendable.length * 2;
    later(delay, () => {
      const carried: StoredMessage[] = [];
      let failed = 0;
      for (const m of sendable) {
        const code = outcomeFor(m);
        setStatus(m, code);
        if (code === '3000') carried.push(m);
        else failed += 1;
      }
      scheduledReports -= sendable.length + failed;
      log(`결과: 그룹 ${group.groupId} 이통사 접수(3000) ${carried.length}건${failed ? `, 실패 ${failed}건` : ''}${reportUrl ? '' : ' (결과 보고 주소 없음)'}`);
      reports.enqueue(sendable);
      later(delay, () => {
        for (const m of carried) setStatus(m, '4000');
        scheduledReports -= carried.length;
        group.status = 'COMPLETE';
        group.dateCompleted = now().toISOString();
        if (carried.length) log(`결과: 그룹 ${group.groupId} 수신 완료(4000) ${carried.length}건`);
        reports.enqueue(carried);
      });
    });
  }

  return {
    schedule,
    stats: () => ({ ...reports.counts(), pending: scheduledReports + reports.waiting() }),
    async idle(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (timers.size > 0 || reports.busy()) {
        if (Date.now() > until) throw new Error(`로컬 Solapi: ${timeoutMs}ms 안에 결과 보고가 끝나지 않았습니다`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    setReports: reports.setEnabled,
    stop() {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
