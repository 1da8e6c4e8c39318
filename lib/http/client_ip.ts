/**
 * The client's IP: the socket peer, or, behind `trustedProxies` proxies, the address that
 * many hops back in X-Forwarded-For (the rightmost entries are the ones our proxies added).
 */
export function clientIp(req: Request, peer: string, trustedProxies: number): string {
  if (trustedProxies === 0) return peer;
  const chain = (req.headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - trustedProxies] ?? chain[0] ?? peer;
}
