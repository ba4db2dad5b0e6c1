import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiError } from './api/client'
import { createAppRouter } from './router'
import './ui/print.css'

dayjs.locale('zh-cn')

// WCAG 2.1 AA: antd's default secondary greys (45 % black) fall below 4.5:1 on white, and its
// derived hover blue (a lighter tint of the primary) does too: a default button's text under the
// pointer is #4373e6, 4.34:1 (CI's axe run caught it). Hover and active stay dark enough for 4.5:1.
// Its error red (#ff4d4f, 3.3:1) would make every message at a field fail; #c41d1d is 6:1.
const THEME = {
  token: { colorPrimary: '#1d4ed8', colorPrimaryHover: '#1e40af', colorPrimaryActive: '#1e3a8a', colorLink: '#1d4ed8', colorLinkHover: '#1e40af', colorLinkActive: '#1e3a8a', borderRadius: 4, colorTextSecondary: '#595959', colorTextTertiary: '#595959', colorTextDescription: '#595959', colorTextPlaceholder: '#737373', colorError: '#c41d1d' },
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // 4xx answers are final (a retry would not change them).
      retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
})
const router = createAppRouter(queryClient)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
)
