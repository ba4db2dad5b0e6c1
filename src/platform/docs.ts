// The API reference at /docs: Swagger UI from the pinned swagger-ui-dist package, served by this
// app, so the page works on an intranet with no way out (no CDN, no fonts, no telemetry). The
// page and its initializer are made here; the package's files come from `files` (on Node read
// from node_modules: docs-node.ts). On Workers, without `files`, /docs/assets/* must be served
// as static assets (copy node_modules/swagger-ui-dist/{swagger-ui.css,swagger-ui-bundle.js,
// swagger-ui-standalone-preset.js} to <assets directory>/docs/assets/, wrangler.toml [assets]).
import type { Hono } from 'hono'

export type DocsFiles = (name: string) => Promise<Uint8Array | null>

/** The files of swagger-ui-dist the page loads, and their types. */
export const DOCS_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
}

const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>四级联动为民服务平台 API 文档</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<noscript>接口文档需要启用 JavaScript；机器可读的文档见 <a href="/api/openapi.json">/api/openapi.json</a>。</noscript>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`

// validatorUrl: null — Swagger UI otherwise sends the document to validator.swagger.io.
const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'BaseLayout',
});`

// Nothing on the page may reach another host.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

export function mountDocs(app: Hono<any>, files?: DocsFiles) {
  app.get('/docs', (c) => c.html(page, 200, { 'content-security-policy': CSP }))
  app.get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }))
  app.get('/docs/assets/:name', async (c) => {
    const name = c.req.param('name')
    const type = DOCS_ASSETS[name]
    const bytes = type && files ? await files(name) : null
    if (!bytes) return c.notFound()
    return c.body(bytes as any, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
}
