// Messages to the applicant (办件确认、补正告知、中止告知、中途提醒、领件通知、办结评议), written to
// the outbox in the same transaction as the change they report; dispatcher.ts sends them.
import { randomUUID } from 'node:crypto'
import type { Tx } from '../../platform/db/database.js'
import { jsonb } from '../../platform/db/database.js'

export const MESSAGE_KINDS = ['case_confirmed', 'supplement_needed', 'suspension_notice', 'midway_reminder',
  'decision_notice', 'ready_for_pickup', 'evaluation_invitation'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

export async function enqueue(db: Tx, m: { unitCode: string; caseId: string; kind: MessageKind; to: string; text: string; data?: object; now: Date }) {
  await db.insertInto('outbox').values({
    id: randomUUID(), unit_code: m.unitCode, case_id: m.caseId, kind: m.kind,
    payload: jsonb({ to: m.to, text: m.text, ...(m.data ?? {}) }), created_at: m.now, next_attempt_at: m.now,
  }).execute()
}
