// Routes: sign-in, and the signed-in layout with one lazy chunk per area (features/<area>), so
// the sign-in page loads only the shell. An expired session sends the user to sign in and back.
import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router'
import { setUnauthorizedHandler } from './api/client'
import { keys } from './api/keys'
import { meQuery } from './features/auth/queries'
import { SignIn } from './features/auth/sign-in'
import { AREAS } from './areas'
import { serverTimeQuery } from './ui/server-time'
import { NotFound, RouteError } from './ui/states'

const root = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Outlet, notFoundComponent: NotFound })

const login = createRoute({
  getParentRoute: () => root, path: 'login', component: SignIn,
  validateSearch: (s: Record<string, unknown>) => ({ redirect: typeof s.redirect === 'string' ? s.redirect : undefined }),
})

const app = createRoute({
  getParentRoute: () => root, id: 'app', component: lazyRouteComponent(() => import('./ui/layout'), 'AppLayout'), errorComponent: RouteError,
  beforeLoad: async ({ context, location }) => {
    // "Today" on every screen is the server's (ui/server-time.ts): asked alongside the session.
    const [me] = await Promise.all([context.queryClient.ensureQueryData(meQuery), context.queryClient.ensureQueryData(serverTimeQuery)])
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } })
  },
})

const pages = AREAS.flatMap((area) => area.pages.map((p) => createRoute({
  getParentRoute: () => app, path: p.path, errorComponent: RouteError,
  component: lazyRouteComponent(p.load, p.export),
})))

const caseDetail = createRoute({
  getParentRoute: () => app, path: 'cases/$id', errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./features/cases/case-detail'), 'CaseDetail'),
})
const printDoc = createRoute({
  getParentRoute: () => root, path: 'print/$kind/$id', errorComponent: RouteError,
  beforeLoad: ({ context }) => context.queryClient.ensureQueryData(serverTimeQuery),
  component: lazyRouteComponent(() => import('./features/cases/print'), 'PrintPage'),
})

export function createAppRouter(queryClient: QueryClient) {
  const router = createRouter({
    routeTree: root.addChildren([login, printDoc, app.addChildren([...pages, caseDetail])]),
    basepath: '/console',
    context: { queryClient },
    defaultPreload: 'intent',
  })
  setUnauthorizedHandler(() => {
    const here = router.state.location
    if (here.pathname.endsWith('/login')) return
    queryClient.setQueryData(keys.me(), null)
    router.navigate({ to: '/login', search: { redirect: here.href } })
  })
  return router
}
