// The import-boundary rules (eslint.config.js): src/platform imports no module; outside a module
// only its face (<m>/index.js) is imported; explicit wiring
// (no import for its effect, no module-level mutable state or registry in src/modules).
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })
const lint = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0].messages

describe('import boundaries', () => {
  it('fails when src/platform imports a module', async () => {
    const messages = await lint('src/platform/example.ts', "import { findUnit } from '../modules/units/queries.js'\nexport const f = findUnit\n")
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports')
    expect(messages.find((m) => m.ruleId === 'no-restricted-imports')!.severity).toBe(2)
  })

  it('lets a module import the platform, and the platform itself', async () => {
    expect(await lint('src/modules/units/example.ts', "import { subtreeRange } from '../../platform/scope.js'\nexport const f = subtreeRange\n")).toEqual([])
    expect(await lint('src/platform/example.ts', "import { subtreeRange } from './scope.js'\nexport const f = subtreeRange\n")).toEqual([])
  })

  it('fails on an import for its effect anywhere in src (src/app.ts used two: the registries they filled are gone)', async () => {
    const messages = await lint('src/app.ts', "import './modules/oversight/figure-source.js'\nexport const x = 1\n")
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-syntax')
    expect(messages.find((m) => m.ruleId === 'no-restricted-syntax')!.message).toMatch(/src\/wiring\.ts/)
    // A type-only import and a named import are fine.
    expect(await lint('src/app.ts', "import type {} from './platform/context.js'\nimport { router } from './platform/openapi.js'\nexport const r = router\n")).toEqual([])
  })

  it('fails on module-level mutable state and on a registry filled from outside, in src/modules', async () => {
    const state = await lint('src/modules/supervision/example.ts', 'let resolver: string | null = null\nexport const get = () => resolver\n')
    expect(state.map((m) => m.ruleId)).toContain('no-restricted-syntax')
    const exported = await lint('src/modules/supervision/example.ts', 'export let resolver: string | null = null\n')
    expect(exported.map((m) => m.ruleId)).toContain('no-restricted-syntax')
    const registry = await lint('src/modules/supervision/example.ts',
      'const sources: string[] = []\nexport function registerFigureSource(s: string) { sources.push(s) }\n')
    expect(registry.map((m) => m.ruleId)).toContain('no-restricted-syntax')
    // Per-call state and constants are fine.
    expect(await lint('src/modules/supervision/example.ts',
      'const OWN = [1, 2]\nexport function total(extra: number[]) { let t = 0; for (const x of [...OWN, ...extra]) t += x; return t }\n')).toEqual([])
  })

  it("fails when a module reaches into another module's internals instead of its face", async () => {
    const messages = await lint('src/modules/supervision/example.ts', "import { findUnit } from '../units/queries.js'\nexport const f = findUnit\n")
    const m = messages.find((x) => x.ruleId === 'no-restricted-imports')!
    expect(m.severity).toBe(2)
    expect(m.message).toMatch(/index\.js/)
    // A type-only import of an internal is refused too (the face exports the type).
    expect((await lint('src/modules/oversight/example.ts', "import type { FigureSource } from '../supervision/figures.js'\nexport type F = FigureSource\n"))
      .map((x) => x.ruleId)).toContain('no-restricted-imports')
    // The face, the platform and the module's own files are fine.
    expect(await lint('src/modules/supervision/example.ts',
      "import { findUnit } from '../units/index.js'\nimport { subtreeRange } from '../../platform/scope.js'\nimport { childOf } from './figures.js'\nexport const f = [findUnit, subtreeRange, childOf]\n")).toEqual([])
  })

  it('fails when the app, the portal, the seed or a CLI imports a module file other than its face; tests may', async () => {
    for (const [file, spec] of [['src/app.ts', './modules/cases/routes.js'], ['src/portal/example.tsx', '../modules/supervision/evaluations.js'],
      ['src/seed/example.ts', '../modules/units/queries.js'], ['src/cli/example.ts', '../modules/supervision/audit.js']]) {
      const messages = await lint(file, `import { x } from '${spec}'\nexport const y = x\n`)
      expect(messages.map((m) => m.ruleId), file).toContain('no-restricted-imports')
      const face = spec.replace(/[^/]+\.js$/, 'index.js')
      expect(await lint(file, `import { x } from '${face}'\nexport const y = x\n`), file).toEqual([])
    }
    // The seed (Node only) reads the standards pack from disk: kept out of the face the Worker loads.
    expect(await lint('src/seed/example.ts', "import { loadStandardsPack } from '../modules/standards/pack.js'\nexport const l = loadStandardsPack\n")).toEqual([])
    expect((await lint('src/app.ts', "import { loadStandardsPack } from './modules/standards/pack.js'\nexport const l = loadStandardsPack\n"))
      .map((m) => m.ruleId)).toContain('no-restricted-imports')
    expect(await lint('test/example.test.ts', "import { findUnit } from '../src/modules/units/queries.js'\nexport const f = findUnit\n")).toEqual([])
  })
})
