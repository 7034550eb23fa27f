import type { StoredGroup, StoredMessage } from './records.ts';

/** What the local Solapi-compatible server answers, in Solapi's JSON shapes: a group, a message, an added message, an error. */

/** Solapi's error answer: the HTTP status, `errorCode` and `errorMessage`. */
export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  constructor(status: number, errorCode: string, errorMessage: string) {
    super(errorMessage);
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** A group with its counts; `list` is the group's messages, in order. */
export function groupJson(g: StoredGroup, list: StoredMessage[]) {
  const registeredFailed = list.filter((m) => m.statusCode.startsWith('1')).length;
  const delivered = list.filter((m) => m.statusCode === '4000').length;
  const failed = list.filter((m) => /^[23][0-9]{3}$/.test(m.statusCode) && m.statusCode !== '2000' && m.statusCode !== '3000').length;
  return {
    _id: g.groupId,
    groupId: g.groupId,
    status: g.status,
    count: {
      total: list.length,
      registeredSuccess: list.length - registeredFailed,
      registeredFailed,
      sentTotal: g.status === 'PENDING' ? 0 : list.length - registeredFailed,
      sentSuccess: delivered,
      sentFailed: failed,
      sentPending: g.status === 'PENDING' ? 0 : list.length - registeredFailed - delivered - failed,
    },
    apiVersion: '4',
    dateCreated: g.dateCreated,
    dateUpdated: g.dateCompleted ?? g.dateSent ?? g.dateCreated,
    dateSent: g.dateSent,
    dateCompleted: g.dateCompleted,
  };
}

export type GroupJson = ReturnType<typeof groupJson>;

/** One entry of a group's messageList. */
export function messageJson(m: StoredMessage) {
  return {
    _id: m.messageId,
    messageId: m.messageId,
    groupId: m.groupId,
    to: m.to,
    from: m.from,
    type: m.type,
    country: '82',
    text: m.text,
    subject: m.subject,
    kakaoOptions: m.kakaoOptions,
    replacement: m.replacement,
    customFields: m.customFields,
    statusCode: m.statusCode,
    statusMessage: m.statusMessage,
    dateCreated: m.dateCreated,
    dateUpdated: m.dateUpdated,
    dateProcessed: m.dateSent,
    dateReported: m.dateReported,
    dateReceived: m.statusCode === '4000' ? m.dateReported : null,
  };
}

/** One entry of the resultList answered to an add. */
export function addedJson(m: StoredMessage) {
  return { to: m.to, from: m.from, type: m.type, country: '82', messageId: m.messageId, statusCode: m.statusCode, statusMessage: m.statusMessage, accountId: 'LOCAL', customFields: m.customFields };
}

export type AddedJson = ReturnType<typeof addedJson>;
