// The case document's parts, fees and suspension are typed: a drifted shape no longer passes as a loose record.
import { describe, expect, it } from 'vitest'
import { CaseEvent, CaseProgress, CaseView } from '../src/modules/cases/responses.js'

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

  it('applicant, certificate and the tracking path are exact: nothing undeclared passes (no catch-all)', () => {
    const { applicant, certificate } = CaseView.shape
    const person = { kind: 'person', idNumber: '3415**********1234', name: '张*', phone: null }
    expect(applicant.safeParse(person).success).toBe(true)
    expect(applicant.safeParse({ ...person, kind: 'organisation' }).success).toBe(false)
    // z.object strips undeclared keys on parse; with a catch-all they would be kept (and the contract hook
    // would let them through): the parsed value must hold only the declared fields.
    expect(Object.keys(applicant.parse({ ...person, secret: 'x' }))).toEqual(['kind', 'idNumber', 'name', 'phone'])
    const cert = { number: 'Z1', issuedOn: '2026-12-01', organ: { code: '341502000000', name: '金安区' } }
    expect(Object.keys(certificate.parse({ ...cert, extra: 1 })!)).toEqual(['number', 'issuedOn', 'organ'])
    const { path } = CaseProgress.shape
    expect(path.safeParse([{ step: 'received', stepName: '收件', unitCode: '341502001001', unitName: '某村', on: '2026-12-01' }]).success).toBe(true)
    expect(path.safeParse([{ step: 'received', unitCode: '341502001001', on: '2026-12-01' }]).success).toBe(false)
    expect(Object.keys(CaseProgress.parse({ ...{ path: [], receiptNo: 'R', matter: { code: 'M', name: '事项' }, handledBy: { code: 'C' }, status: 'received',
      statusName: '已收件', next: null, missingMaterials: [], receivedAt: '2026-12-01T01:00:00.000Z', acceptedAt: null, receivedOn: '2026-12-01', acceptedOn: null,
      deemedAccepted: false, dueDate: null, decision: null, decidedOn: null, certificateIssuedOn: null }, queryCode: 'secret' }))).not.toContain('queryCode')
  })

  it('an event names one of the known types (an unknown type fails the document)', () => {
    const e = { id: 1, type: 'accepted', at: '2026-12-01T01:00:00.000Z', actorId: null, actorUnitCode: null, windowId: null, actingFor: null, payload: {} }
    expect(CaseEvent.safeParse(e).success).toBe(true)
    expect(CaseEvent.safeParse({ ...e, type: 'approved' }).success).toBe(false)
  })
})
