import type { ScheduleStatus } from '../../../platform/db/types.ts';

/** The commands the shop sends to Naver (docs/naver-contract.md, outbound). */
export const NAVER_COMMANDS = ['confirm', 'cancel', 'complete', 'change_product'] as const;
export type NaverCommandName = (typeof NAVER_COMMANDS)[number];

export interface NaverCommand {
  commandId: string;
  bookingId: string;
  command: NaverCommandName;
  reason?: string;
  productId?: string;
}

/** What a command row stores: the command without the ids the sender adds (its own id, the booking's). */
export type NaverCommandPayload = Omit<NaverCommand, 'commandId' | 'bookingId'>;

const STATUS_COMMANDS: Partial<Record<ScheduleStatus, NaverCommandName>> = {
  confirmed: 'confirm',
  cancelled: 'cancel',
  completed: 'complete',
};

/** NAVER-7, NAVER-8: the command a status the shop sets on a Naver schedule becomes, if any (확정대기 is never set by the shop). */
export function commandForStatus(status: ScheduleStatus): NaverCommandName | undefined {
  return STATUS_COMMANDS[status];
}
