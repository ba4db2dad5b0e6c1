declare module 'autocannon' {
  interface Options { url: string; connections?: number; duration?: number; headers?: Record<string, string>; method?: string; body?: string; pipelining?: number }
  interface Result { requests: { average: number; total: number }; latency: { p50: number; p99: number; average: number }; errors: number; non2xx: number; timeouts: number }
  function autocannon(opts: Options): Promise<Result>
  export default autocannon
}
