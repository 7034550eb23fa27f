import { lookbackRange, type SendSettings } from './send-settings.ts';

/**
 * MSG-5, MSG-6: who a message goes to. The audience (a direct selection, a
 * filter or a group) picks the candidates; each candidate then either
 * receives the message or is excluded for the first reason that holds (the
 * order of `exclusionReason` in exclusion.ts, which the audience SQL in
 * repository/audience.ts follows).
 */

export type Range = { min?: number | undefined; max?: number | undefined };

export type Audience =
  | { kind: 'direct'; customerIds: string[] }
  | { kind: 'filter'; pointsHeld?: Range | undefined; pointsAccumulated?: Range | undefined; grades?: string[] | undefined; tags?: string[] | undefined; visitCount?: Range | undefined; noShowCount?: Range | undefined }
  | { kind: 'group'; group: 'regular' | 'prospective' | 'first' };

export interface ResolvedWindows {
  /** 발송 대상 제한: only customers with a visit in [from, to). */
  visitedWithin: { from: Date; to: Date } | null;
  /** 중복 발송 방지: skip customers who received a message in [from, to). */
  receivedWithin: { from: Date; to: Date } | null;
}

/** The periods of the send settings as instants, looking back from `sendAt` in the business's zone. */
export function windowsFor(settings: SendSettings, sendAt: Date, zone: string): ResolvedWindows {
  return {
    visitedWithin: settings.visitorRestriction ? lookbackRange(settings.visitorRestriction, sendAt, zone) : null,
    receivedWithin: settings.duplicatePrevention ? lookbackRange(settings.duplicatePrevention, sendAt, zone) : null,
  };
}
