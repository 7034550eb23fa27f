import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { LOCAL_PROVIDER_DEFAULT_BALANCE, LOCAL_PROVIDER_DEFAULT_SENDER_ID, senderIdsOf } from './account.ts';
import {
  LOCAL_PROVIDER_DEFAULT_API_KEY,
  LOCAL_PROVIDER_DEFAULT_API_SECRET,
  LOCAL_PROVIDER_DEFAULT_PORT,
  startLocalProvider,
  type LocalProvider,
} from './server.ts';

/**
 * `npm run provider:local -- [options]`: the local Solapi-compatible server
 * (server.ts) in the foreground, printing what it receives. Point the
 * product's Solapi settings at it (API URL, key, secret below) and give it
 * the product's webhook with --report-url.
 */

export const USAGE = `사용법: npm run provider:local -- [옵션]

  --port N             포트 (기본 ${LOCAL_PROVIDER_DEFAULT_PORT})
  --host HOST          주소 (기본 127.0.0.1)
  --api-key KEY        API Key (기본 ${LOCAL_PROVIDER_DEFAULT_API_KEY})
  --api-secret SECRET  API Secret (기본 ${LOCAL_PROVIDER_DEFAULT_API_SECRET})
  --report-url URL     발송 결과를 보낼 yeyak 웹훅, 예: http://127.0.0.1:3000/api/messaging/solapi/reports
                       (?token= 이 없으면 API Secret 으로 만든 토큰을 붙임)
  --delay MS           발송 요청부터 이통사 접수(3000)까지, 다시 수신 완료(4000)까지의 시간 (기본 1000)
  --fail-phones LIST   실패시킬 번호, 쉼표로 구분: 010-0000-0001,01000000002
  --fail-code CODE     그 번호의 실패 코드 (기본 3032 미가입자)
  --data-file FILE     받은 메시지를 한 줄에 하나씩(JSON) 덧붙여 기록
  --balance N          잔액(원), 연결 확인에 보일 값 (기본 ${LOCAL_PROVIDER_DEFAULT_BALANCE.toLocaleString('ko-KR')}; 발송해도 줄지 않음)
  --sender-ids LIST    등록·승인된 발신번호, 쉼표로 구분 (기본 ${LOCAL_PROVIDER_DEFAULT_SENDER_ID})
  --template-review M  알림톡 템플릿 검수: approve(기본, 다음 조회 때 승인) · reject · manual
                       (manual: POST /local/templates/{id}/approve 또는 /reject {"comment"})
  --kakao-friends LIST 카카오톡 채널 친구인 번호, 쉼표로 구분 (없으면 모두 친구; 아닌 번호의 브랜드 메시지는 3102)
  --listing-lag MS     접수 후 이 시간 동안 목록 조회에 보이지 않음 (기본 0)
  --help               이 도움말`;

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
}

function intOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} 값이 올바르지 않습니다: ${value}`);
  return n;
}

/** "a, b,,c" → ['a', 'b', 'c']. */
function listOption(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Starts the server from argv; null after --help or a bad option (the exit code is then in `exitCode`). */
export async function runLocalProviderCli(argv: string[], io: CliIo = { log: (l) => console.log(l), error: (l) => console.error(l) }): Promise<{ exitCode: number; provider: LocalProvider | null }> {
  let values;
  let port: number;
  let deliveryDelayMs: number;
  let balance: number;
  let senderIds: string[] | undefined;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'api-key': { type: 'string', default: LOCAL_PROVIDER_DEFAULT_API_KEY },
        'api-secret': { type: 'string', default: LOCAL_PROVIDER_DEFAULT_API_SECRET },
        'report-url': { type: 'string' },
        delay: { type: 'string' },
        'fail-phones': { type: 'string' },
        'fail-code': { type: 'string' },
        'data-file': { type: 'string' },
        balance: { type: 'string' },
        'sender-ids': { type: 'string' },
        'template-review': { type: 'string' },
        'kakao-friends': { type: 'string' },
        'listing-lag': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
    if (values.help) {
      io.log(USAGE);
      return { exitCode: 0, provider: null };
    }
    port = intOption('port', values.port, LOCAL_PROVIDER_DEFAULT_PORT);
    deliveryDelayMs = intOption('delay', values.delay, 1000);
    balance = intOption('balance', values.balance, LOCAL_PROVIDER_DEFAULT_BALANCE);
    senderIds = values['sender-ids'] === undefined ? undefined : listOption(values['sender-ids']);
    if (senderIds) senderIdsOf(senderIds);
    if (values['report-url']) new URL(values['report-url']);
    if (values['template-review'] !== undefined && !['approve', 'reject', 'manual'].includes(values['template-review'])) throw new Error(`--template-review 는 approve · reject · manual 중 하나입니다: ${values['template-review']}`);
    intOption('listing-lag', values['listing-lag'], 0);
    if (values['fail-code'] !== undefined && !/^[0-9]{4}$/.test(values['fail-code'])) throw new Error(`--fail-code 는 네 자리 숫자입니다: ${values['fail-code']}`);
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USAGE}`);
    return { exitCode: 2, provider: null };
  }

  const failPhones = listOption(values['fail-phones']);
  let provider: LocalProvider;
  try {
    provider = await startLocalProvider({
      port,
      host: values.host,
      apiKey: values['api-key'],
      apiSecret: values['api-secret'],
      ...(values['report-url'] ? { reportUrl: values['report-url'] } : {}),
      deliveryDelayMs,
      failPhones,
      ...(values['fail-code'] ? { failCode: values['fail-code'] } : {}),
      ...(values['data-file'] ? { dataFile: values['data-file'] } : {}),
      balance,
      ...(senderIds ? { senderIds } : {}),
      ...(values['template-review'] ? { templateReview: values['template-review'] as 'approve' | 'reject' | 'manual' } : {}),
      ...(values['kakao-friends'] !== undefined ? { kakaoFriends: listOption(values['kakao-friends']) } : {}),
      listingLagMs: intOption('listing-lag', values['listing-lag'], 0),
      log: (line) => io.log(line),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.error(code === 'EADDRINUSE' ? `포트 ${port} 를 이미 쓰고 있습니다 (--port 로 바꾸세요).` : `서버를 열지 못했습니다: ${(error as Error).message}`);
    return { exitCode: 1, provider: null };
  }

  io.log(`로컬 Solapi 서버: ${provider.url}`);
  io.log(`  yeyak 설정 → API 주소 ${provider.url} · API Key ${values['api-key']} · API Secret ${values['api-secret']}`);
  io.log(provider.reportUrl ? `  결과 보고 → ${provider.reportUrl.replace(/token=[0-9a-f]{8}[0-9a-f]+/i, (t) => `${t.slice(0, 14)}…`)}` : '  결과 보고 주소 없음 (--report-url): 상태만 바뀌고 yeyak 에는 알리지 않습니다');
  const { balance: shownBalance, senderIds: shownSenders } = provider.account();
  io.log(`  잔액 ${shownBalance.toLocaleString('ko-KR')}원 · 발신번호 ${shownSenders.map((s) => s.phoneNumber).join(', ') || '없음'}`);
  if (failPhones.length) io.log(`  실패시킬 번호 ${failPhones.length}개 (코드 ${values['fail-code'] ?? '3032'})`);
  if (values['data-file']) io.log(`  기록 파일 ${values['data-file']}`);
  io.log(`  받은 메시지 ${provider.url}/local/messages · 중복 ${provider.url}/local/duplicates · 종료 Ctrl-C`);
  return { exitCode: 0, provider };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { exitCode, provider } = await runLocalProviderCli(process.argv.slice(2));
  if (!provider) process.exit(exitCode);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      const dups = provider.duplicates();
      console.log(`\n로컬 Solapi 서버를 종료합니다. 받은 메시지 ${provider.messages().length.toLocaleString('ko-KR')}건${dups.length ? `, 중복 수신자 ${dups.length}명` : ''}.`);
      void provider.close().then(() => process.exit(0));
    });
  }
}
