import type { RecipientStatus } from '../../../platform/db/types.ts';

/**
 * MSG-11: what the message service needs from a provider. Solapi is the
 * first (solapi.ts); the local Solapi-compatible server (tools/solapi-local)
 * stands in for it in the demo and the tests.
 *
 * Sending goes by groups: the service creates a group and stores its id
 * before adding anything, adds the batch's messages (each tagged with our
 * recipient id), then sends the group. A batch retried after a crash lists
 * the group first and adds only the recipients it does not hold yet, so each
 * recipient is sent exactly once.
 */
export type ProviderMessageType = 'SMS' | 'LMS' | 'ATA';

export interface ProviderMessage {
  /** Our message_recipients.id; the provider keeps it (customFields) so a retry can tell what it already has. */
  recipientId: string;
  to: string;
  from: string;
  type: ProviderMessageType;
  text: string;
  subject?: string;
  /** 알림톡: the Kakao channel (pfId) and template. */
  kakao?: { pfId: string; templateId: string };
}

export interface ProviderAccepted {
  recipientId: string;
  messageId: string;
  status: RecipientStatus;
  statusCode: string;
  statusMessage: string;
}

export interface DeliveryReport {
  messageId: string;
  recipientId: string | null;
  status: RecipientStatus;
  statusCode: string;
  statusMessage: string;
}

export interface MessageProvider {
  createGroup(): Promise<{ groupId: string }>;
  /** What the group already holds (a retry adds only the rest). */
  listGroupMessages(groupId: string): Promise<ProviderAccepted[]>;
  addGroupMessages(groupId: string, messages: readonly ProviderMessage[]): Promise<ProviderAccepted[]>;
  sendGroup(groupId: string): Promise<void>;
  /**
   * The account's 잔액 (won) and 포인트, for "연결 확인". A call with the
   * shop's own key pair, so a wrong key or secret fails here first.
   */
  getBalance(): Promise<ProviderBalance>;
  /**
   * The account's registered sender numbers (발신번호), digits only;
   * `approved` when the provider lets it send from that number now.
   */
  listSenderIds(): Promise<ProviderSenderId[]>;
}

export interface ProviderBalance {
  balance: number;
  point: number;
}

export interface ProviderSenderId {
  /** Digits only: "0212345678". */
  phoneNumber: string;
  approved: boolean;
}

export interface ProviderConfig {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
}
