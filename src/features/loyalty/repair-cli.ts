import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import * as businesses from './repository/businesses.ts';
import { repairAudienceFacts } from './use-cases/repair-audience-facts.ts';

const USAGE = '사용법: npm run repair:audience-facts -- --business <업체 ID>';

/**
 * `npm run repair:audience-facts -- --business <id>` (issue 14): recomputes a
 * business's audience facts (groups, last visit, last message) from its
 * visits and messages and says how many were wrong. Exit code 0 when done,
 * 2 for a wrong call.
 */
export async function repairAudienceFactsCommand(
  db: Kysely<DB>,
  args: string[],
  out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let given: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--business') given = args[++i];
    else if (args[i]!.startsWith('--business=')) given = args[i]!.slice('--business='.length);
    else {
      out.stderr.write(`알 수 없는 인수: ${args[i]}\n${USAGE}\n`);
      return 2;
    }
  }
  if (!given) {
    out.stderr.write(`업체 ID를 지정해 주세요.\n${USAGE}\n`);
    return 2;
  }
  const business = /^[0-9a-f-]{36}$/i.test(given) ? await businesses.findBusiness(db, given) : undefined;
  if (!business) {
    out.stderr.write(`업체를 찾을 수 없습니다: ${given}\n`);
    return 2;
  }
  const result = await repairAudienceFacts(db, business.id);
  out.stdout.write(`${business.name}: 고객 ${result.customers.toLocaleString('ko-KR')}명의 발송 대상 정보를 다시 계산했습니다 (바로잡은 고객 ${result.corrected.toLocaleString('ko-KR')}명).\n`);
  return 0;
}
