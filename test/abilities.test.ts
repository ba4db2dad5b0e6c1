// The authorisation rules themselves (src/platform/abilities.ts), without HTTP: each role at each
// tier against its own unit, a unit below, the unit above and a sibling; and the CASL→SQL
// translator (src/platform/casl-sql.ts) against CASL's own answer, row by row, on the traps the
// design names: an unconditional rule (empty AND), no rule, nulls, inverted rules, empty lists.
import { AbilityBuilder, createMongoAbility, subject } from '@casl/ability'
import { PGlite } from '@electric-sql/pglite'
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Action, type Actor, type AppAbility, defineAbilityFor, type SubjectType } from '../src/platform/abilities.js'
import { abilityWhere, grantsRange } from '../src/platform/casl-sql.js'
import { type Level, LEVELS } from '../src/platform/codes.js'
import { type Role, ROLES, ROLES_BY_LEVEL } from '../src/platform/roles.js'

// One branch of the tree, and a sibling at each tier below the city.
const UNIT: Record<Level, string> = { city: '330700000000', county: '330702000000', township: '330702001000', village: '330702001001' }
const SIBLING: Record<Level, string | null> = { city: null, county: '330703000000', township: '330702002000', village: '330702001002' }
const below = (l: Level) => (l === 'village' ? null : UNIT[LEVELS[LEVELS.indexOf(l) + 1]])
const above = (l: Level) => (l === 'city' ? null : UNIT[LEVELS[LEVELS.indexOf(l) - 1]])

const actor = (role: Role, level: Level): Actor =>
  ({ id: `u-${role}-${level}`, username: `${role}-${level}`, displayName: role, unitCode: UNIT[level], roles: [role] })
const ability = (role: Role, level: Level) => defineAbilityFor(actor(role, level), [])
const can = (a: AppAbility, action: Action, type: SubjectType, row: Record<string, unknown>) => a.can(action, subject(type, row))

/** Every role that fits a tier, at that tier. */
const CASES = LEVELS.flatMap((level) => ROLES_BY_LEVEL[level].map((role) => ({ role, level })))

describe('abilities per role and tier', () => {
  it('covers every role at some tier', () => {
    expect(new Set(CASES.map((c) => c.role))).toEqual(new Set(ROLES))
  })

  describe.each(CASES)('$role at $level', ({ role, level }) => {
    const a = ability(role, level)
    const own = UNIT[level], child = below(level), parent = above(level), sibling = SIBLING[level]

    it('reads the oversight of its subtree only if supervisor or center admin (never above, never a sibling)', () => {
      const supervises = role === 'supervisor' || role === 'center_admin'
      expect(can(a, 'read', 'Oversight', { unitCode: own })).toBe(supervises)
      if (child) expect(can(a, 'read', 'Oversight', { unitCode: child })).toBe(supervises)
      if (parent) expect(can(a, 'read', 'Oversight', { unitCode: parent })).toBe(false)
      if (sibling) expect(can(a, 'read', 'Oversight', { unitCode: sibling })).toBe(false)
    })

    it('sets oversight thresholds only as the city center admin, at the city', () => {
      const cityAdmin = role === 'center_admin' && level === 'city'
      expect(can(a, 'configure', 'OversightSettings', { unitCode: own })).toBe(cityAdmin)
      if (child) expect(can(a, 'configure', 'OversightSettings', { unitCode: child })).toBe(false)
      if (parent) expect(can(a, 'configure', 'OversightSettings', { unitCode: parent })).toBe(false)
    })

    it('answers a red warning of its own unit only as staff who act on cases', () => {
      const handler = ['center_admin', 'approver', 'reviewer', 'window_clerk'].includes(role)
      expect(can(a, 'answerWarning', 'Warning', { unitCode: own })).toBe(handler)
      if (child) expect(can(a, 'answerWarning', 'Warning', { unitCode: child })).toBe(false)
      if (parent) expect(can(a, 'answerWarning', 'Warning', { unitCode: parent })).toBe(false)
    })

    it('takes in at the window as window clerk, as 代办 only as agent, and only at its own unit', () => {
      expect(can(a, 'intake', 'Case', { unitCode: own, channel: 'window' })).toBe(role === 'window_clerk')
      expect(can(a, 'intake', 'Case', { unitCode: own, channel: 'agent' })).toBe(role === 'agent')
      if (child) expect(can(a, 'intake', 'Case', { unitCode: child, channel: 'window' })).toBe(false)
      if (parent) expect(can(a, 'intake', 'Case', { unitCode: parent, channel: 'agent' })).toBe(false)
    })

    it('acts on cases only at its own unit, by the role of the step (受审分离)', () => {
      expect(can(a, 'review', 'Case', { unitCode: own })).toBe(role === 'reviewer')
      expect(can(a, 'decide', 'Case', { unitCode: own })).toBe(role === 'approver')
      expect(can(a, 'accept', 'Case', { unitCode: own })).toBe(role === 'window_clerk')
      if (child) expect(can(a, 'decide', 'Case', { unitCode: child })).toBe(false)
      // Reading follows the subtree, for every role.
      expect(can(a, 'read', 'Case', { unitCode: own })).toBe(true)
      if (child) expect(can(a, 'read', 'Case', { unitCode: child })).toBe(true)
      if (parent) expect(can(a, 'read', 'Case', { unitCode: parent, intakeUnitCode: parent })).toBe(false)
    })

    it('inspects and decides appeals only strictly below itself', () => {
      const inspects = role === 'center_admin' || role === 'inspector'
      expect(can(a, 'inspect', 'Inspection', { unitCode: own })).toBe(false)
      if (child) expect(can(a, 'inspect', 'Inspection', { unitCode: child })).toBe(inspects)
      expect(can(a, 'decideAppeal', 'Evaluation', { unitCode: own })).toBe(false)
      if (child) expect(can(a, 'decideAppeal', 'Evaluation', { unitCode: child })).toBe(role === 'center_admin')
    })

    it('creates units only below, and never edits its own account (no self-escalation)', () => {
      expect(can(a, 'create', 'Unit', { code: own })).toBe(false)
      if (child) expect(can(a, 'create', 'Unit', { code: child })).toBe(role === 'center_admin')
      const me = actor(role, level).id
      // Its own name and password, never its own roles.
      expect(a.can('update', subject('User', { id: me, unitCode: own }), 'displayName')).toBe(true)
      expect(a.can('update', subject('User', { id: me, unitCode: own }), 'roles')).toBe(false)
      expect(can(a, 'update', 'User', { id: 'someone-else', unitCode: own })).toBe(role === 'center_admin')
    })
  })
})

