// Public catalog fixtures: a city matter, county matters (statutory, delegated, entrusted, a
// village agent item), grants down to the township and the village, and windows that accept.
import { bearer, type Harness, T } from './app.js'
import { staffWindow } from './cases.js'
import { sampleMatter } from './matters.js'

const ALL = ['accept', 'review', 'decide', 'certify', 'deliver']

export async function setupPublic(h: Harness) {
  const city = await h.token(T.city, 'center_admin')
  const county = await h.token(T.county, 'center_admin')
  const put = async (token: string, unit: string, code: string, m: object) => {
    const r = await h.http.put(`/api/units/${unit}/matters/${code}`).set(bearer(token)).send(m)
    if (r.status !== 200) throw new Error(`${code}: ${JSON.stringify(r.body)}`)
  }
  await put(city, T.city, 'CITYM', sampleMatter({ name: '食品生产许可', department: '六安市市场监督管理局', exerciseLevel: 'city' }))
  await h.http.post(`/api/units/${T.city}/catalog/publish`).set(bearer(city)).send({ effectiveFrom: '2026-01-01' }).expect(201)
  await put(county, T.county, 'FOOD', sampleMatter())
  await put(county, T.county, 'ELDER', sampleMatter({ name: '高龄津贴申领', type: '行政给付', legalBasis: '', exerciseLevel: 'township', powerSource: '上级下放', department: '金安区民政局', agentService: true }))
  await put(county, T.county, 'ENTRUST', sampleMatter({ name: '小餐饮登记', department: '金安区市场监督管理局' }))
  await put(county, T.county, 'DISAB', sampleMatter({ name: '残疾人证办理', type: '行政确认', department: '金安区残疾人联合会', legalBasis: '《残疾人证管理办法》', exerciseLevel: 'village', powerSource: '上级委托', agentService: true }))
  await h.http.post(`/api/units/${T.county}/catalog/publish`).set(bearer(county)).send({ effectiveFrom: '2026-01-01' }).expect(201)
  const grant = async (body: object) => {
    const r = await h.http.post('/api/grants').set(bearer(county)).send({ documentNo: '金政〔2026〕8号', legalBasis: '《行政许可法》', validFrom: '2026-11-24', ...body })
    if (r.status !== 201) throw new Error(JSON.stringify(r.body))
    return r.body.id as string
  }
  const ids = {
    elder: await grant({ granteeCode: T.town, matterCode: 'ELDER', kind: 'delegation', rights: ALL, documentNo: '金政〔2026〕21号' }),
    entrust: await grant({ granteeCode: T.town, matterCode: 'ENTRUST', kind: 'entrustment', rights: ALL, documentNo: '金政〔2026〕22号' }),
    food2: await grant({ granteeCode: T.town2, matterCode: 'FOOD', kind: 'delegation', rights: ALL, documentNo: '金政〔2026〕23号' }),
    villageDisab: await grant({ granteeCode: T.village, matterCode: 'DISAB', kind: 'delegation', rights: ['accept', 'deliver'] }),
  }
  const town = await h.token(T.town, 'center_admin')
  const r = await h.http.post('/api/grants').set(bearer(town)).send({ granteeCode: T.village, matterCode: 'ELDER', kind: 'delegation', rights: ['accept', 'deliver'],
    documentNo: '中市办〔2026〕1号', legalBasis: '《行政许可法》', validFrom: '2026-11-24' })
  if (r.status !== 201) throw new Error(JSON.stringify(r.body))
  await staffWindow(h, T.county, ['FOOD', 'DISAB'], ALL)
  await staffWindow(h, T.town, ['ELDER', 'ENTRUST'], ALL)
  await staffWindow(h, T.village, ['ELDER', 'DISAB'], ['accept', 'deliver'], ['agent'])
  return ids
}
