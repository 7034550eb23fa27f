import type { RecipientStatus } from '../../../platform/db/types.ts';

/**
 * Solapi's message status codes (docs.solapi.com, "메시지 상태 코드"): four
 * digits; the first says where the message is.
 *
 *   1xxx  refused when added to the group (접수 중 오류): never sent
 *   2000  accepted (정상 접수, 이통사로 접수 예정)        → accepted
 *   2xxx  failed inside Solapi (플랫폼 내부 처리 중 오류)  → failed
 *   3000  handed to the carrier, waiting for its report   → sent
 *   3xxx  failed at the carrier or at Kakao                → failed
 *   4000  the phone received it (수신 완료)               → delivered
 *
 * Anything else (Solapi's test mode answers "TEST1000", an empty code) is
 * not final: it counts as accepted until a report settles it.
 */
export const SOLAPI_STATUS_MESSAGES: Readonly<Record<string, string>> = {
  '1010': '필수 입력 값 미입력',
  '1011': '형식 오류',
  '1013': 'SMS에는 제목을 쓸 수 없음',
  '1014': '제목은 40바이트까지',
  '1020': '등록된 계정이 아니거나 비밀번호가 틀림',
  '1021': '해당 메시지가 없음',
  '1022': '해당 그룹이 없음',
  '1023': '해당 이미지가 없음',
  '1024': '서버 오류',
  '1025': '잘못된 메시지 타입',
  '1026': '중복 수신번호',
  '1027': 'UTF-8 인코딩만 사용 가능',
  '1028': '출력할 수 없는 문자 포함',
  '1029': 'EUC-KR(완성형 한글) 범위 밖의 문자 포함',
  '1030': '잔액 부족',
  '1031': '메시지 길이 초과',
  '1032': '유효하지 않은 커스텀 필드',
  '1033': 'kakaoOptions는 알림톡·친구톡에만 사용 가능',
  '1034': 'imageId가 없음',
  '1041': '유효하지 않은 카카오톡 채널',
  '1042': '유효하지 않은 템플릿 아이디',
  '1043': '등록한 템플릿과 내용이 다름',
  '1044': '유효하지 않은 버튼',
  '1058': '전송 경로 없음',
  '1060': '차단된 수신번호',
  '1061': '수신거부된 번호(080 무료수신거부)',
  '1062': '발신번호 미등록',
  '1064': 'KISA 신고로 차단',
  '2000': '정상 접수(이통사로 접수 예정)',
  '2011': '형식 오류',
  '2024': '서버 오류',
  '2060': '차단된 수신번호',
  '2061': '수신거부된 번호(080 무료수신거부)',
  '2062': '발신번호 미등록',
  '2063': '차단된 계정',
  '2064': 'KISA 신고로 차단',
  '2230': '잔액 부족',
  '2254': '플랫폼 내부 스팸 처리',
  '3000': '이통사로 접수(리포트 대기 중)',
  '3010': '수신번호 형식 오류',
  '3011': '형식 오류',
  '3012': '연동처 서버 오류',
  '3013': '발신번호 형식 오류(세칙 위반)',
  '3014': '알 수 없는 메시지 상태',
  '3024': '서버 오류',
  '3031': '전송할 수 없음',
  '3032': '미가입자',
  '3040': '전송 시간 초과',
  '3041': '단말기 통화 중',
  '3042': '음영 지역',
  '3043': '단말기 전원 꺼짐',
  '3044': '단말기 메시지 저장 개수 초과',
  '3045': '단말기 일시 서비스 정지',
  '3046': '기타 단말기 문제',
  '3047': '착신 거절',
  '3048': '알 수 없는 코드',
  '3050': 'SMS 서비스 불가 단말기',
  '3051': '착신 측 호 불가 상태',
  '3052': '이통사 서버 운영자 삭제',
  '3053': '서버 메시지 큐 가득 참',
  '3054': '스팸',
  '3055': '스팸(nospam.or.kr 등록 번호)',
  '3056': '전송 실패(무선망)',
  '3057': '전송 실패(무선망→단말기)',
  '3058': '전송 경로 없음',
  '3059': '변작된 발신번호',
  '3060': '성인 인증 실패',
  '3101': '발신 프로필 키가 유효하지 않음',
  '3102': '카카오톡 채널 친구가 아님',
  '3103': '메시지와 템플릿 불일치',
  '3104': '카카오톡 미사용자',
  '3105': '미등록 템플릿',
  '3106': '유효하지 않은 카카오톡 채널',
  '3107': '72시간 이내 카카오톡 미사용 또는 카카오톡 채널(알림톡) 차단',
  '3108': '메시지 발송 가능 시간이 아님',
  '4000': '수신 완료',
};

/**
 * 3102: the recipient is not a friend of the Kakao channel — what a
 * 브랜드 메시지 with targeting I (channel friends only) gets.
 */
export const KAKAO_NOT_FRIEND_CODE = '3102';

/**
 * The codes that mean Kakao could not deliver to this recipient, whatever
 * the message (not a channel friend, no KakaoTalk, KakaoTalk unused for 72
 * hours or the channel blocked): the recipient may still be reached by
 * SMS/LMS. Set-up errors (3101 발신 프로필 키, 3103 템플릿 불일치, 3105 미등록
 * 템플릿, 3106 채널) and 3108 (outside the sending hours) are not: an SMS
 * would hide a broken channel or template, or break the night-time rule.
 */
const KAKAO_UNREACHABLE_CODES = new Set([KAKAO_NOT_FRIEND_CODE, '3104', '3107']);

export function kakaoFallbackNeeded(statusCode: string): boolean {
  return KAKAO_UNREACHABLE_CODES.has(statusCode);
}

export function mapSolapiStatus(statusCode: string): RecipientStatus {
  if (statusCode === '2000') return 'accepted';
  if (statusCode === '3000') return 'sent';
  if (statusCode === '4000') return 'delivered';
  if (/^[123][0-9]{3}$/.test(statusCode)) return 'failed';
  return 'accepted';
}

/** Solapi's meaning of a code in Korean; a generic line for codes outside the table. */
export function solapiStatusMessage(statusCode: string): string {
  const known = SOLAPI_STATUS_MESSAGES[statusCode];
  if (known) return known;
  switch (mapSolapiStatus(statusCode)) {
    case 'failed':
      return `발송 실패 (${statusCode})`;
    case 'delivered':
      return '수신 완료';
    default:
      return `처리 중 (${statusCode || '코드 없음'})`;
  }
}
