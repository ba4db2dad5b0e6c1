// The 六安市 tenant pack (tenants/luan): it validates, applies idempotently, versions edits
// by date, publishes who decides in whose name, keeps villages to agent items, and the
// validator refuses broken packs with the file and path of each problem. For speed the pack
// is applied to 金安区 with the villages of two townships only (the files are unchanged).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPack } from '../src/seed/apply-pack.js'
import { LUAN_DIR } from '../src/seed/demo.js'
import { readPack } from '../src/seed/pack-files.js'
import { formatProblem, validatePack } from '../src/seed/validate-pack.js'
import { bearer, harness, type Harness, snapshot } from './helpers/app.js'

const COUNTY = '341502000000', TOWN = '341502001000', PILOT = '341502104000', VILLAGE = '341502001001'
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))
const real = readPack(LUAN_DIR) as any

/** A copy of the pack limited to the city, 金安区, its townships and the villages of two of them. */
function subsetPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'))
  cpSync(LUAN_DIR, dir, { recursive: true })
  const units = clone(real['units.json'])
  units.units = units.units.filter((u: any) => u.level === 'city' || (u.code.startsWith('341502') &&
    (u.level !== 'village' || u.code.startsWith(TOWN.slice(0, 9)) || u.code.startsWith(PILOT.slice(0, 9)))))
  writeFileSync(join(dir, 'units.json'), JSON.stringify(units))
  return dir
}

describe('the 六安市 pack files', () => {
  it('validate against the API schemas and cross-references', () => {
    expect(validatePack(real).map(formatProblem)).toEqual([])
  })

  it('hold a realistic catalog: ≥ 40 base matters across ≥ 8 departments, 金安区 lists and agent-only village items', () => {
    const cats = real['catalog.json'].catalogs as any[]
    const base = cats.find((c) => c.kind === 'base')
    expect(base.matters.length).toBeGreaterThanOrEqual(40)
    expect(new Set(base.matters.map((m: any) => m.code.split('-')[1])).size).toBeGreaterThanOrEqual(8)
    const impl = cats.find((c) => c.kind === 'implementation' && c.unit === COUNTY)
    const baseCodes = new Set(base.matters.map((m: any) => m.code))
    expect(impl.matters.filter((m: any) => !baseCodes.has(m.code)).length).toBeGreaterThanOrEqual(2)
    const village = cats.find((c) => c.kind === 'village')
    expect(village.matters.length).toBeGreaterThanOrEqual(5)
    expect(village.matters.every((m: any) => m.agentService && m.exerciseLevel === 'village')).toBe(true)
  })
})

