// The 六安市 checklists in the tenant pack: valid, "十有" complete, published by the demo seed
// once (a second run publishes nothing; an edited file yields a new version).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyStandardsPack, loadStandardsPack, parseStandardsPack } from '../src/modules/standards/pack.js'
import type { Database } from '../src/platform/db/database.js'
import { LUAN_DIR, seedDemo } from '../src/seed/demo.js'
import { freshDatabase } from './helpers/db.js'
import { LUAN } from './helpers/standards.js'

describe('六安市 standards pack', () => {
  it('is valid and carries the 十有, the signboard rule, 40 m² for villages and the city targets', () => {
    const pack = loadStandardsPack(LUAN_DIR)!
    expect(pack.city).toBe('341500000000')
    for (const tier of ['township', 'village'] as const) {
      const t = pack.templates[tier]
      const labels = t.items.map((i) => i.label).join('|')
      for (const word of ['信息化办公设备', '服务柜台', '服务窗口', '牌子', '咨询电话', '服务指南', '工作制度', '便民服务设施', '服务项目', '流程图']) {
        expect(labels, `${tier} ${word}`).toContain(word)
      }
      expect(t.items.find((i) => i.key === 'signboard')).toMatchObject({ kind: 'text', match: 'signboard', basic: 'signboard' })
      expect(t.items.reduce((s, i) => s + i.weight, 0)).toBe(100)
      expect(t.grading).toEqual({ demonstration: 90, standard: 75, simple: 60 })
    }
    expect(pack.templates.village.items.find((i) => i.key === 'hall_area')).toMatchObject({ min: 40, critical: true, basic: 'site' })
    expect(pack.templates.township.targets).toEqual({ standardisedRate: 90 })
    expect(pack.templates.village.targets).toEqual({ builtRate: 80 })
  })

  it('refuses a broken pack with every problem listed', () => {
    const broken = { ...LUAN, templates: { township: { items: [] }, village: { ...LUAN.templates.village, grading: { demonstration: 50, standard: 60, simple: 70 } } } }
    expect(() => parseStandardsPack(broken)).toThrow(/township\.grading[\s\S]*village\.grading/)
    expect(() => parseStandardsPack({ ...LUAN, city: '341502000000' })).toThrow(/city/)
  })
})

describe('applying the pack', () => {
  let db: Database
  beforeAll(async () => { db = await freshDatabase() })
  afterAll(() => db.close())

  it('the demo seed publishes both checklists once; an edited file publishes a new version of that tier', async () => {
    const first = await seedDemo(db, 'demo-password', new Date('2026-11-24T02:00:00Z'))
    expect(first.standards.published).toEqual(['township', 'village'])
    const again = await seedDemo(db, 'demo-password', new Date('2026-11-24T02:00:00Z'))
    expect(again.standards.published).toEqual([])
    const pack = parseStandardsPack(LUAN)
    pack.templates.village = { ...pack.templates.village, rectificationDays: 15 }
    expect((await applyStandardsPack(db, pack)).published).toEqual(['village'])
    const versions = await db.query(`select tier, max(version)::int as v from standard_template_versions where unit_code = '341500000000' group by tier order by tier`)
    expect(versions).toEqual([{ tier: 'township', v: 1 }, { tier: 'village', v: 2 }])
  })
})
