// Long lists page by the API's cursor (`{ items, next }`, platform/paging): the first page is
// fetched, "加载更多" fetches the next one with `next` and appends it. Nothing asks for all rows.
import { useInfiniteQuery } from '@tanstack/react-query'
import { Button } from 'antd'

export interface Paged<T> { items: T[]; next: string | null }

export function usePaged<T>(queryKey: readonly unknown[], get: (cursor: string | undefined) => Promise<Paged<T>>) {
  const q = useInfiniteQuery({
    queryKey: [...queryKey, 'paged'],
    queryFn: ({ pageParam }) => get(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  })
  return { ...q, rows: q.data?.pages.flatMap((p) => p.items) ?? [] }
}

/** The "load more" button under a paged list (nothing on the last page). */
export function LoadMore(props: { q: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!props.q.hasNextPage) return null
  return <div style={{ textAlign: 'center', marginTop: 12 }}>
    <Button onClick={() => void props.q.fetchNextPage()} loading={props.q.isFetchingNextPage}>加载更多</Button>
  </div>
}
