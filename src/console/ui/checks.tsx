// A checkbox group that is a proper ARIA group: Form.Item hands its child aria-required, which
// a plain <div> may not carry (axe: aria-allowed-attr, critical).
import { Checkbox } from 'antd'
import type { ComponentProps } from 'react'

export function Checks(props: ComponentProps<typeof Checkbox.Group> & { 'aria-required'?: unknown }) {
  const { 'aria-required': _required, ...rest } = props
  return <Checkbox.Group role="group" {...rest} />
}
