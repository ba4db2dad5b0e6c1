// The staff console (工作台): React SPA in src/console, built to dist/console and served by the
// same app at /console/. `npm run dev` proxies /api to the API server (API_URL, default :3000).
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  root: here('./src/console'),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: here('./dist/console'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
})
