import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/registry.ts';
import { findInputProblem, inputProblemMessage, type InputProblem } from './input-guard.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs the body's exact text (a signature covers those bytes): kept as `req.rawBody`. */
    rawBody?: boolean;
  }
  interface FastifyRequest {
    rawBody?: string;
  }
}

/** Bodies larger than this are refused before parsing (BODY_TOO_LARGE); uploads set their own limits. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

function inputError(problem: InputProblem): AppError {
  const message = inputProblemMessage(problem);
  return new AppError('VALIDATION_FAILED', { message: `입력값이 올바르지 않습니다: ${problem.path ? `${problem.path} - ` : ''}${message}`, details: { fields: [{ path: problem.path, message }] } });
}

/**
 * QUAL-3, once for every route (including routes added later):
 * - one JSON parser: refuses prototype keys, and runs the input guard
 *   (NUL, lone surrogates, depth, size) on the parsed body;
 * - the same guard on path parameters and the query string;
 * - no other body types than JSON, and multipart where a route registers it
 *   (text/plain is not parsed: it answers UNSUPPORTED_MEDIA_TYPE).
 * A PATCH with nothing to change is a no-op answering the unchanged record;
 * use cases check `hasChanges` (src/platform/db/changes.ts) so an empty one
 * is never sent as SQL (test/hostile-input.test.ts checks this for every PATCH).
 */
export function installRequestGuards(app: FastifyInstance): void {
  const defaultJsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req: FastifyRequest, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    defaultJsonParser(req, text, (error, value) => {
      if (error) {
        done(new AppError('INVALID_JSON', { cause: error }), undefined);
        return;
      }
      const problem = findInputProblem(value);
      if (problem) {
        done(inputError(problem), undefined);
        return;
      }
      if (req.routeOptions.config.rawBody) req.rawBody = text;
      done(null, value);
    });
  });

  app.addHook('preValidation', async (req) => {
    const problem = findInputProblem(req.params) ?? findInputProblem(req.query);
    if (problem) throw inputError(problem);
  });
}
