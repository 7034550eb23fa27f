import { parseArgs } from 'node:util';
import { changeNaverBooking, createNaverBooking, registerNaverProducts, sendNaverEvents, type Delivery, type SimulatedBooking } from './bookings.ts';
import { DEMO_NAVER_PRODUCTS } from '../../src/app/demo/demo-naver.ts';
import { koreanDateTime, MODE_LABELS, parseProductModes, SIMULATOR_DEFAULT_PORT, type NaverProduct } from './catalog.ts';
import { startNaverSimulator, type NaverSimulator } from './receiver.ts';

/**
 * `node src/main.ts simulate-naver`: plays Naver against a running yeyak
 * (NAVER-10). It only talks HTTP to the product — logs in as an admin, reads
 * the Naver connection (secret, linked products), sends signed booking
 * events, and receives the product's commands — so it never opens the
 * product's data directory.
 */

export const USAGE = `사용법: node src/main.ts simulate-naver [옵션]   (npm run simulate:naver -- [옵션])

  --target URL        yeyak 주소 (기본 http://127.0.0.1:3000)
  --login EMAIL       관리자 이메일 (기본 데모 관리자 admin@demo.yeyak.kr)
  --password PW       비밀번호 (기본 demo1234!)
  --products LIST     네이버 상품과 확정 방식, 예: NAVER-P-100:approval,NAVER-P-200:instant (기본: 데모 상품)
                      approval = 관리자 확인 후 승인(확정대기), instant = 바로 확정(예약확정)
  --bookings N        만들 예약 수 (기본 3): 승인형/즉시확정 상품을 번갈아, 옵션·요청사항 포함
  --duplicates        모든 이벤트를 같은 eventId로 한 번 더 보냄
  --reorder           예약 일부(두 번째마다)는 변경 이벤트를 생성 이벤트보다 먼저 보냄
  --interval MS       예약 사이 간격 (기본 500)
  --port N            명령 수신 포트 (기본 ${SIMULATOR_DEFAULT_PORT}); 연동 설정의 전송 주소와 같아야 함
  --host HOST         명령 수신 주소 (기본 127.0.0.1)
  --fail N            처음 N개 명령에 503으로 답함 (재시도 시연)
  --once              예약만 보내고 종료 (명령 수신 안 함)
  --help              이 도움말`;

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
}

export interface CliOutcome {
  exitCode: number;
  /** The running receiver (not with --once); the caller keeps the process alive until it closes it. */
  simulator: NaverSimulator | null;
  bookings: SimulatedBooking[];
  deliveries: Delivery[];
}

class CliError extends Error {}

interface Connection {
  enabled: boolean;
  secret: string | null;
  outboundUrl: string | null;
  webhookPath: string;
  products: { productId: string; departmentId: string; departmentName: string }[];
}

function intOption(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} 값이 올바르지 않습니다: ${value}`);
  return n;
}

async function request(target: string, path: string, init: RequestInit & { cookie?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(`${target.replace(/\/+$/, '')}${path}`, {
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.cookie ? { cookie: init.cookie } : {}) },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError(`yeyak 에 연결할 수 없습니다: ${target} (${code}). 제품이 실행 중인가요? (npm start)`);
  }
  const text = await response.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers };
}

async function login(target: string, email: string, password: string): Promise<{ cookie: string; businessId: string; businessName: string }> {
  const res = await request(target, '/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new CliError(`로그인 실패 (${email}): ${res.body?.error?.message ?? res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  if (!cookie) throw new CliError('로그인 응답에 세션 쿠키가 없습니다.');
  return { cookie, businessId: res.body.business.id, businessName: res.body.business.name };
}

