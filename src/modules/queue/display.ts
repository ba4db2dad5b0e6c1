// The hall display (叫号屏): Server-Sent Events. First the latest calls (oldest first), then each
// new call as it is made (polled every few seconds in the hall's scope), names masked, with the
// sentence for the speaker. A reconnecting display sends Last-Event-ID and gets what it missed.
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../../platform/context.js'
import { NotFound } from '../../platform/errors.js'
import { scopeOf } from '../../platform/scope.js'
import { levelOf } from '../units/index.js'
import { callsAfter, findHall } from './queries.js'

export const DISPLAY_POLL_MS = 2000

export async function display(c: Context<AppEnv>, code: string, hallId: string) {
  if (!levelOf(code)) throw new NotFound('未找到该单位')
  const db = c.get('db')
  const scope = scopeOf(code)
  const last = Number(c.req.header('last-event-id'))
  const hall = await db.scoped(scope, (tx) => findHall(tx, code, hallId), { readOnly: true })
  const first = await db.scoped(scope, (tx) => callsAfter(tx, hallId, Number.isInteger(last) && last > 0 ? last : null), { readOnly: true })
  c.header('cache-control', 'no-store')
  return streamSSE(c, async (stream) => {
    let aborted = false
    stream.onAbort(() => { aborted = true })
    await stream.writeSSE({ event: 'hall', data: JSON.stringify({ hallId: hall.id, name: hall.name }) })
    let after = 0
    const send = async (calls: Awaited<ReturnType<typeof callsAfter>>) => {
      for (const call of calls) {
        after = call.id
        await stream.writeSSE({ event: 'call', id: String(call.id), data: JSON.stringify(call) })
      }
    }
    await send(first)
    if (!after) after = Number.isInteger(last) && last > 0 ? last : 0
    while (!aborted) {
      await stream.sleep(DISPLAY_POLL_MS)
      if (aborted) break
      try {
        await send(await db.scoped(scope, (tx) => callsAfter(tx, hallId, after), { readOnly: true }))
        await stream.write(': keep-alive\n\n')
      } catch { break }
    }
  })
}
