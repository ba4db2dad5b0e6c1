// The standards of a tenant pack (tenants/<city>/standards.json): the city's checklists for
// township centers and village stations, published as the city's versions. Idempotent: a
// checklist equal to the city's latest version is not published again.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../../platform/db/database.js'
import { SYSTEM_SCOPE } from '../../platform/scope.js'
import { checkTemplate } from './template-rules.js'
import { TemplateBody, TIERS, type Tier } from './schemas.js'
import { applyTemplate } from './templates.js'

export interface StandardsPack { city: string; name: string; templates: Record<Tier, TemplateBody> }

/** Validates a pack's JSON; throws with every problem listed. */
export function parseStandardsPack(json: unknown): StandardsPack {
  const raw = json as { city?: string; name?: string; templates?: Record<string, unknown> }
  if (!raw?.city || !/^[0-9]{4}0{8}$/.test(raw.city)) throw new Error('standards pack: city must be a city code')
  const templates = {} as Record<Tier, TemplateBody>
  const problems: string[] = []
  for (const tier of TIERS) {
    const r = TemplateBody.safeParse(raw.templates?.[tier])
    if (!r.success) { problems.push(...r.error.issues.map((i) => `${tier}.${i.path.join('.')}: ${i.message}`)); continue }
    problems.push(...checkTemplate(r.data, null).map((i) => `${tier}.${i.field}: ${i.message}`))
    templates[tier] = r.data
  }
  if (problems.length) throw new Error(`standards pack:\n  ${problems.join('\n  ')}`)
  return { city: raw.city, name: raw.name ?? '', templates }
}

/** Reads `<dir>/standards.json` (null when the pack has none). */
export function loadStandardsPack(dir: string): StandardsPack | null {
  const file = join(dir, 'standards.json')
  return existsSync(file) ? parseStandardsPack(JSON.parse(readFileSync(file, 'utf8'))) : null
}

export async function applyStandardsPack(db: Database, pack: StandardsPack) {
  const published: Tier[] = []
  await db.scoped(SYSTEM_SCOPE, async (tx) => {
    for (const tier of TIERS) if (await applyTemplate(tx, pack.city, tier, pack.templates[tier])) published.push(tier)
  })
  return { published }
}
