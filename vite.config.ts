// The staff console (工作台): React SPA in src/console, built to dist/console and served by the
// same app at /console/. `npm run dev` proxies /api to the API server (API_URL, default :3000).
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { copyFileSync, writeFileSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// Workers static assets fall back to the root's /index.html (wrangler.toml [assets]): give them the
// console's shell there. Node serves dist/console only and never reads this copy.
const workersFallback: Plugin = {
  name: 'workers-spa-fallback',
  apply: 'build',
  closeBundle() {
    copyFileSync(here('./dist/console/index.html'), here('./dist/index.html'))
    // The build manifest (npm run console:size reads it) is not for browsers.
    writeFileSync(here('./dist/.assetsignore'), 'console/.vite\n')
  },
}

export default defineConfig({
  root: here('./src/console'),
  base: '/console/',
  plugins: [react(), workersFallback],
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
