// Injected clock: no code reads Date.now() directly, so tests never depend on today.
export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() }
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let t = new Date(iso)
  return { now: () => new Date(t), set: (v: string) => { t = new Date(v) } }
}
/**
 * A clock that starts at `iso` and runs at real speed (CLOCK_START): for browser tests and demos
 * that need a known working day (booking slots, "today" in a hall), never for production.
 */
export function clockFrom(iso: string, real: Clock = systemClock): Clock {
  const start = Date.parse(iso), t0 = real.now().getTime()
  return { now: () => new Date(start + (real.now().getTime() - t0)) }
}
