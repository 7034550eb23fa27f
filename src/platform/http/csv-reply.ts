import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { CSV_BOM, csvLine, type CsvCell } from '../csv.ts';

/**
 * A CSV download (OPS-8): the rows come in pages from an async source and
 * are written as they come, so a list of 100,000 customers is never held in
 * memory. The first page is read before anything is sent: an error there
 * (a refused filter, a missing row) is still answered as the usual JSON
 * error; a failure later can only cut the download short.
 */

export type CsvRows = readonly (readonly CsvCell[])[];

/** RFC 5987 / 6266: the UTF-8 name for browsers (filename*), an ASCII one for the rest. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A download: its name (and an ASCII one for old clients), the header row, and the rows page by page. */
export interface CsvDownload {
  name: string;
  asciiName: string;
  header: readonly string[];
  pages: AsyncIterable<CsvRows>;
}

export async function sendCsv(reply: FastifyReply, file: CsvDownload): Promise<FastifyReply> {
  const iterator = file.pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* chunks(): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(file.header) + (first.done ? '' : first.value.map(csvLine).join(''));
    for (let page = await iterator.next(); !page.done; page = await iterator.next()) yield page.value.map(csvLine).join('');
  }
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', attachmentDisposition(file.name, file.asciiName));
  reply.header('cache-control', 'no-store');
  return reply.send(Readable.from(chunks()));
}
