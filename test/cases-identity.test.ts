// Applicant identifiers: resident identity numbers (GB 11643) and unified social credit codes
// (GB 32100), checked by their check characters; masks for lists and public views.
import { describe, expect, it } from 'vitest'
import { isResidentId, isUscc, maskId, maskName, maskPhone } from '../src/modules/cases/identity.js'

describe('identifiers', () => {
  it('accepts resident ID numbers with a right check character and a real birth date', () => {
    for (const v of ['11010519491231002X', '341502199003071235', '510108200002290017']) expect(isResidentId(v), v).toBe(true)
  })
  it('refuses wrong check characters, impossible dates and wrong lengths', () => {
    for (const v of ['110105194912310021', '341502199003071236', '341502199002301238', '34150219900307123', '3415021990030712351', '01010519491231002X', '11010519491231002x']) {
      expect(isResidentId(v), v).toBe(false)
    }
  })
  it('accepts unified social credit codes with a right check character', () => {
    for (const v of ['91350100M000100Y43', '91110000600037341L']) expect(isUscc(v), v).toBe(true)
  })
  it('refuses wrong USCC check characters and letters outside GB 32100 (I, O, S, V, Z)', () => {
    for (const v of ['91350100M000100Y44', '91350100M000100Y4', '91350100MO00100Y43', '9135010OM000100Y43']) expect(isUscc(v), v).toBe(false)
  })
  it('masks the id number, a person\'s name and the phone', () => {
    expect(maskId('341502199003071235')).toBe('3415**********1235')
    expect(maskName('张三', 'person')).toBe('张*')
    expect(maskName('欧阳修文', 'person')).toBe('欧***')
    expect(maskName('六安市某食品有限公司', 'org')).toBe('六安市某食品有限公司')
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
})
