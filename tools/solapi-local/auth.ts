import { verifySolapiAuthorization } from '../../src/features/messaging/index.ts';

/**
 * The Authorization header checked exactly like Solapi (the messaging
 * feature's solapi-auth.ts): 403 InvalidAPIKey / SignatureDoesNotMatch /
 * RequestTimeTooSkewed / DuplicatedSignature, 401 when the header is
 * missing or unreadable. A signature is accepted once per window, so the
 * signatures seen are kept here for the server's lifetime.
 */

export interface AuthFailure {
  status: number;
  body: { errorCode: string; errorMessage: string };
}

export interface AuthOptions {
  apiKey: string;
  apiSecret: string;
  /** The server's clock (signature window). */
  now: () => Date;
  log: (line: string) => void;
}

/** A check of one request's Authorization header: null when it passes, else Solapi's answer. */
export function createAuthCheck(options: AuthOptions): (header: string | undefined) => AuthFailure | null {
  const usedSignatures = new Map<string, number>();
  return (header) => {
    const auth = verifySolapiAuthorization({
      header,
      secretFor: (key) => (key === options.apiKey ? options.apiSecret : undefined),
      now: options.now(),
      usedSignatures,
    });
    if (auth.ok) return null;
    options.log(`인증 실패: ${auth.errorCode} → ${auth.httpStatus}`);
    return { status: auth.httpStatus, body: { errorCode: auth.errorCode, errorMessage: auth.errorMessage } };
  };
}
