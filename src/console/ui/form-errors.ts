// problem+json field errors (`errors: [{ field: 'applicant.idNumber', message }]`) → antd form
// fields (name paths), so the law's refusal shows at the field it concerns.
import type { FormInstance } from 'antd'
import { ApiError } from '../api/client'

/** Sets the fields' errors; returns the message of anything that did not land on a field. */
export function applyFieldErrors(form: FormInstance, err: unknown, rename: Record<string, string> = {}): string | null {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : '操作失败'
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}))
  const landed: { name: (string | number)[]; errors: string[] }[] = []
  const rest: string[] = []
  for (const f of err.fieldErrors) {
    const name = (rename[f.field] ?? f.field).split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))
    if (known.has(String(name[0]))) landed.push({ name, errors: [f.message] }); else rest.push(f.message)
  }
  form.setFields(landed)
  if (!landed.length) return err.message
  return rest.length ? rest.join('；') : null
}
