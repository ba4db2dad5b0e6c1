// Injected clock: no code reads Date.now() directly, so tests never depend on today.
export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() }
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let t = new Date(iso)
  return { now: () => new Date(t), set: (v: string) => { t = new Date(v) } }
}
