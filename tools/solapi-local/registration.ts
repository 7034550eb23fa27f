import iconv from 'iconv-lite';

/** Solapi's checks when a message is added to a group, the ones that matter to us (MSG-11). */

const MESSAGE_TYPES = new Set(['SMS', 'LMS', 'MMS', 'ATA', 'CTA', 'BMS_FREE']);
const KAKAO_TYPES = new Set(['ATA', 'CTA', 'BMS_FREE']);
const BMS_TARGETING = new Set(['I', 'M', 'N']);

function eucKrBytes(text: string): number {
  return iconv.encode(text, 'euc-kr').length;
}

/** The code a refused message gets, or 2000; and the message's type (detected like Solapi's autoTypeDetect when none is given). */
export function registrationCode(input: Record<string, unknown>): { code: string; type: string } {
  const to = input.to;
  const from = input.from;
  const text = input.text;
  const rawType = typeof input.type === 'string' ? input.type.toUpperCase() : undefined;
  // Like Solapi's autoTypeDetect: no type means SMS, or LMS when the text is longer than 90 bytes.
  const type = rawType ?? (typeof text === 'string' && eucKrBytes(text) > 90 ? 'LMS' : 'SMS');
  if (typeof to !== 'string' || !to.trim() || typeof from !== 'string' || !from.trim() || typeof text !== 'string' || !text) return { code: '1010', type };
  if (!MESSAGE_TYPES.has(type)) return { code: '1025', type };
  if (input.customFields !== undefined) {
    const fields = input.customFields;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return { code: '1032', type };
    for (const [key, value] of Object.entries(fields)) if (key.length > 30 || typeof value !== 'string' || value.length > 100) return { code: '1032', type };
  }
  const kakao = input.kakaoOptions as { pfId?: unknown; templateId?: unknown; variables?: unknown; disableSms?: unknown; bms?: unknown } | undefined;
  if (KAKAO_TYPES.has(type)) {
    if (!kakao || typeof kakao.pfId !== 'string' || !kakao.pfId) return { code: '1041', type };
    if (type === 'ATA' && (typeof kakao.templateId !== 'string' || !kakao.templateId)) return { code: '1042', type };
    if (kakao.variables !== undefined && (kakao.variables === null || typeof kakao.variables !== 'object' || Array.isArray(kakao.variables) || Object.values(kakao.variables).some((v) => typeof v !== 'string'))) return { code: '1011', type };
    if (kakao.disableSms !== undefined && typeof kakao.disableSms !== 'boolean') return { code: '1011', type };
    if (type === 'BMS_FREE') {
      const bms = kakao.bms as { targeting?: unknown; chatBubbleType?: unknown } | undefined;
      if (!bms || typeof bms !== 'object' || !BMS_TARGETING.has(bms.targeting as string) || typeof bms.chatBubbleType !== 'string') return { code: '1011', type };
    }
    if ([...text].length > 1000) return { code: '1031', type };
  } else {
    if (kakao !== undefined) return { code: '1033', type };
    if (type === 'SMS' && input.subject !== undefined && input.subject !== null) return { code: '1013', type };
    if (typeof input.subject === 'string' && eucKrBytes(input.subject) > 40) return { code: '1014', type };
    if (eucKrBytes(text) > (type === 'SMS' ? 90 : 2000)) return { code: '1031', type };
  }
  return { code: '2000', type };
}
