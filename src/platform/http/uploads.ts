import type { FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors/registry.ts';
import { toErrorReply } from './error-reply.ts';

export interface UploadedFile {
  fieldname: string;
  filename: string;
  mimetype: string;
  bytes: Buffer;
}

/**
 * QUAL-3: the one way a route reads an uploaded file. Whatever goes wrong
 * while the multipart body is read (no boundary, garbage after it, a part
 * cut short, too many parts) is the client's malformed request, answered
 * as a 4xx: MULTIPART_INVALID, or the route's own code for "too large" and
 * "wrong field". A route registers @fastify/multipart with its limits.
 */
export async function readUploadedFile(
  req: FastifyRequest,
  options: { field: string; wrongField: AppError; tooLarge?: ErrorCode },
): Promise<UploadedFile> {
  const failed = (error: unknown): never => {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' && options.tooLarge) throw new AppError(options.tooLarge, { cause: error });
    // Not multipart at all (a JSON body, say): the route's own "send the file in this field" answer.
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw options.wrongField;
    const reply = toErrorReply(error);
    const known = reply.status >= 400 && reply.status < 500 ? (reply.body.error.code as ErrorCode) : 'MULTIPART_INVALID';
    throw new AppError(known === 'REQUEST_INVALID' ? 'MULTIPART_INVALID' : known, { cause: error });
  };
  const part = await req.file().catch(failed);
  if (!part || part.fieldname !== options.field) {
    part?.file.resume();
    throw options.wrongField;
  }
  const bytes = await part.toBuffer().catch(failed);
  return { fieldname: part.fieldname, filename: part.filename, mimetype: part.mimetype, bytes };
}
