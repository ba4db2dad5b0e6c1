// The case document's parts, fees and suspension are typed: a drifted shape no longer passes as a loose record.
import { describe, expect, it } from 'vitest'
import { CaseView } from '../src/modules/cases/responses.js'

const fee = { id: '00000000-0000-4000-8000-000000000001', name: '工本费', basis: '依据', amount: 10, status: 'due', feeReceiptNo: null, waiverBasis: null }
const part = { id: '00000000-0000-4000-8000-000000000002', matterCode: 'M1', matterName: '事项', department: '部门', dueDate: '2026-12-01', decision: null, reasons: null, decidedAt: null }

describe('case schema', () => {
  it('fees, parts and suspension have exact shapes', () => {
    const { fees, parts, suspension } = CaseView.shape
    expect(fees.safeParse([fee]).success).toBe(true)
    expect(fees.safeParse([{ ...fee, status: 'unknown' }]).success).toBe(false)
    expect(fees.safeParse([{ ...fee, amount: '10' }]).success).toBe(false)
    expect(parts.safeParse([part]).success).toBe(true)
    expect(parts.safeParse([{ ...part, decision: 'maybe' }]).success).toBe(false)
    expect(suspension.safeParse({ since: '2026-12-01', ground: '补正' }).success).toBe(true)
    expect(suspension.safeParse({ since: 1 }).success).toBe(false)
  })
})