describe('applying the pack', () => {
  let h: Harness, dir: string
  beforeAll(async () => {
    h = await harness()
    dir = subsetPack()
  })
  afterAll(async () => { rmSync(dir, { recursive: true, force: true }); await h.close() })

  it('applies once; a second run changes nothing (same versions, no duplicates)', async () => {
    const first = await applyPack(h.db, dir, h.clock.now())
    expect(first.published).toEqual(['341500000000 v1', '341502000000 v1', '341502104000 v1'])
    expect(first.grants).toBeGreaterThan(23 * 7)
    expect(first.windows).toBe(15) // 7 front + 1 back-office (审批) at the 金安区 hall, 5 + 1 at 中市街道, the 代办 window of 迎宾居委会
    const before = await snapshot(h.db)
    const again = await applyPack(h.db, dir, h.clock.now())
    expect(again).toEqual({ units: { created: 0, updated: 0 }, published: [], grants: 0, windows: 0, hall: 0 })
    expect(await snapshot(h.db)).toBe(before)
    const list = await h.http.get(`/api/public/units/${COUNTY}/matters`)
    expect(list.status).toBe(200)
    expect(list.body.length).toBeGreaterThanOrEqual(50)
    expect(new Set(list.body.map((m: any) => m.matterCode)).size).toBe(list.body.length)
  })

  it('says that an entrusted township decides in the entrusting organ’s name, and announces the entrustment', async () => {
    const guide = await h.http.get(`/api/public/units/${TOWN}/matters/3415-SCJG-XK-0001/guide`)
    expect(guide.status).toBe(200)
    expect(guide.body.handling.decision).toMatchObject({ inNameOf: '金安区市场监督管理局', basis: '受金安区市场监督管理局委托' })
    expect(guide.body.handling.decision.statement).toMatch(/^中市街道为民服务中心受金安区市场监督管理局委托/)
    expect(guide.body.handling.windows).toEqual([{ number: '4', name: '市场监管窗口（受委托）' }])
    const list = await h.http.get(`/api/public/units/${TOWN}/entrustments`)
    expect(list.body.items).toEqual([expect.objectContaining({ matterCode: '3415-SCJG-XK-0001', documentNo: '金政〔2026〕22号', entrustingOrgan: '金安区市场监督管理局' })])
    // A delegated matter is decided in the township's own name.
    const elder = await h.http.get(`/api/public/units/${TOWN}/matters/3415-MZ-GF-0003/guide`)
    expect(elder.body.handling.decision).toMatchObject({ inNameOf: '中市街道', basis: '上级下放（金安区）' })
    // Out of the hall only with the county's approval, and the public learns where to go.
    const estate = await h.http.get(`/api/public/units/${COUNTY}/matters/3415-ZY-QR-0001/guide`)
    expect(estate.body.handling.hall).toMatchObject({ inHall: false, office: '金安区不动产登记中心（不动产登记交易大厅）', approvalDocument: '金政秘〔2026〕8号' })
  })

  it('gives village stations agent items only; reserved matters only to pilot towns; a township’s own tightening', async () => {
    const list = await h.http.get(`/api/public/units/${VILLAGE}/matters`)
    const here = list.body.filter((m: any) => m.handledHere)
    expect(here.length).toBe(8)
    expect(here.every((m: any) => m.agentService && m.name.endsWith('代办'))).toBe(true)
    const token = await h.token(VILLAGE, 'center_admin')
    const powers = (await h.http.get(`/api/units/${VILLAGE}/powers?limit=200`).set(bearer(token))).body.items as any[]
    expect(powers.map((p) => p.matterCode).sort()).toEqual(here.map((m: any) => m.matterCode).sort())
    expect(powers.every((p) => p.rights.every((r: string) => ['accept', 'deliver'].includes(r)))).toBe(true)
    const guide = await h.http.get(`/api/public/units/${VILLAGE}/matters/341502-DB-GG-0003/guide`)
    expect(guide.body.handling).toMatchObject({ accepts: true, agentOnly: true, decision: null })

    const pilot = await h.token(PILOT, 'center_admin')
    const held = (code: string) => h.http.get(`/api/units/${code}/powers?limit=200`).set(bearer(pilot))
    expect((await held(PILOT)).body.items.map((p: any) => p.matterCode)).toContain('3415-LY-XK-0001')
    const town = await h.token(TOWN, 'center_admin')
    expect((await h.http.get(`/api/units/${TOWN}/powers?limit=200`).set(bearer(town))).body.items.map((p: any) => p.matterCode)).not.toContain('3415-LY-XK-0001')
    const days = async (code: string) => (await h.http.get(`/api/public/units/${code}/matters/3415-MZ-GF-0003/guide`)).body.promisedLimit.days
    expect([await days(TOWN), await days(PILOT)]).toEqual([10, 5])
  })

  it('an edited matter makes a new version; ?at= the previous day still answers the old one', async () => {
    const file = join(dir, 'catalog.json')
    const cat = JSON.parse(readFileSync(file, 'utf8'))
    const m = cat.catalogs[0].matters.find((x: any) => x.code === '3415-SCJG-XK-0003')
    expect(m.promisedLimit.days).toBe(10)
    m.promisedLimit.days = 8
    writeFileSync(file, JSON.stringify(cat))
    h.clock.set('2026-11-25T02:00:00Z')
    const r = await applyPack(h.db, dir, h.clock.now())
    expect(r.published).toEqual(['341500000000 v2'])
    expect((await h.http.get(`/api/public/units/${COUNTY}/matters/3415-SCJG-XK-0003/guide`)).body.promisedLimit.days).toBe(8)
    const list = async (d: string) => (await h.http.get(`/api/public/units/${COUNTY}/matters?at=${d}&include=above`)).body.find((x: any) => x.matterCode === '3415-SCJG-XK-0003')
    expect((await list('2026-11-24')).promisedLimit.days).toBe(10)
    expect((await list('2026-11-25')).promisedLimit.days).toBe(8)
    const city = await h.token('341500000000', 'center_admin')
    const versions = await h.http.get('/api/units/341500000000/catalog/versions').set(bearer(city))
    expect(versions.body.items.map((v: any) => [v.version, v.effectiveFrom])).toEqual([[2, '2026-11-25'], [1, '2026-01-01']])
    expect((await applyPack(h.db, dir, h.clock.now())).published).toEqual([])
  })
})

