// The portal's one stylesheet, served by the app itself (no asset from another host), mobile
// first; a print stylesheet for guides and receipts. Its URL carries its hash, so it can be
// cached for a year and still change at once with a new release.
import { createHash } from 'node:crypto'

export const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f5f6f8}
a{color:#0b57a4}
.tablewrap:focus-visible,a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
header.top{background:#b4161b;color:#fff}
header.top .in{max-width:60rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;justify-content:space-between}
header.top a{color:#fff;text-decoration:none}
.brand{font-weight:700;font-size:1.15rem}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
nav.main a{display:inline-block;padding:.25rem 0;text-decoration:underline;text-underline-offset:3px}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.35;margin:.4rem 0 .8rem}
h2{font-size:1.15rem;margin:1.4rem 0 .5rem;padding-left:.5rem;border-left:4px solid #b4161b}
h3{font-size:1rem;margin:1rem 0 .3rem}
.crumbs{font-size:.9rem;margin:.2rem 0 .6rem;color:#444}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap}
.crumbs li+li::before{content:"›";padding:0 .4rem;color:#666}
.card{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:.9rem 1rem;margin:0 0 .8rem}
ul.list{list-style:none;padding:0;margin:0}
ul.list>li{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:.7rem .9rem;margin:0 0 .5rem}
ul.list>li a.title{font-weight:600;font-size:1.05rem}
ul.grid{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem}
ul.grid a{display:block;background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:.7rem;min-height:2.75rem;text-decoration:none;font-weight:600}
.meta{font-size:.9rem;color:#444;margin:.2rem 0 0}
.tags{display:flex;flex-wrap:wrap;gap:.3rem;margin:.35rem 0 0;padding:0;list-style:none}
.tag{display:inline-block;font-size:.8rem;border-radius:4px;padding:0 .4rem;border:1px solid #8a6d00;color:#5c4700;background:#fff8e1}
.tag.ok{border-color:#1a7f37;color:#0f5323;background:#e9f7ee}
.tag.go{border-color:#0b57a4;color:#0b3f75;background:#e8f1fb}
dl.kv{display:grid;grid-template-columns:1fr;gap:.1rem .8rem;margin:0}
dl.kv dt{font-weight:600;color:#333;margin-top:.5rem}
dl.kv dd{margin:0}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.95rem}
th,td{border:1px solid #d8dce2;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}
td.no,th.no{white-space:nowrap}
details>summary{cursor:pointer;min-height:2.75rem;padding:.3rem 0}
details ul{margin:.4rem 0}
.tablewrap{overflow-x:auto}
.tablewrap table.wide{min-width:36rem}
form.stack{display:grid;gap:.8rem;max-width:42rem}
.field label,.field legend{display:block;font-weight:600;margin-bottom:.2rem}
.field .hint{font-size:.85rem;color:#444;margin:.1rem 0 .2rem}
input[type=text],input[type=search],input[type=tel],input[type=file],select,textarea{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #767d86;border-radius:6px;background:#fff;min-height:2.75rem}
textarea{min-height:7rem}
fieldset{border:1px solid #d8dce2;border-radius:8px;padding:.6rem .8rem;margin:0;background:#fff}
.check,.field label.check{display:flex;gap:.5rem;align-items:flex-start;margin:.3rem 0}
.check input{width:1.3rem;height:1.3rem;margin-top:.2rem;flex:none}
.error{color:#a40e14;font-weight:600;margin:.2rem 0 0}
.field.invalid input,.field.invalid select,.field.invalid textarea{border:2px solid #a40e14}
.alert{border-left:5px solid #a40e14;background:#fdecec;padding:.7rem .9rem;border-radius:6px;margin:0 0 .8rem}
.notice{border-left:5px solid #0b57a4;background:#e8f1fb;padding:.7rem .9rem;border-radius:6px;margin:0 0 .8rem}
.success{border-left:5px solid #1a7f37;background:#e9f7ee;padding:.7rem .9rem;border-radius:6px;margin:0 0 .8rem}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.2rem;min-height:2.75rem;border-radius:6px;border:1px solid #8c1115;background:#b4161b;color:#fff;cursor:pointer;text-decoration:none}
.button.secondary,button.secondary{background:#fff;color:#b4161b}
.actions{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}
.big{font-size:1.3rem;font-weight:700;letter-spacing:.05em;word-break:break-all}
.filters{display:grid;gap:.6rem}
.filters .row{display:grid;gap:.6rem}
.levels{display:grid;gap:.2rem}
ul.slots{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.4rem}
ul.slots .check{border:1px solid #d8dce2;border-radius:6px;padding:.45rem .5rem;background:#fff;min-height:2.75rem}
.ticket{background:#fff;border:2px solid #b4161b;border-radius:10px;padding:1rem;text-align:center;margin:0 0 .8rem}
.ticket .no{font-size:3rem;font-weight:700;letter-spacing:.08em;color:#b4161b;margin:.2rem 0}
.hall{border-left:4px solid #0b57a4}
.kiosk main{max-width:48rem}
.kiosk .pick{display:grid;gap:.8rem}
.kiosk .pick button{font-size:1.5rem;min-height:5rem;width:100%}
.kiosk .check,.kiosk .field label.check{font-size:1.25rem;min-height:3.5rem;align-items:center}
.kiosk .check input{width:2rem;height:2rem;margin-top:0}
.pick button{width:100%;text-align:left}
footer.bottom{max-width:60rem;margin:2rem auto 0;padding:1rem;font-size:.85rem;color:#444;border-top:1px solid #d8dce2}
@media (min-width:40rem){
  dl.kv{grid-template-columns:9rem 1fr}
  dl.kv dt{margin-top:0}
  .filters .row{grid-template-columns:2fr 1fr 1fr}
  .filters fieldset .check{display:inline-flex;margin-right:1.2rem}
  h1{font-size:1.6rem}
}
@media print{
  header.top,nav,footer.bottom,.actions,.noprint,form{display:none!important}
  body{background:#fff;font-size:11pt}
  main{max-width:none;padding:0}
  .card,ul.list>li{border:none;padding:0}
  a{color:#000;text-decoration:none}
  h2{border-left:none;padding-left:0;border-bottom:1px solid #000}
}
`.replace(/\n\s*/g, '')

export const CSS_HASH = createHash('sha256').update(CSS).digest('hex').slice(0, 12)
export const CSS_PATH = `/portal.${CSS_HASH}.css`
