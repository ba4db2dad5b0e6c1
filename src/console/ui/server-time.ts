// "Today" is the server's, never the browser's: a browser in another zone or with a wrong clock
// would date documents and default periods wrongly, and the server may run on a shifted clock
// (CLOCK_START). GET /api/time answers once; the offset to the browser's clock is kept, so the
// time keeps ticking without asking again, and the day rolls over at Beijing midnight.
import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { api, data } from '../api/client'
import { keys } from '../api/keys'
import { dayCST } from './dates'

export interface ServerTime { today: string; workingDay: boolean; dayName: string; offsetMs: number }

export const serverTimeQuery = queryOptions({
  queryKey: keys.time(),
  queryFn: async (): Promise<ServerTime> => {
    const sent = Date.now()
    const t = await data(api.GET('/api/time'))
    const got = Date.now()
    // The answer was made about halfway through the round trip.
    return { today: t.today, workingDay: t.workingDay, dayName: t.dayName, offsetMs: Date.parse(t.now) - (sent + got) / 2 }
  },
  staleTime: 10 * 60_000,
  refetchInterval: 30 * 60_000,
})

/** The server's time now, from an offset (for code outside React: pass the offset along). */
export const serverNow = (offsetMs: number) => new Date(Date.now() + offsetMs)

/**
 * The server's clock: `now()`, `today` (Asia/Shanghai YYYY-MM-DD) and whether today is a working
 * day. The route loader fetched it (ensureQueryData), so this never suspends after sign-in.
 */
export function useServerClock() {
  const qc = useQueryClient()
  const t = useSuspenseQuery(serverTimeQuery).data
  const [today, setToday] = useState(() => dayCST(serverNow(t.offsetMs)))
  useEffect(() => {
    const tick = () => setToday(dayCST(serverNow(t.offsetMs)))
    tick()
    const id = setInterval(tick, 30_000)
    return () => clearInterval(id)
  }, [t.offsetMs])
  // Past midnight the working-day flag belongs to yesterday: ask again.
  useEffect(() => { if (today !== t.today) void qc.invalidateQueries({ queryKey: keys.time() }) }, [today, t.today, qc])
  return { now: () => serverNow(t.offsetMs), today, workingDay: today === t.today ? t.workingDay : null, dayName: today === t.today ? t.dayName : null }
}

/** Today on the server's clock (Asia/Shanghai). */
export const useToday = () => useServerClock().today