// The translator, checked against CASL itself: for each ability, the rows the SQL keeps are
// exactly the rows ability.can() allows. The rows carry nulls where CASL and SQL differ most.
describe('CASL → SQL', () => {
  let pg: PGlite
  const compiler = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
  const ROWS = [
    { id: 1, code: '330702000000', channel: 'window', parent: '330700000000' },
    { id: 2, code: '330702001000', channel: 'agent', parent: '330702000000' },
    { id: 3, code: '330703000000', channel: null, parent: null },
    { id: 4, code: '330700000000', channel: 'online', parent: null },
  ]
  const COLUMNS = { code: 'code', unitCode: 'code', channel: 'channel', parent: 'parent' }

  beforeAll(async () => {
    pg = new PGlite()
    await pg.exec(`create table t (id int primary key, code char(12) not null, channel text, parent char(12));
      insert into t values ${ROWS.map((r) => `(${r.id}, '${r.code}', ${r.channel ? `'${r.channel}'` : 'null'}, ${r.parent ? `'${r.parent}'` : 'null'})`).join(', ')}`)
  })
  afterAll(async () => { await pg?.close() })

  async function kept(a: AppAbility, action: Action, type: SubjectType): Promise<{ ids: number[]; text: string }> {
    const q = compiler.selectFrom('t').select('id').where(abilityWhere(a, action, type, COLUMNS, 't')).orderBy('id').compile()
    const r = await pg.query<{ id: number }>(q.sql, q.parameters as any[])
    return { ids: r.rows.map((x) => x.id), text: q.sql }
  }
  const allowed = (a: AppAbility, action: Action, type: SubjectType) =>
    ROWS.filter((r) => a.can(action, subject(type, { ...r, unitCode: r.code }))).map((r) => r.id)
  const build = (f: (b: AbilityBuilder<AppAbility>) => void) => {
    const b = new AbilityBuilder<AppAbility>(createMongoAbility)
    f(b)
    return b.build()
  }

  const TRAPS: Array<[string, AppAbility, number[]]> = [
    ['no rule at all → false', build(() => {}), []],
    ['an unconditional rule → an empty AND → true', build(({ can }) => can('read', 'Unit')), [1, 2, 3, 4]],
    ['an unconditional rule with an inverted one → AND NOT', build(({ can, cannot }) => { can('read', 'Unit'); cannot('read', 'Unit', { channel: 'agent' }) }), [1, 3, 4]],
    ['an inverted rule over a null column does not drop the null row', build(({ can, cannot }) => { can('read', 'Unit'); cannot('read', 'Unit', { parent: '330702000000' }) }), [1, 3, 4]],
    ['only an inverted rule → false', build(({ cannot }) => cannot('read', 'Unit', { channel: 'agent' })), []],
    ['equality with null → IS NULL', build(({ can }) => can('read', 'Unit', { parent: null })), [3, 4]],
    ['$ne null → IS NOT NULL', build(({ can }) => can('read', 'Unit', { parent: { $ne: null } })), [1, 2]],
    ['$ne keeps the null row (IS DISTINCT FROM)', build(({ can }) => can('read', 'Unit', { channel: { $ne: 'agent' } })), [1, 3, 4]],
    ['$nin keeps the null row', build(({ can }) => can('read', 'Unit', { channel: { $nin: ['agent', 'window'] } })), [3, 4]],
    ['$in with an empty list → false', build(({ can }) => can('read', 'Unit', { code: { $in: [] } })), []],
    ['$nin with an empty list → true', build(({ can }) => can('read', 'Unit', { code: { $nin: [] } })), [1, 2, 3, 4]],
    ['two rules → OR, each rule\'s fields → AND', build(({ can }) => { can('read', 'Unit', { code: '330702000000', channel: 'window' }); can('read', 'Unit', { channel: 'online' }) }), [1, 4]],
    ['a range', build(({ can }) => can('read', 'Unit', { code: { $gte: '330702000000', $lte: '330702999999' } })), [1, 2]],
  ]

  it.each(TRAPS)('%s', async (_name, a, expected) => {
    expect(allowed(a, 'read', 'Unit')).toEqual(expected)
    expect((await kept(a, 'read', 'Unit')).ids).toEqual(expected)
  })

  it('the application rules of each role at each tier keep in SQL exactly what CASL allows', async () => {
    const checks: Array<[Action, SubjectType]> = [['read', 'Unit'], ['create', 'Unit'], ['deactivate', 'Unit'], ['read', 'Oversight'],
      ['configure', 'OversightSettings'], ['answerWarning', 'Warning'], ['intake', 'Case'], ['read', 'Catalog']]
    let nonEmpty = 0
    for (const { role, level } of CASES) {
      const a = defineAbilityFor(actor(role, level), level === 'city' ? [] : [UNIT.city])
      for (const [action, type] of checks) {
        const want = allowed(a, action, type)
        if (want.length) nonEmpty++
        expect((await kept(a, action, type)).ids, `${role}@${level} ${action} ${type}`).toEqual(want)
      }
    }
    expect(nonEmpty).toBeGreaterThan(20)
  })

  it('names no column it was not given (a rule on an unmapped field fails loudly, not open)', () => {
    const a = build(({ can }) => can('read', 'Unit', { secret: 'x' }))
    expect(() => abilityWhere(a, 'read', 'Unit', COLUMNS)).toThrow(/no column for secret/)
  })
})

