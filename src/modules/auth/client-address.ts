// The client's address, for throttling. On Node it is the socket's peer; X-Forwarded-For is
// believed only when TRUST_PROXY says how many proxies of ours stand in front (the client is
// the entry that many places from the right: entries further left are whatever the client
// sent). On Workers the runtime sets CF-Connecting-IP itself (a client cannot forge it there);
// on Node that header is never read.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/context.js'

export function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as any)?.incoming
  const socket: string | undefined = incoming?.socket?.remoteAddress
  if (!incoming) return c.req.header('cf-connecting-ip') ?? 'unknown'
  const hops = c.get('deps').config.TRUST_PROXY
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    const hop = chain[chain.length - hops] ?? chain[0]
    if (hop) return hop
  }
  return socket ?? 'unknown'
}
