/** @jsxImportSource hono/jsx */
// The five 好差评 levels (GB/T 39734-2020) as radio buttons, usable without JavaScript.
import { LEVEL_NAMES, LEVELS } from '../modules/supervision/schemas.js'
import type { Errors } from './layout.js'

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
