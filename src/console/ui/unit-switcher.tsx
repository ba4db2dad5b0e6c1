// Switch the unit the screens look at, within the user's own subtree (loaded level by level).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { TreeSelect } from 'antd'
import { useState } from 'react'
import { childrenQuery, unitQuery } from '../features/units/queries'
import { useSession } from '../session'

interface Node { id: string; pId?: string; value: string; title: string; isLeaf: boolean }

export function UnitSwitcher({ narrow = false }: { narrow?: boolean }) {
  const { me, unit, setUnit } = useSession()
  const qc = useQueryClient()
  const home = useQuery(unitQuery(me.unitCode))
  const current = useQuery(unitQuery(unit))
  const [nodes, setNodes] = useState<Node[]>([])
  const tree = nodes.length ? nodes : home.data ? [{ id: home.data.code, value: home.data.code, title: home.data.name, isLeaf: home.data.level === 'village' }] : []
  const load = async (n: any) => {
    const kids = await qc.fetchQuery(childrenQuery(n.value))
    setNodes((prev) => [...(prev.length ? prev : tree), ...kids.filter((k) => !(prev.length ? prev : tree).some((p) => p.id === k.code))
      .map((k) => ({ id: k.code, pId: n.value, value: k.code, title: k.name, isLeaf: k.level === 'village' }))])
  }
  return (
    <TreeSelect
      aria-label="切换查看的单位"
      style={narrow ? { flex: '1 1 auto', minWidth: 0, maxWidth: 260 } : { minWidth: 220 }}
      treeDataSimpleMode
      treeData={tree}
      loadData={load}
      value={unit}
      labelInValue={false}
      onChange={(v) => setUnit(v as string)}
      treeNodeLabelProp="title"
      placeholder={current.data?.name ?? unit}
      popupMatchSelectWidth={false}
    />
  )
}
