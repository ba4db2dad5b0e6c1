// Translate CASL rules for (action, subject) into a Kysely WHERE expression so that lists
// are filtered in SQL, never by loading rows. Traps handled: an unconditional rule comes
// out as an empty AND (true); inverted rules become AND NOT; no rule at all is false;
// equality with null becomes IS NULL.
import { rulesToAST } from '@casl/ability/extra'
import { type Expression, type SqlBool, sql } from 'kysely'
import type { AppAbility, Action, SubjectType } from './abilities.js'

type Node = { operator: string; field?: string; value: any }
const OPS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' }

// One translation per ability and (action, subject, columns, table): abilities are immutable and
// cached per actor (abilities.ts), and the expressions are immutable Kysely raw builders.
const translated = new WeakMap<AppAbility, Map<string, Expression<SqlBool>>>()

export function abilityWhere(
  ability: AppAbility, action: Action, type: SubjectType, columns: Record<string, string>, table?: string,
): Expression<SqlBool> {
  let byKey = translated.get(ability)
  if (!byKey) translated.set(ability, (byKey = new Map()))
  const key = `${action}|${type}|${table ?? ''}|${Object.entries(columns).join(';')}`
  let where = byKey.get(key)
  if (!where) {
    const ast = rulesToAST(ability, action, type) as Node | null
    where = ast ? toSql(ast, columns, table) : sql<SqlBool>`false`
    byKey.set(key, where)
  }
  return where
}

function toSql(node: Node, columns: Record<string, string>, table?: string): Expression<SqlBool> {
  switch (node.operator) {
    case 'and':
    case 'or': {
      const parts = (node.value as Node[]).map((n) => toSql(n, columns, table))
      if (parts.length === 0) return node.operator === 'and' ? sql<SqlBool>`true` : sql<SqlBool>`false`
      return sql<SqlBool>`(${sql.join(parts, sql.raw(` ${node.operator} `))})`
    }
    case 'not': {
      const inner = Array.isArray(node.value) ? { operator: 'and', value: node.value } : (node.value as Node)
      return sql<SqlBool>`not coalesce(${toSql(inner, columns, table)}, false)`
    }
  }
  const col = columns[node.field!]
  if (!col) throw new Error(`no column for ${node.field}`)
  const ref = sql.ref(table ? `${table}.${col}` : col)
  if (node.operator === 'in' || node.operator === 'nin') {
    const list = node.value as unknown[]
    if (list.length === 0) return node.operator === 'in' ? sql<SqlBool>`false` : sql<SqlBool>`true`
    const inList = sql<SqlBool>`${ref} in (${sql.join(list.map((v) => sql`${v}`))})`
    return node.operator === 'in' ? inList : sql<SqlBool>`not coalesce(${inList}, false)`
  }
  const op = OPS[node.operator]
  if (!op) throw new Error(`unsupported CASL operator ${node.operator}`)
  if (node.value === null) return node.operator === 'eq' ? sql<SqlBool>`${ref} is null` : sql<SqlBool>`${ref} is not null`
  if (op === '<>') return sql<SqlBool>`${ref} is distinct from ${node.value}`
  return sql<SqlBool>`${ref} ${sql.raw(op)} ${node.value}`
}

/**
 * Whether the rules grant (action, subject) on every row whose `field` lies in [lo, hi]: one rule is
 * exactly `{field: {$gte: a, $lte: b}}` with a ≤ lo and hi ≤ b, and no rule takes anything back
 * (no inverted rule, no field restriction). A list already bounded to that range then needs no
 * CASL condition in its SQL (RLS still applies underneath).
 */
export function grantsRange(ability: AppAbility, action: Action, type: SubjectType, field: string, lo: string, hi: string): boolean {
  const rules = ability.rulesFor(action, type)
  if (rules.some((r) => r.inverted || r.fields)) return false
  return rules.some((r) => {
    const cond = r.conditions as Record<string, any> | undefined
    const v = cond && Object.keys(cond).length === 1 ? cond[field] : undefined
    return !!v && Object.keys(v).sort().join() === '$gte,$lte' && typeof v.$gte === 'string' && typeof v.$lte === 'string' &&
      v.$gte <= lo && hi <= v.$lte
  })
}
