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
export type ProviderMessageType = 'SMS' | 'LMS' | 'ATA' | 'BMS_FREE';

/** 브랜드 메시지(BMS) options: `targeting` I = channel friends only, M / N = users who agreed to ads (Kakao's rules); only TEXT bubbles here. */
export interface ProviderBmsOptions {
  targeting: 'I' | 'M' | 'N';
  chatBubbleType: 'TEXT';
}

/** Solapi's kakaoOptions, the part we use. */
export interface ProviderKakaoOptions {
  pfId: string;
  /** 알림톡 (ATA): the approved template. */
  templateId?: string;
  /** Template variables by bare name ("name"); sent as Solapi's "#{name}" keys. */
  variables?: Record<string, string>;
  /** True: Solapi does not substitute an SMS/LMS when Kakao cannot deliver. */
  disableSms?: boolean;
  /** 브랜드 메시지 (BMS_FREE). */
  bms?: ProviderBmsOptions;
}

export interface ProviderMessage {
  /** Our message_recipients.id; the provider keeps it (customFields) so a retry can tell what it already has. */
  recipientId: string;
  to: string;
  from: string;
  type: ProviderMessageType;
  text: string;
  subject?: string;
  /** 알림톡 / 브랜드 메시지: the Kakao channel (pfId), template, variables, substitution and BMS options. */
  kakao?: ProviderKakaoOptions;
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
  /**
   * GET /messages/v4/list: messages by group or message ids, one page
   * (`limit` ≤ 500); `nextKey` is the next page's startKey, null at the end.
   * What a poll reads when reports do not arrive.
   */
  listMessages(query: ProviderListQuery): Promise<{ messages: DeliveryReport[]; nextKey: string | null }>;
  /** 알림톡 templates (POST /kakao/v2/templates; Solapi submits a new template for Kakao's inspection at once). */
  createKakaoTemplate(input: ProviderKakaoTemplateInput): Promise<ProviderKakaoTemplate>;
  getKakaoTemplate(templateId: string): Promise<ProviderKakaoTemplate>;
  /**
   * Asks Kakao to inspect the template. Solapi already does on creation, so
   * this reads the template and requests inspection (PUT …/inspection) only
   * when it is still PENDING (e.g. after an inspection was cancelled).
   */
  requestKakaoTemplateInspection(templateId: string): Promise<ProviderKakaoTemplate>;
}

export interface ProviderListQuery {
  groupId?: string;
  messageIds?: readonly string[];
  startKey?: string | null;
  limit?: number;
}

export interface ProviderKakaoTemplateInput {
  pfId: string;
  name: string;
  content: string;
  /** Kakao's template category (GET /kakao/v2/templates/categories), e.g. "999999" 기타. */
  categoryCode: string;
}

export type ProviderKakaoTemplateStatus = 'PENDING' | 'INSPECTING' | 'APPROVED' | 'REJECTED';

export interface ProviderKakaoTemplate {
  templateId: string;
  pfId: string;
  name: string;
  content: string;
  status: ProviderKakaoTemplateStatus;
  /** A REJECTED template's reason: the latest comment of Kakao's reviewers (Solapi's `comments`, isAdmin). */
  rejectReason: string | null;
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
