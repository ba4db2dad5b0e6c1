// The server's time (服务器时间), at /api/time: the console takes "today" from here, not from the
// browser, whose clock may be wrong or in another zone, while the server may run on a shifted
// clock (CLOCK_START, for demos and browser tests). Anyone may ask; a signed-in user gets the
// working day on its own unit's calendar (local holidays and make-up workdays), anyone else the
// official national calendar.
import { createRoute } from '@hono/zod-openapi'
import { loadCalendar, nationalCalendar } from '../../platform/calendar.js'
import { asActor } from '../../platform/context.js'
import { Day, errorResponses, Instant, json, router, z } from '../../platform/openapi.js'
import { shanghaiDate } from '../../platform/time.js'

export const ServerTime = z.object({
  now: Instant.openapi({ description: '服务器当前时刻（ISO 8601，UTC）' }),
  today: Day.openapi({ description: '今天（北京时间）' }),
  workingDay: z.boolean().openapi({ description: '今天是否为工作日（法定节假日、调休上班日及本单位和上级的工作日历调整）' }),
  dayName: z.string().openapi({ description: '今天的说明，如“工作日”“周末”“国庆节”“春节调休上班”' }),
  calendarUnitCode: z.string().nullable().openapi({ description: '按哪个单位的工作日历判断（未登录为 null：只按全国法定日历）' }),
}).openapi('ServerTime')

export const time = router().openapi(createRoute({
  method: 'get', path: '/time', tags: ['运维'], security: [],
  summary: '服务器时间：当前时刻、今天（北京时间）及是否工作日',
  description: '工作台以此为准计算“今天”，不读浏览器时钟（浏览器可能在其他时区或时钟不准）。无需登录；登录后按本人所在单位的工作日历判断是否工作日。',
  responses: { 200: json(ServerTime, '服务器时间', { now: '2026-11-24T02:00:00.000Z', today: '2026-11-24', workingDay: true, dayName: '工作日', calendarUnitCode: null }),
    ...errorResponses },
}), async (c) => {
  const now = c.get('deps').clock.now()
  const today = shanghaiDate(now)
  const unitCode = c.get('actor')?.unitCode ?? null
  const cal = unitCode ? await asActor(c, (ctx) => loadCalendar(ctx.db, unitCode)) : nationalCalendar()
  const day = cal.day(today)
  return c.json({ now: now.toISOString(), today, workingDay: day.working, dayName: day.name, calendarUnitCode: unitCode }, 200)
})
