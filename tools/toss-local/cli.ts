import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { LOCAL_TOSS_DEFAULT_CLIENT_KEY, LOCAL_TOSS_DEFAULT_PORT, LOCAL_TOSS_DEFAULT_SECRET_KEY, startLocalToss, type LocalToss } from './server.ts';

/**
 * `npm run provider:toss-local -- [options]`: the local Toss-compatible
 * server (server.ts) in the foreground with one merchant, printing what
 * happens. Point a business's payment settings at it (API URL and the keys
 * below) and give it the product's webhook with --webhook-url.
 */

export const USAGE = `사용법: npm run provider:toss-local -- [옵션]

  --port N               포트 (기본 ${LOCAL_TOSS_DEFAULT_PORT})
  --host HOST            주소 (기본 127.0.0.1)
  --client-key KEY       클라이언트 키 (기본 ${LOCAL_TOSS_DEFAULT_CLIENT_KEY})
  --secret-key KEY       시크릿 키 (기본 ${LOCAL_TOSS_DEFAULT_SECRET_KEY})
  --webhook-url URL      결제 상태 웹훅(PAYMENT_STATUS_CHANGED)을 보낼 yeyak 주소
  --session-minutes N    인증 뒤 승인까지 기다리는 시간 (기본 10분)
  --data-file FILE       결제 기록을 이 JSON 파일에 저장해 다시 켜도 유지
  --help                 이 도움말`;

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

/** Starts the server from argv; no server after --help or a bad option (the exit code says which). */
export async function runLocalTossCli(argv: string[], io: CliIo = { log: (l) => console.log(l), error: (l) => console.error(l) }): Promise<{ exitCode: number; server: LocalToss | null }> {
  let values;
  let port: number;
  let sessionMinutes: number;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'client-key': { type: 'string', default: LOCAL_TOSS_DEFAULT_CLIENT_KEY },
        'secret-key': { type: 'string', default: LOCAL_TOSS_DEFAULT_SECRET_KEY },
        'webhook-url': { type: 'string' },
        'session-minutes': { type: 'string' },
        'data-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
    if (values.help) {
      io.log(USAGE);
      return { exitCode: 0, server: null };
    }
    port = intOption('port', values.port, LOCAL_TOSS_DEFAULT_PORT);
    sessionMinutes = intOption('session-minutes', values['session-minutes'], 10);
    if (values['webhook-url']) new URL(values['webhook-url']);
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USAGE}`);
    return { exitCode: 2, server: null };
  }

  const clientKey = values['client-key'];
  const secretKey = values['secret-key'];
  const webhookUrl = values['webhook-url'] ?? null;
  let server: LocalToss;
  try {
    server = await startLocalToss({
      port,
      host: values.host,
      merchants: [{ clientKey, secretKey }],
      webhookUrl: () => webhookUrl,
      sessionMinutes,
      ...(values['data-file'] ? { dataFile: values['data-file'] } : {}),
      log: (line) => io.log(line),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.error(code === 'EADDRINUSE' ? `포트 ${port} 를 이미 쓰고 있습니다 (--port 로 바꾸세요).` : `서버를 열지 못했습니다: ${(error as Error).message}`);
    return { exitCode: 1, server: null };
  }

  io.log(`로컬 토스페이먼츠 서버: ${server.url}`);
  io.log(`  yeyak 결제 설정 → API 주소 ${server.url} · 클라이언트 키 ${clientKey} · 시크릿 키 ${secretKey}`);
  io.log(`  결제창 ${server.url}/local/checkout?clientKey=${encodeURIComponent(clientKey)}&orderId=…&orderName=…&amount=…&successUrl=…&failUrl=…`);
  io.log(webhookUrl ? `  웹훅 → ${webhookUrl}` : '  웹훅 주소 없음 (--webhook-url): 결제 상태가 바뀌어도 yeyak 에 알리지 않습니다');
  if (values['data-file']) io.log(`  기록 파일 ${values['data-file']}`);
  io.log(`  결제 목록 ${server.url}/local/payments · 승인 수 ${server.url}/local/stats · 장애 설정 ${server.url}/local/faults · 종료 Ctrl-C`);
  return { exitCode: 0, server };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { exitCode, server } = await runLocalTossCli(process.argv.slice(2));
  if (!server) process.exit(exitCode);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\n로컬 토스페이먼츠 서버를 종료합니다. 승인 ${server.approvals().toLocaleString('ko-KR')}건.`);
      void server.close().then(() => process.exit(0));
    });
  }
}