describe('grantsRange: when a list bounded to a range needs no CASL condition', () => {
  const build = (f: (b: AbilityBuilder<AppAbility>) => void) => { const b = new AbilityBuilder<AppAbility>(createMongoAbility); f(b); return b.build() }
  const county = { $gte: '330702000000', $lte: '330702999999' }

  it('a unit\'s subtree reads its own range and every range inside it, not its parent\'s or a sibling\'s', () => {
    const a = ability('center_admin', 'county')
    expect(grantsRange(a, 'read', 'Unit', 'code', '330702000000', '330702999999')).toBe(true)
    expect(grantsRange(a, 'read', 'Unit', 'code', '330702001000', '330702001999')).toBe(true)
    expect(grantsRange(a, 'read', 'Unit', 'code', '330700000000', '330799999999')).toBe(false)
    expect(grantsRange(a, 'read', 'Unit', 'code', '330703000000', '330703999999')).toBe(false)
  })

  it('every role at every tier reads the cases of its subtree on either code (the case list then needs no CASL condition), not its parent\'s', () => {
    for (const { role, level } of CASES) {
      const lo = UNIT[level], hi = lo.replace(/0+$/, (z) => '9'.repeat(z.length))
      for (const field of ['unitCode', 'intakeUnitCode']) {
        expect(grantsRange(ability(role, level), 'read', 'Case', field, lo, hi), `${role}@${level} ${field}`).toBe(true)
        const up = above(level)
        if (up) expect(grantsRange(ability(role, level), 'read', 'Case', field, up, up.replace(/0+$/, (z) => '9'.repeat(z.length))), `${role}@${level} ${field} above`).toBe(false)
      }
    }
  })

  it('an inverted rule, a field restriction, an extra condition or another field: false', () => {
    const inRange = ['read', 'Unit', 'code', '330702001000', '330702001999'] as const
    expect(grantsRange(build(({ can, cannot }) => { can('read', 'Unit', { code: county }); cannot('read', 'Unit', { active: false }) }), ...inRange)).toBe(false)
    expect(grantsRange(build(({ can }) => can('read', 'Unit', ['name'], { code: county })), ...inRange)).toBe(false)
    expect(grantsRange(build(({ can }) => can('read', 'Unit', { code: county, active: true })), ...inRange)).toBe(false)
    expect(grantsRange(build(({ can }) => can('read', 'Unit', { parentCode: county })), ...inRange)).toBe(false)
    expect(grantsRange(build(() => {}), ...inRange)).toBe(false)
  })
})
