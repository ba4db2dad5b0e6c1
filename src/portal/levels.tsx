/** @jsxImportSource hono/jsx */
// The five 好差评 levels (GB/T 39734-2020) as radio buttons, usable without JavaScript.
import type { Context } from 'hono'
import { NotFound } from '../platform/errors.js'
import { scopeOf } from '../platform/scope.js'
import { evaluationUnit, submitEvaluation } from '../modules/supervision/index.js'
import { supervisionExtensions } from '../modules/supervision/index.js'
import { type EvaluationInput, LEVEL_NAMES, LEVELS, NEGATIVE } from '../modules/supervision/index.js'
import type { PortalEnv } from './http.js'
import type { Errors } from './layout.js'

/**
 * Submits a citizen's evaluation (the verb of POST /api/public/evaluations) in its unit's scope and
 * says what happens next; NotFound / Conflict go to the caller (wrong code, already evaluated).
 */
export async function submitAndThank(c: Context<PortalEnv>, input: EvaluationInput, who: string): Promise<string> {
  const ext = supervisionExtensions(c)
  const code = evaluationUnit(ext, input)
  if (!code) throw new NotFound()
  const now = c.get('deps').clock.now()
  const r = await c.get('db').scoped(scopeOf(code), (db) => submitEvaluation(db, now, ext, code, input))
  const note = NEGATIVE.includes(r.level) ? `我们已收到您的差评，${who}将在 15 个工作日内整改并回访。` : '感谢您的评价。'
  return `已评价：${LEVEL_NAMES[r.level]}。${note}`
}

export function LevelChoice(props: { legend: string; errors?: Errors }) {
  const err = props.errors?.level
  return (
    <fieldset class={err ? 'field invalid' : 'field'} id="f-level" aria-describedby={err ? 'f-level-error' : undefined}>
      <legend>{props.legend}</legend>
      <div class="levels">
        {LEVELS.map((l) => <label class="check"><input type="radio" name="level" value={l} />{LEVEL_NAMES[l]}</label>)}
      </div>
      {err ? <p class="error" id="f-level-error">{err}</p> : null}
    </fieldset>
  )
}

/** The national indicators (each on the five levels, optional) as one select per indicator. */
export function IndicatorChoice(props: { legend: string; names: Record<string, string>; errors?: Errors }) {
  return (
    <fieldset class="field">
      <legend>{props.legend}</legend>
      <div class="filters">
        {Object.entries(props.names).map(([k, name]) => {
          const err = props.errors?.[`ind-${k}`]
          return (
            <div class={err ? 'field invalid' : 'field'}>
              <label for={`f-ind-${k}`}>{name}</label>
              <select id={`f-ind-${k}`} name={`ind-${k}`} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `f-ind-${k}-error` : undefined}>
                <option value="">不评</option>
                {LEVELS.map((l) => <option value={l}>{LEVEL_NAMES[l]}</option>)}
              </select>
              {err ? <p class="error" id={`f-ind-${k}-error`}>{err}</p> : null}
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}
