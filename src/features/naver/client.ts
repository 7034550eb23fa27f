import type { NaverCommand } from './domain/commands.ts';
import { signedHeaders } from './domain/signature.ts';

const TIMEOUT_MS = 10_000;

export class NaverSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NaverSendError';
  }
}

/** Sends one signed command to the Naver side (docs/naver-contract.md). Never called inside a database transaction. */
export async function sendNaverCommand(outboundUrl: string, secret: string, command: NaverCommand): Promise<void> {
  const body = JSON.stringify(command);
  const url = `${outboundUrl.replace(/\/+$/, '')}/bookings/${encodeURIComponent(command.bookingId)}/commands`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: signedHeaders(secret, body), body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `응답 없음 (${TIMEOUT_MS / 1000}초)` : `연결 실패: ${(error as Error).message}`;
    throw new NaverSendError(reason);
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).slice(0, 300);
    throw new NaverSendError(`네이버 응답 ${response.status}${text ? `: ${text}` : ''}`);
  }
}
