/** @jsxImportSource hono/jsx */
// The hall display (大厅叫号显示屏) for a hall's TV: /halls/{code}/{hallId}/display. Served
// rendered with the latest calls, then kept live by a small inline script that follows the
// public Server-Sent Events stream (/api/public/units/{code}/halls/{hallId}/display), shows each
// call (names masked by the server) and reads its sentence aloud with the browser's speech
// synthesis when the browser has it and the hall staff switched it on (browsers only speak after
// a click). Everything is inline: no foreign asset, nothing from another host.
import { Hono } from 'hono'
import { raw } from 'hono/html'
import { callsAfter, findHall } from '../modules/queue/index.js'
import { asPublicUnit } from '../modules/halls/index.js'
import { html, type PortalEnv } from './http.js'

type Call = Awaited<ReturnType<typeof callsAfter>>[number]

const CSS = `
*{box-sizing:border-box}html,body{margin:0;height:100%}
body{background:#0b1f3a;color:#fff;font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;display:flex;flex-direction:column}
header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding:1rem 2vw;background:#12335f}
h1{margin:0;font-size:clamp(1.4rem,3.2vw,3rem)}
.clock{font-size:clamp(1rem,2vw,2rem);font-variant-numeric:tabular-nums}
main{flex:1;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2vw;padding:2vw}
.now{background:#fff;color:#0b1f3a;border-radius:12px;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:2rem 1rem;text-align:center}
.now h2{margin:0 0 1rem;font-size:clamp(1.1rem,2.4vw,2.4rem);color:#12335f}
.now .num{font-size:clamp(3rem,11vw,11rem);font-weight:700;line-height:1.05;color:#b00020}
.now .to{font-size:clamp(1.4rem,4vw,4rem);font-weight:700}
.now .who{font-size:clamp(1.1rem,2.6vw,2.6rem);margin-top:.5rem}
.recent h2{margin:0 0 .5rem;font-size:clamp(1.1rem,2.2vw,2.2rem)}
table{width:100%;border-collapse:collapse;font-size:clamp(1rem,2.2vw,2.2rem)}
th,td{padding:.4em .5em;text-align:left;border-bottom:1px solid #3a5a8a}
th{color:#cfe0ff;font-weight:400}
footer{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 2vw;background:#12335f;font-size:clamp(.9rem,1.4vw,1.4rem)}
button{font:inherit;padding:.4em 1em;border-radius:6px;border:2px solid #fff;background:#0b1f3a;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #ffd54f;outline-offset:2px}
.status[data-live="false"]{color:#ffd54f}
@media (max-width:700px){main{grid-template-columns:1fr}}
`

/** The page's script: follows the stream, keeps the last ten calls, speaks each new one. */
const SCRIPT = `(() => {
  const root = document.getElementById('display'); const src = root.dataset.stream;
  const num = document.getElementById('now-number'), to = document.getElementById('now-window'), who = document.getElementById('now-name');
  const rows = document.getElementById('recent'), status = document.getElementById('status'), voice = document.getElementById('voice');
  const canSpeak = 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';
  let speaking = false;
  if (!canSpeak) { voice.hidden = true; document.getElementById('voice-note').textContent = '本浏览器不支持语音播报'; }
  voice.addEventListener('click', () => {
    speaking = !speaking; voice.setAttribute('aria-pressed', String(speaking)); voice.textContent = speaking ? '关闭语音播报' : '开启语音播报';
    if (speaking) say('语音播报已开启');
  });
  function say(text) {
    if (!speaking || !canSpeak) return;
    const u = new SpeechSynthesisUtterance(text); u.lang = 'zh-CN'; u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }
  const seen = new Set(Array.from(rows.querySelectorAll('tr')).map((r) => r.dataset.id));
  function show(c) {
    num.textContent = c.ticketNumber; to.textContent = '请到 ' + c.windowNumber + ' 号窗口'; who.textContent = c.name || '';
    const tr = document.createElement('tr'); tr.dataset.id = String(c.id);
    for (const v of [c.ticketNumber, c.windowNumber + ' 号窗口', c.name || '', new Date(c.at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })]) {
      const td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
    }
    rows.prepend(tr); while (rows.children.length > 10) rows.lastElementChild.remove();
  }
  const es = new EventSource(src);
  es.addEventListener('open', () => { status.dataset.live = 'true'; status.textContent = '实时连接正常'; });
  es.addEventListener('error', () => { status.dataset.live = 'false'; status.textContent = '连接中断，正在重连…'; });
  es.addEventListener('call', (e) => {
    // A recall is a new call (its own id): shown and spoken again. Calls already on the page are not.
    const c = JSON.parse(e.data);
    if (!seen.has(String(c.id))) { seen.add(String(c.id)); show(c); say(c.spoken); }
  });
  const clock = document.getElementById('clock');
  const tick = () => { clock.textContent = new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }); };
  tick(); setInterval(tick, 1000);
})();`

function DisplayPage(props: { code: string; hall: { id: string; name: string }; calls: Call[] }) {
  const latest = props.calls[props.calls.length - 1]
  const stream = `/api/public/units/${props.code}/halls/${props.hall.id}/display`
  const time = (at: string) => new Date(at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.hall.name} 叫号显示屏`}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <header>
          <h1>{props.hall.name}</h1>
          <div class="clock" id="clock" aria-label="当前时间"></div>
        </header>
        <main id="display" data-stream={stream}>
          <section class="now" aria-live="assertive" aria-atomic="true" aria-labelledby="now-title">
            <h2 id="now-title">正在呼叫</h2>
            <div class="num" id="now-number">{latest?.ticketNumber ?? '—'}</div>
            <div class="to" id="now-window">{latest ? `请到 ${latest.windowNumber} 号窗口` : '暂无呼叫'}</div>
            <div class="who" id="now-name">{latest?.name ?? ''}</div>
          </section>
          <section class="recent" aria-labelledby="recent-title">
            <h2 id="recent-title">最近呼叫</h2>
            <table>
              <thead><tr><th scope="col">号码</th><th scope="col">窗口</th><th scope="col">姓名</th><th scope="col">时间</th></tr></thead>
              <tbody id="recent">
                {[...props.calls].reverse().map((c) => (
                  <tr data-id={String(c.id)}><td>{c.ticketNumber}</td><td>{`${c.windowNumber} 号窗口`}</td><td>{c.name}</td><td>{time(c.at)}</td></tr>
                ))}
              </tbody>
            </table>
          </section>
        </main>
        <footer>
          <span class="status" id="status" role="status" data-live="false">正在连接…</span>
          <span><button type="button" id="voice" aria-pressed="false">开启语音播报</button> <span id="voice-note"></span></span>
        </footer>
        <script>{raw(SCRIPT)}</script>
      </body>
    </html>
  )
}

export const hallDisplay = new Hono<PortalEnv>()

hallDisplay.get('/halls/:code/:hallId/display', async (c) => {
  const { code, hallId } = c.req.param()
  if (!/^[0-9a-f-]{36}$/i.test(hallId)) return c.notFound()
  const page = await asPublicUnit(c, code, async (db) => {
    const hall = await findHall(db, code, hallId)
    return { hall: { id: hall.id, name: hall.name }, calls: await callsAfter(db, hallId, null) }
  })
  return html(c, <DisplayPage code={code} hall={page.hall} calls={page.calls} />, 200, { 'cache-control': 'no-store' })
})
