import crypto from 'node:crypto';
import { ApiError } from './wire.ts';

/**
 * 알림톡 templates of the local Solapi-compatible server, in the shapes of
 * Solapi's /kakao/v2/templates (the SDK's KakaoTemplateService):
 *
 *   POST /kakao/v2/templates                  { channelId | channelGroupId, name, content, categoryCode, … } → the template
 *   GET  /kakao/v2/templates                  ?channelId&status&templateId&name&limit&startKey → { limit, startKey, nextKey, templateList }
 *   GET  /kakao/v2/templates/{id}             the template
 *   PUT  /kakao/v2/templates/{id}/inspection  inspection of a PENDING template (older SDKs' requestInspectionKakaoAlimtalkTemplate)
 *   PUT  /kakao/v2/templates/{id}/inspection/cancel   back to PENDING
 *
 * Like Solapi, creating a template submits it for Kakao's inspection
 * (status INSPECTING). Kakao's review is simulated at the template's next
 * read (GET one or the list), by `review()`:
 *
 *   content with "(광고)", "할인" or "쿠폰"   REJECTED, "광고성 내용은 알림톡으로 보낼 수 없습니다." (always)
 *   'approve' (default)                       APPROVED
 *   'reject'                                  REJECTED with a Korean comment
 *   'manual'                                  stays INSPECTING until decide() (POST /local/templates/{id}/approve | reject)
 *
 * A REJECTED template's reason is a comment { isAdmin: true, memberId, content, dateCreated }.
 */

export type TemplateReview = 'approve' | 'reject' | 'manual';
export type TemplateStatus = 'PENDING' | 'INSPECTING' | 'APPROVED' | 'REJECTED';

export const AD_REJECT_COMMENT = '광고성 내용은 알림톡으로 보낼 수 없습니다.';
export const REVIEW_REJECT_COMMENT = '템플릿 검수 기준에 맞지 않아 반려되었습니다. 정보성 내용으로 수정해 다시 요청해 주세요.';
const AD_WORDS = ['(광고)', '할인', '쿠폰'];
const MAX_LIST_LIMIT = 500;
const DEFAULT_LIST_LIMIT = 20;

export interface TemplateComment {
  isAdmin: boolean;
  memberId: string;
  content: string | null;
  dateCreated: string;
}

export interface StoredTemplate {
  templateId: string;
  channelId: string | null;
  channelGroupId: string | null;
  name: string;
  content: string;
  categoryCode: string;
  status: TemplateStatus;
  comments: TemplateComment[];
  dateCreated: string;
  dateUpdated: string;
}

export interface LocalTemplates {
  create(body: unknown): unknown;
  /** Reads settle a pending review first. */
  get(templateId: string | undefined): unknown;
  list(query: URLSearchParams): unknown;
  requestInspection(templateId: string | undefined): unknown;
  cancelInspection(templateId: string | undefined): unknown;
  /** Kakao's decision, now: APPROVED, or REJECTED with `comment` (a default Korean one). */
  decide(templateId: string, decision: 'approve' | 'reject', comment?: string): StoredTemplate;
  /** The template an ATA of `pfId` may use: APPROVED and of that channel; null otherwise. Does not settle a review. */
  approvedFor(pfId: string, templateId: string): StoredTemplate | null;
  setReview(review: TemplateReview): void;
  all(): StoredTemplate[];
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function templateId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(2, 12);
  let tail = '';
  for (const b of crypto.randomBytes(14)) tail += ID_ALPHABET[b % ID_ALPHABET.length];
  return `KA01TP${stamp}${tail}`;
}

