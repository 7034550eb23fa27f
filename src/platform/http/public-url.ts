/**
 * The address customers reach this product at (opt-out links in messages,
 * MSG-10). YEYAK_PUBLIC_URL when set (behind a proxy or a domain);
 * otherwise the address the server is listening on, set at start.
 */
let listening: string | null = null;

export function setListeningUrl(url: string): void {
  listening = url;
}

export function publicUrl(): string {
  return (process.env.YEYAK_PUBLIC_URL ?? listening ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
}
