// Fees (一票制收费): the matter's fee items are charged at one window against one lawful receipt
// number; a waiver (减免) needs its basis. certify (steps.ts) refuses while any fee is due.
import type { Ctx } from '../../platform/context.js'
import { Conflict } from '../../platform/errors.js'
import { requireAcceptRight } from './acceptance.js'
import { caseToHandle } from './access.js'
import { commit } from './events.js'
import { ensureState } from './state.js'

export async function payFees(ctx: Ctx, id: string, input: { feeReceiptNo?: string; waiverBasis?: string }) {
  const row = await caseToHandle(ctx, id, 'pay')
  const windowId = await requireAcceptRight(ctx, row, 'pay')
  ensureState(row.status, 'pay')
  const due = await ctx.db.selectFrom('case_fees').select(['id', 'name', 'amount']).where('case_id', '=', id).where('status', '=', 'due').execute()
  if (!due.length) throw new Conflict('该办件没有待缴的费用', { currentStatus: row.status })
  const waived = !!input.waiverBasis
  await ctx.db.updateTable('case_fees').set({
    status: waived ? 'waived' : 'paid', fee_receipt_no: input.feeReceiptNo ?? null, waiver_basis: input.waiverBasis ?? null,
    settled_by: ctx.actor.id, settled_at: ctx.now,
  }).where('case_id', '=', id).where('status', '=', 'due').execute()
  const total = due.reduce((s, f) => s + Number(f.amount), 0)
  await commit(ctx, row, { type: waived ? 'fee_waived' : 'fee_paid', windowId,
    payload: { items: due.map((f) => f.name), total, feeReceiptNo: input.feeReceiptNo ?? null, waiverBasis: input.waiverBasis ?? null } })
  return { caseId: id, settled: due.map((f) => ({ name: f.name, amount: Number(f.amount) })), total, status: waived ? 'waived' : 'paid', feeReceiptNo: input.feeReceiptNo ?? null }
}
