// A query built and compiled once per shape, then run with new arguments: building a Kysely query
// and compiling it cost ~10 % of a short GET's CPU (bench units-children profile), every request
// again for the same SQL text.
import { type Compilable, type CompiledQuery } from 'kysely'

const MARK = '\u0000arg:'

interface Template { query: CompiledQuery; slots: (number | { value: unknown })[] }

const templates = new WeakMap<object, Map<string, Template>>()

/**
 * `build(arg)` makes the query with `arg(i)` where argument i goes; it runs once per `owner` and
 * `key`, and `key` must name everything that changes the SQL text (which filters are present, …)
 * while `args` carries the values. `owner` scopes the cache: an ability (a query whose text holds
 * its CASL condition) or a module's own constant object. An argument must go in as a value
 * (a parameter): one the builder inspects, or that ends up in the SQL text, throws.
 */
export function compiledOnce(owner: object, key: string, args: readonly unknown[], build: (arg: (i: number) => any) => Compilable): CompiledQuery {
  let byKey = templates.get(owner)
  if (!byKey) templates.set(owner, (byKey = new Map()))
  let t = byKey.get(key)
  if (!t) {
    const query = build((i) => `${MARK}${i}`).compile()
    if (query.sql.includes(MARK)) throw new Error(`compiledOnce(${key}): an argument ended up in the SQL text`)
    const slots = query.parameters.map((p) => typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : { value: p })
    const used = new Set(slots.filter((s) => typeof s === 'number'))
    if (used.size !== args.length) throw new Error(`compiledOnce(${key}): ${args.length} arguments, ${used.size} used`)
    t = { query, slots }
    byKey.set(key, t)
  }
  const parameters = t.slots.map((s) => typeof s === 'number' ? args[s] : s.value)
  return { ...t.query, parameters }
}