describe('validate-pack', () => {
  const problems = (edit: (p: any) => void) => {
    const p = clone(real)
    edit(p)
    return validatePack(p).map(formatProblem)
  }

  it('names the file and path of a bad matter code, a grant outside the subtree and a decide right for a village', () => {
    expect(problems((p) => { p['grants.json'][0].matterCode = '3415-XX-XK-9999' })).toContainEqual(
      'grants.json › [0].matterCode：事项 3415-XX-XK-9999 不在金安区适用的目录中（catalog.json）')
    expect(problems((p) => { p['grants.json'][0].grantees = ['341503001000'] })).toContainEqual(
      'grants.json › [0].grantees[0]：鼓楼街道不在金安区的辖区内：只能向本单位的下级下放或委托')
    const village = problems((p) => { p['grants.json'].find((g: any) => g.documentNo === '金政办〔2026〕15号').rights = ['accept', 'decide'] })
    expect(village.join('\n')).toMatch(/grants\.json › \[\d+\]\.rights：村\(社区\)为民服务工作站（迎宾居委会等 34 个）只能代办（受理转报、送达），不能获得：审批决定/)
  })

  it('reports format errors with the schema’s messages first', () => {
    const out = problems((p) => {
      p['catalog.json'].catalogs[0].matters[0].type = '行政审批'
      p['grants.json'][1].rights = ['approve']
    })
    expect(out).toEqual([
      expect.stringMatching(/^catalog\.json › catalogs\[0\]\.matters\[0\]\.type：事项类型应为：行政许可、/),
      expect.stringMatching(/^grants\.json › \[1\]\.rights\[0\]：权限应为 accept、/),
    ])
  })

  it('refuses loosening, unknown units, art. 24, reserved matters outside pilot towns, villages of another county, unapproved out-of-hall entries and window rights the unit lacks', () => {
    const out = problems((p) => {
      const cats = p['catalog.json'].catalogs
      cats.find((c: any) => c.kind === 'implementation').matters.find((m: any) => m.code === '3415-SCJG-XK-0002').promisedLimit.days = 7
      cats.find((c: any) => c.kind === 'village').matters[0].agentService = false
      p['windows.json'][0].unit = '341599000000'
      p['pilot-towns.json'] = ['341502001001']
      p['grants.json'].push({ grantor: '341502001000', grantees: ['341502001002'], matterCode: '3415-SCJG-XK-0001', kind: 'delegation',
        rights: ['accept'], documentNo: '中街〔2026〕1号', legalBasis: '转委托', validFrom: '2026-05-01' })
      p['windows.json'][7].rights.push({ matterCode: '3415-LY-XK-0001', rights: ['accept'] })
      p['grants.json'].find((g: any) => g.documentNo === '金政办〔2026〕15号').grantees = ['villages-of:341503001000']
      p['hall.json'][0] = { unit: COUNTY, matterCode: '3415-GA-QR-0001', inHall: false, office: '金安分局户政科' }
    })
    expect(out).toEqual(expect.arrayContaining([
      expect.stringMatching(/^catalog\.json › catalogs\[1\]\.matters\[\d+\]\.promisedLimit\.days：承诺时限不能长于六安市的 5 天/),
      expect.stringMatching(/^catalog\.json › catalogs\[3\]\.matters\[0\]\.agentService：/),
      'windows.json › [0].unit：单位 341599000000 不在 units.json 中',
      'pilot-towns.json › [0]：扩权强镇试点只能是乡镇，迎宾居委会是村(社区)级',
      expect.stringMatching(/^grants\.json › \[\d+\]\.grantees\[0\]：事项 3415-LY-XK-0001 为县级保留事项，只能下放给扩权强镇试点乡镇（pilot-towns\.json），毛坦厂镇不是/),
      expect.stringMatching(/^grants\.json › \[\d+\]\.matterCode：中市街道受委托行使事项 3415-SCJG-XK-0001，不得再委托或下放（《行政许可法》第二十四条）/),
      expect.stringMatching(/^grants\.json › \[\d+\]\.grantees\[0\]：341503001000 不是金安区辖区内的乡镇$/),
      'hall.json › [0].approvalDocument：不进驻大厅须公布办理机构、地址、电话并注明县(区)政府批准文件',
      expect.stringMatching(/^windows\.json › \[7\]\.rights\[\d+\]\.rights：窗口权限不能超出本单位持有的权限：中市街道对事项 3415-LY-XK-0001 不持有受理/),
    ]))
  })

  it('the CLI exits non-zero with the problems, and a broken pack is not applied at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-pack-'))
    try {
      cpSync(LUAN_DIR, dir, { recursive: true })
      const grants = clone(real['grants.json'])
      grants[0].grantees = ['341503001000']
      writeFileSync(join(dir, 'grants.json'), JSON.stringify(grants))
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'tenants/validate-pack.ts', dir], { encoding: 'utf8' })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('grants.json › [0].grantees[0]：鼓楼街道不在金安区的辖区内')
      const ok = spawnSync(process.execPath, ['--import', 'tsx', 'tenants/validate-pack.ts', LUAN_DIR], { encoding: 'utf8' })
      expect(ok.status, ok.stderr).toBe(0)
      const h = await harness()
      try {
        const before = await snapshot(h.db)
        await expect(applyPack(h.db, dir, h.clock.now())).rejects.toThrow(/鼓楼街道不在金安区的辖区内/)
        expect(await snapshot(h.db)).toBe(before)
      } finally { await h.close() }
    } finally { rmSync(dir, { recursive: true, force: true }) }
  })
})
