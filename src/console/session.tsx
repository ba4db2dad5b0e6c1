// Who is signed in and which unit of their subtree they are looking at (the unit switcher).
import { useSuspenseQuery } from '@tanstack/react-query'
import { createContext, useContext, useState, type ReactNode } from 'react'
import { meQuery, type Me } from './features/auth/queries'

interface Session { me: Me; unit: string; setUnit(code: string): void; has(...roles: string[]): boolean }
const Ctx = createContext<Session | null>(null)
const KEY = 'console.unit'

/** The subtree's code range of a unit: its significant prefix (city 4, county 6, township 9, village 12). */
export function prefixOf(code: string) {
  if (code.endsWith('00000000')) return code.slice(0, 4)
  if (code.endsWith('000000')) return code.slice(0, 6)
  if (code.endsWith('000')) return code.slice(0, 9)
  return code
}
export const within = (code: string, root: string) => code.startsWith(prefixOf(root))

export function SessionProvider({ children }: { children: ReactNode }) {
  const me = useSuspenseQuery(meQuery).data!
  const [unit, setUnitState] = useState(() => {
    const saved = sessionStorage.getItem(KEY)
    return saved && within(saved, me.unitCode) ? saved : me.unitCode
  })
  const setUnit = (code: string) => { if (within(code, me.unitCode)) { sessionStorage.setItem(KEY, code); setUnitState(code) } }
  const has = (...roles: string[]) => roles.some((r) => me.roles.includes(r))
  return <Ctx.Provider value={{ me, unit, setUnit, has }}>{children}</Ctx.Provider>
}

export function useSession() {
  const s = useContext(Ctx)
  if (!s) throw new Error('useSession outside SessionProvider')
  return s
}