function variablesOf(content: string): { name: string }[] {
  const names = new Set<string>();
  for (const match of content.matchAll(/#\{([^}]+)\}/g)) names.add(match[1]!);
  return [...names].map((name) => ({ name }));
}

export function templateJson(t: StoredTemplate) {
  return {
    templateId: t.templateId,
    name: t.name,
    channelId: t.channelId,
    channelGroupId: t.channelGroupId,
    content: t.content,
    categoryCode: t.categoryCode,
    isHidden: false,
    messageType: 'BA',
    emphasizeType: 'NONE',
    extra: null,
    ad: null,
    emphasizeTitle: null,
    emphasizeSubtitle: null,
    securityFlag: false,
    imageId: null,
    assignType: t.channelGroupId ? 'GROUP' : 'CHANNEL',
    buttons: [],
    quickReplies: [],
    comments: t.comments.map((c) => ({ ...c })),
    commentable: t.status === 'REJECTED' || t.status === 'INSPECTING',
    header: null,
    highlight: null,
    item: null,
    code: t.status === 'APPROVED' ? t.templateId : null,
    status: t.status,
    variables: variablesOf(t.content),
    dateCreated: t.dateCreated,
    dateUpdated: t.dateUpdated,
  };
}

export function createLocalTemplates(options: { review: TemplateReview; now: () => Date; log: (line: string) => void }): LocalTemplates {
  const { now, log } = options;
  let review = options.review;
  const templates = new Map<string, StoredTemplate>();
  /** Ids whose inspection was requested and not decided yet. */
  const awaiting = new Set<string>();

  function find(id: string | undefined): StoredTemplate {
    const t = id === undefined ? undefined : templates.get(id);
    if (!t) throw new ApiError(404, 'NotFound', `해당 템플릿이 없습니다: ${id}`);
    return t;
  }

  function decide(id: string, decision: 'approve' | 'reject', comment?: string): StoredTemplate {
    const t = find(id);
    const at = now().toISOString();
    awaiting.delete(id);
    t.dateUpdated = at;
    if (decision === 'approve') {
      t.status = 'APPROVED';
      log(`템플릿 승인: ${t.templateId} (${t.name})`);
    } else {
      t.status = 'REJECTED';
      t.comments.push({ isAdmin: true, memberId: 'KAKAO', content: comment?.trim() || REVIEW_REJECT_COMMENT, dateCreated: at });
      log(`템플릿 반려: ${t.templateId} (${t.name}) — ${t.comments.at(-1)!.content}`);
    }
    return t;
  }

  /** Kakao's review, at a read: ads are always rejected; otherwise the mode decides ('manual' waits). */
  function settle(t: StoredTemplate): void {
    if (!awaiting.has(t.templateId) || t.status !== 'INSPECTING') return;
    if (AD_WORDS.some((w) => t.content.includes(w))) decide(t.templateId, 'reject', AD_REJECT_COMMENT);
    else if (review === 'approve') decide(t.templateId, 'approve');
    else if (review === 'reject') decide(t.templateId, 'reject');
  }

  function inspect(t: StoredTemplate): void {
    t.status = 'INSPECTING';
    t.dateUpdated = now().toISOString();
    awaiting.add(t.templateId);
  }

  return {
    create(body) {
      const input = (body ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof input[k] === 'string' && (input[k] as string).trim() ? (input[k] as string) : null);
      const channelId = str('channelId') ?? str('pfId');
      const channelGroupId = str('channelGroupId');
      const name = str('name');
      const content = str('content');
      const categoryCode = str('categoryCode');
      if (!channelId && !channelGroupId) throw new ApiError(400, 'ValidationError', 'channelId 또는 channelGroupId 가 필요합니다.');
      if (!name || !content || !categoryCode) throw new ApiError(400, 'ValidationError', 'name, content, categoryCode 는 필수입니다.');
      if ([...content].length > 1000) throw new ApiError(400, 'ValidationError', '템플릿 내용은 1,000자까지입니다.');
      const owner = channelId ?? channelGroupId;
      if ([...templates.values()].some((t) => (t.channelId ?? t.channelGroupId) === owner && t.name === name)) throw new ApiError(400, 'DuplicatedTemplateName', `같은 이름의 템플릿이 이미 있습니다: ${name}`);
      const at = now().toISOString();
      let id = templateId(now());
      while (templates.has(id)) id = templateId(now());
      const t: StoredTemplate = { templateId: id, channelId, channelGroupId, name, content, categoryCode, status: 'PENDING', comments: [], dateCreated: at, dateUpdated: at };
      templates.set(id, t);
      inspect(t);
      log(`템플릿 등록·검수 요청: ${id} (${name})`);
      return templateJson(t);
    },
    get(id) {
      const t = find(id);
      settle(t);
      return templateJson(t);
    },
    list(query) {
      const all = [...templates.values()];
      for (const t of all) settle(t);
      const filtered = all.filter(
        (t) =>
          (!query.get('channelId') || t.channelId === query.get('channelId')) &&
          (!query.get('status') || t.status === query.get('status')) &&
          (!query.get('templateId') || t.templateId === query.get('templateId')) &&
          (!query.get('name') || t.name.includes(query.get('name')!)),
      );
      const requested = Number(query.get('limit') ?? DEFAULT_LIST_LIMIT);
      const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_LIST_LIMIT) : DEFAULT_LIST_LIMIT;
      const startKey = query.get('startKey');
      const start = startKey ? Math.max(0, filtered.findIndex((t) => t.templateId === startKey)) : 0;
      return { limit, startKey: startKey ?? null, nextKey: filtered[start + limit]?.templateId ?? null, templateList: filtered.slice(start, start + limit).map(templateJson) };
    },
    requestInspection(id) {
      const t = find(id);
      if (t.status !== 'PENDING' && t.status !== 'REJECTED') throw new ApiError(400, 'InvalidTemplateStatus', `대기 또는 반려 상태의 템플릿만 검수 요청할 수 있습니다 (${t.status}).`);
      inspect(t);
      return templateJson(t);
    },
    cancelInspection(id) {
      const t = find(id);
      if (t.status !== 'INSPECTING') throw new ApiError(400, 'InvalidTemplateStatus', `검수 중인 템플릿만 검수를 취소할 수 있습니다 (${t.status}).`);
      awaiting.delete(t.templateId);
      t.status = 'PENDING';
      t.dateUpdated = now().toISOString();
      return templateJson(t);
    },
    decide,
    approvedFor(pfId, id) {
      const t = templates.get(id);
      return t && t.status === 'APPROVED' && (t.channelId === pfId || t.channelGroupId === pfId) ? t : null;
    },
    setReview(next) {
      review = next;
    },
    all: () => [...templates.values()].map((t) => ({ ...t, comments: t.comments.map((c) => ({ ...c })) })),
  };
}
