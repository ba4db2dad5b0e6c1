// The demo tenant: the real 六安市 tree and one account per role fitting each demo unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/platform/db/database.js'
import { demoUnits, loadPack, LUAN_DIR, seedDemo } from '../src/seed/demo.js'
import { freshDatabase } from './helpers/db.js'
import { getRequestListener } from '@hono/node-server'
import request from 'supertest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { fixedClock } from '../src/platform/clock.js'
import { createLogger } from '../src/platform/logger.js'
import { PERSON } from './helpers/cases.js'

let db: Database
beforeAll(async () => { db = await freshDatabase() })
afterAll(() => db.close())

describe('demo seed', () => {
  it('loads 六安市 with 7 counties, 146 townships and 1,970 villages, and demo staff', async () => {
    const first = await seedDemo(db, 'demo-password', new Date('2026-11-24T02:00:00Z'))
    expect(first.units.created).toBe(1 + 7 + 146 + 1970)
    const counts = await db.query(`select level, count(*)::int as n from units group by level order by level`)
    expect(Object.fromEntries(counts.map((r) => [r.level, r.n]))).toEqual({ city: 1, county: 7, township: 146, village: 1970 })
    expect(demoUnits(loadPack(LUAN_DIR))).toEqual(['341500000000', '341502000000', '341502001000', '341502001001'])
    const users = await db.query(`select username from users order by username`)
    // 6 roles at the city and the county, 7 at the township, 3 at the village station.
    expect(users).toHaveLength(6 + 6 + 7 + 3)
    expect(users.map((u) => u.username)).toContain('341502000000-center_admin')
    expect(users.map((u) => u.username)).not.toContain('341502001001-approver')
  }, 300_000) // the whole 六安 tree: 2,124 units; minutes on a loaded 2-core machine

  it('seeds nothing twice', async () => {
    const before = await db.query(`select count(*)::int as u, (select count(*)::int from users) as s from units`)
    const again = await seedDemo(db, 'demo-password', new Date('2026-11-24T02:00:00Z'))
    expect(again.units).toEqual({ created: 0, updated: 0 })
    expect(again.createdUsers).toBe(0)
    expect(await db.query(`select count(*)::int as u, (select count(*)::int from users) as s from units`)).toEqual(before)
  })

  it('demo staff can work right away: the 金安区 clerk takes in and accepts, the village agent takes in', async () => {
    const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), clock: fixedClock('2026-11-24T02:00:00Z'), log: createLogger('silent'), db: () => db })
    const http = request(getRequestListener(app.fetch))
    const login = async (username: string) =>
      (await http.post('/api/auth/login').send({ username, password: 'demo-password' }).expect(200)).body.token as string
    const takeIn = async (token: string, unitCode: string, matterCode: string) => {
      const guide = await http.get(`/api/public/units/${unitCode}/matters/${matterCode}/guide`).expect(200)
      const materials = guide.body.materials.map((m: { name: string }) => ({ name: m.name }))
      return http.post('/api/cases').set('authorization', `Bearer ${token}`).send({ unitCode, matterCode, applicant: PERSON, materials })
    }
    const clerk = await login('341502000000-window_clerk')
    const c = await takeIn(clerk, '341502000000', '3415-SCJG-XK-0001')
    expect(c.status).toBe(201)
    const accepted = await http.post(`/api/cases/${c.body.case.id}/accept`).set('authorization', `Bearer ${clerk}`).send({})
    expect(accepted.status).toBe(200)
    // Staff sit at windows by post: the clerk at the front windows does not review; the reviewer
    // and the approver at the back-office window do.
    const step = async (user: string, action: string, body: object) =>
      http.post(`/api/cases/${c.body.case.id}/${action}`).set('authorization', `Bearer ${await login(user)}`).send(body)
    expect((await step('341502000000-window_clerk', 'review', { opinion: '同意' })).status).toBe(403)
    expect((await step('341502000000-reviewer', 'review', { opinion: '同意' })).status).toBe(200)
    expect((await step('341502000000-approver', 'decide', { decision: 'approve' })).status).toBe(200)
    const posts = await db.query(`select u.username, w.number from window_staff s join users u on u.id = s.user_id join windows w on w.id = s.window_id
                                   where w.unit_code = '341502000000' order by u.username, w.number`)
    expect(posts.filter((p) => p.username.endsWith('-window_clerk')).map((p) => p.number)).toEqual(['1', '2', '3', '4', '5', '6', '7'])
    expect(posts.filter((p) => !p.username.endsWith('-window_clerk')).map((p) => [p.username.slice(13), p.number])).toEqual([['approver', '8'], ['reviewer', '8']])
    // The village agent takes in a guidance-catalog matter; forwarding finds the township holding its power.
    const agent = await login('341502001001-agent')
    const v = await takeIn(agent, '341502001001', '341502-DB-GG-0001')
    expect(v.status).toBe(201)
    const fwd = await http.post(`/api/cases/${v.body.case.id}/forward`).set('authorization', `Bearer ${agent}`).send({ reason: '代办转报' })
    expect(fwd.body).toMatchObject({ unitCode: '341502001000', matterCode: '3415-RS-GG-0001' })
    const townClerk = await login('341502001000-window_clerk')
    expect((await http.post(`/api/cases/${v.body.case.id}/accept`).set('authorization', `Bearer ${townClerk}`).send({})).status).toBe(200)
  })
})
