// The public booking page's first-load JavaScript, as a customer's phone
// downloads it: serves a built web app (web/dist unless a folder is given)
// gzip-compressed, opens /book/places/<id> in Debian's Chromium and sums the
// compressed bodies of the scripts the page loaded. The API is not running,
// so the page shows its error state; the scripts it needs are the same.
//   node scripts/measure-booking-js.ts [dist folder]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'web', 'dist'));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND","message":"없음"}}');
    return;
  }
  let file = path.join(dist, url.pathname);
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
  const body = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': body.length });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/book/places/00000000-0000-4000-8000-000000000000`, { waitUntil: 'networkidle' });
  const scripts = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => /\.js(\?|$)/.test(entry.name))
      .map((entry) => ({ url: new URL(entry.name).pathname, gzipBytes: entry.encodedBodySize, bytes: entry.decodedBodySize })),
  );
  const total = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
  console.log(JSON.stringify({ page: '/book/places/:id', scripts, gzipKB: Math.round(total / 10) / 100 }));
} finally {
  await browser.close();
  server.close();
}
