// The import-boundary rule (eslint.config.js): src/platform imports no module.
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
})
