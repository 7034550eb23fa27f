import net from 'node:net';

/**
 * SEC-1: who "one client" is, for limits. An IPv4 address is one client; an
 * IPv6 client usually holds a whole /64 and can pick any address in it, so
 * the /64 prefix is the client. `ip` is Fastify's `req.ip`, which follows
 * X-Forwarded-For only as far as YEYAK_TRUST_PROXY allows (SEC-2).
 */
export function clientKey(ip: string): string {
  const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (net.isIPv4(mapped)) return mapped;
  if (!net.isIPv6(mapped)) return mapped;
  return `${expandIPv6(mapped).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const withoutZone = ip.split('%')[0]!;
  const [head, tail] = withoutZone.split('::') as [string, string | undefined];
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) takes two groups.
  const last = tailParts.length ? tailParts[tailParts.length - 1]! : headParts[headParts.length - 1];
  const v4Groups = last && net.isIPv4(last) ? 1 : 0;
  const missing = tail === undefined ? 0 : 8 - headParts.length - tailParts.length - v4Groups;
  return [...headParts, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailParts].map((g) => (net.isIPv4(g) ? g : g.toLowerCase().padStart(4, '0')));
}