async function readConnection(target: string, cookie: string): Promise<Connection> {
  const res = await request(target, '/api/naver/connection', { cookie });
  if (res.status === 403) throw new CliError('이 계정에는 설정 권한이 없습니다. 관리자 계정으로 로그인하세요 (--login).');
  if (res.status !== 200) throw new CliError(`연동 설정을 읽지 못했습니다: ${res.body?.error?.message ?? res.status}`);
  return res.body as Connection;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeBooking(b: SimulatedBooking): string {
  const options = b.options.map((o) => `${o.name}: ${o.value}`).join(', ');
  return [
    `  ${b.customer.name} ${b.customer.phone} · ${koreanDateTime(b.startsAt)} · ${b.productName} (${b.productId}, ${MODE_LABELS[b.confirmationMode]})`,
    options ? `  옵션: ${options}` : null,
    b.request ? `  요청사항: ${b.request}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}

const EVENT_LABELS: Record<Delivery['type'], string> = { 'booking.created': '생성', 'booking.changed': '변경', 'booking.cancelled': '취소' };

function deliveryLine(d: Delivery, repeat: boolean): string {
  const what = `${EVENT_LABELS[d.type]}${d.revision > 1 ? ` (rev ${d.revision})` : ''}${repeat ? ' [같은 eventId 재전송]' : ''}`;
  const outcome = d.status === 200 ? `결과: ${d.result}` : d.status === 0 ? `전송 실패: ${d.error}` : `거부 ${d.status}: ${d.error}`;
  return `네이버 예약 ${d.bookingId} ${what} → ${outcome}`;
}

/** Runs the simulator from argv; returns once the bookings are sent (the receiver, if any, keeps running). */
export async function runSimulateNaver(argv: string[], io: CliIo = { log: (l) => console.log(l), error: (l) => console.error(l) }): Promise<CliOutcome> {
  const none: CliOutcome = { exitCode: 0, simulator: null, bookings: [], deliveries: [] };
  let simulator: NaverSimulator | null = null;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: 'string', default: 'http://127.0.0.1:3000' },
        login: { type: 'string', default: 'admin@demo.yeyak.kr' },
        password: { type: 'string', default: 'demo1234!' },
        products: { type: 'string' },
        bookings: { type: 'string' },
        duplicates: { type: 'boolean', default: false },
        reorder: { type: 'boolean', default: false },
        interval: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        fail: { type: 'string' },
        once: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.log(USAGE);
      return none;
    }
    const count = intOption('bookings', values.bookings, 3);
    const interval = intOption('interval', values.interval, 500);
    const port = intOption('port', values.port, SIMULATOR_DEFAULT_PORT);
    const failFirst = intOption('fail', values.fail, 0);
    const modes = values.products ? parseProductModes(values.products) : DEMO_NAVER_PRODUCTS.map((p) => ({ productId: p.productId, mode: p.mode }));
    const target = values.target.replace(/\/+$/, '');

    const session = await login(target, values.login, values.password);
    const connection = await readConnection(target, session.cookie);
    if (!connection.enabled || !connection.secret) throw new CliError(`${session.businessName}: 네이버예약 연동이 꺼져 있습니다 (설정 > 네이버예약 연동에서 켜세요).`);
    const products: NaverProduct[] = [];
    for (const m of modes) {
      const linked = connection.products.find((p) => p.productId === m.productId);
      if (linked) products.push({ productId: m.productId, name: linked.departmentName, mode: m.mode });
      else io.log(`주의: 상품 ${m.productId} 는 ${session.businessName} 에 연동되어 있지 않아 건너뜁니다.`);
    }
    if (count > 0 && products.length === 0) {
      const linked = connection.products.map((p) => p.productId).join(', ') || '없음';
      throw new CliError(`보낼 수 있는 상품이 없습니다. 연동된 상품: ${linked}. --products 상품ID:approval|instant 로 지정하세요.`);
    }
    registerNaverProducts(products);

    io.log(`yeyak ${target} · ${session.businessName} · 웹훅 ${target}${connection.webhookPath}`);
    io.log(`네이버 상품: ${products.map((p) => `${p.productId} ${p.name} (${MODE_LABELS[p.mode]})`).join(', ') || '없음'}`);

    if (!values.once) {
      try {
        simulator = await startNaverSimulator({ port, host: values.host, secret: connection.secret, failFirst, log: (line) => io.log(line) });
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new CliError(code === 'EADDRINUSE' ? `포트 ${port} 를 이미 쓰고 있습니다 (다른 시뮬레이터가 실행 중인가요? --port 로 바꾸세요).` : `명령 수신 서버를 열지 못했습니다: ${(error as Error).message}`);
      }
      io.log(`네이버 명령 수신: ${simulator.url}${failFirst ? ` (처음 ${failFirst}개 명령은 503)` : ''}`);
      const outbound = connection.outboundUrl?.replace(/\/+$/, '') ?? null;
      if (outbound !== simulator.url) {
        io.log(`주의: 연동 설정의 전송 주소가 ${outbound ?? '(없음)'} 입니다. 명령을 받으려면 ${simulator.url} 로 바꾸세요.`);
      }
    }

    const approval = products.filter((p) => p.mode === 'approval');
    const instant = products.filter((p) => p.mode === 'instant');
    const firstMode = products[0]?.mode ?? 'approval';
    const bookings: SimulatedBooking[] = [];
    const deliveries: Delivery[] = [];
    const report = (list: Delivery[]) => {
      const shown = new Set<string>();
      for (const d of list) {
        io.log(deliveryLine(d, shown.has(d.eventId)));
        shown.add(d.eventId);
      }
      deliveries.push(...list);
    };

    for (let i = 0; i < count; i++) {
      if (i > 0 && interval > 0) await sleep(interval);
      const wantMode = i % 2 === 0 ? firstMode : firstMode === 'approval' ? 'instant' : 'approval';
      const pool = (wantMode === 'approval' ? approval : instant).length ? (wantMode === 'approval' ? approval : instant) : products;
      const product = pool[Math.floor(i / 2) % pool.length]!;
      const base = { target, businessId: session.businessId, secret: connection.secret, mode: product.mode, productId: product.productId, productName: product.name };

      if (values.reorder && i % 2 === 1) {
        // Out of order: the change (rev 2) reaches the product before the creation (rev 1).
        const created = await createNaverBooking({ ...base, hold: true });
        const changed = await changeNaverBooking(created.booking.bookingId, { hold: true });
        io.log(`\n네이버 예약 ${created.booking.bookingId}: 변경 이벤트를 생성 이벤트보다 먼저 보냅니다`);
        io.log(describeBooking(changed.booking));
        report(await sendNaverEvents([changed.event, created.event], { shuffle: false, duplicate: values.duplicates }));
        bookings.push(changed.booking);
      } else {
        const created = await createNaverBooking({ ...base, duplicate: values.duplicates });
        io.log('');
        io.log(describeBooking(created.booking));
        report(created.deliveries);
        bookings.push(created.booking);
      }
    }

    const failed = deliveries.filter((d) => d.status !== 200);
    io.log('');
    io.log(`보낸 예약 ${bookings.length}건, 이벤트 ${deliveries.length}건${failed.length ? `, 실패 ${failed.length}건` : ''}.`);
    if (simulator) io.log(`네이버 명령을 기다립니다 (${simulator.url}/bookings 에서 네이버 쪽 예약 상태 확인). 종료: Ctrl-C`);
    return { exitCode: failed.length ? 1 : 0, simulator, bookings, deliveries };
  } catch (error) {
    await simulator?.close();
    if (error instanceof CliError) io.error(error.message);
    else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) io.error(`${(error as Error).message}\n\n${USAGE}`);
    else if (error instanceof Error && error.message.startsWith('상품 형식')) io.error(error.message);
    else throw error;
    return { ...none, exitCode: 2 };
  }
}

/** The `simulate-naver` command of src/main.ts: runs, then keeps receiving until Ctrl-C (unless --once). */
export async function simulateNaverCommand(argv: string[]): Promise<void> {
  const outcome = await runSimulateNaver(argv);
  const simulator = outcome.simulator;
  if (!simulator) process.exit(outcome.exitCode);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('\n네이버 시뮬레이터를 종료합니다.');
      void simulator.close().then(() => process.exit(0));
    });
  }
}
