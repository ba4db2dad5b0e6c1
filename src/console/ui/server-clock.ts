// The server's clock in a screen (see ui/server-time.ts): now, today and the working day.
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { keys } from '../api/keys'
import { dayCST } from './dates'
import { serverTimeQuery } from './server-time'

/** The server's time now, from the offset to the browser's clock. */
export const serverNow = (offsetMs: number) => new Date(Date.now() + offsetMs)

/**
 * The server's clock: `now()`, `today` (Asia/Shanghai YYYY-MM-DD) and whether today is a working
 * day. The route loader fetched it (ensureQueryData), so this never suspends after sign-in; the
 * day rolls over at Beijing midnight by the kept offset.
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
