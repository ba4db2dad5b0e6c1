// "Today" is the server's, never the browser's: a browser in another zone or with a wrong clock
// would date documents and default periods wrongly, and the server may run on a shifted clock
// (CLOCK_START). GET /api/time answers once, with the session (router.tsx); the offset to the
// browser's clock is kept, so the time ticks without asking again (ui/server-clock.ts). The
// hook lives apart so that the sign-in route loads only this query.
import { queryOptions } from '@tanstack/react-query'
import { api, data } from '../api/client'
import { keys } from '../api/keys'

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
