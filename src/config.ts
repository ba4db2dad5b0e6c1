// Configuration from the environment, validated at start with one clear message per bad value.
import { z } from 'zod'

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
  error: '应为 true/false（或 1/0、yes/no、on/off）',
}).transform((v) => ['1', 'true', 'yes', 'on'].includes(v))

const schema = z.object({
  PORT: z.coerce.number({ error: '端口必须是数字' }).int('端口必须是整数').min(1, '端口应在 1–65535 之间').max(65535, '端口应在 1–65535 之间').default(3000),
  DATA_DIR: z.string().min(1, '不能为空').default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/.+/, '应为 postgres://用户@主机:端口/数据库 形式的连接串').optional(),
  SEED_DEMO: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, '演示密码至少 8 个字符').default('demo-password'),
  JOBS_INTERVAL_SECONDS: z.coerce.number({ error: '应为秒数' }).int('应为整数秒').min(0, '不能为负数（0 表示不运行定时任务）').max(86400, '最长 86400 秒（一天）').default(300),
  OUTBOX_WEBHOOK_URL: z.string().url('应为 http(s):// 开头的网址').regex(/^https?:\/\//, '应为 http(s):// 开头的网址').optional(),
  SESSION_CACHE_SECONDS: z.coerce.number({ error: '应为秒数' }).int('应为整数秒').min(0, '不能为负数（0 表示每个请求都查库核验会话）').max(300, '最长 300 秒').default(30),
  // Proxies of ours in front of the service: 0 (default) = the socket's address is the client's;
  // n = the n-th address from the right of X-Forwarded-For is (true = 1).
  TRUST_PROXY: z.union([z.enum(['true', 'false']).transform((v) => (v === 'true' ? 1 : 0)),
    z.coerce.number({ error: '应为 true/false 或代理层数' }).int('应为整数').min(0, '不能为负数').max(10, '最多 10 层代理')],
  { error: '应为 true/false 或代理层数（0–10）' }).default(0),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number({ error: '应为秒数' }).int('应为整数秒').min(0, '不能为负数').max(300, '最长 300 秒').default(10),
  CLOCK_START: z.string().datetime({ offset: true, error: '应为带时区的 ISO 8601 时间，如 2026-11-24T10:00:00+08:00' }).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: '应为 debug、info、warn、error 或 silent' }).default('info'),
})

export type Config = Omit<z.infer<typeof schema>, 'SEED_DEMO'> & { SEED_DEMO: boolean }

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const r = schema.safeParse(clean)
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(clean[String(i.path[0])] ?? '')}: ${i.message}`)
    throw new ConfigError(`配置错误 (configuration error):\n${lines.join('\n')}`)
  }
  // Demo data by default only on the embedded database; a real deployment has none.
  return { ...r.data, SEED_DEMO: r.data.SEED_DEMO ?? !r.data.DATABASE_URL }
}
