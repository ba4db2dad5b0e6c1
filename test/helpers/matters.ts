// A valid matter (八公开 elements) to start tests from.
import type { MatterElements } from '../../src/modules/catalog/matter-schema.js'

export function sampleMatter(over: Partial<MatterElements> = {}): MatterElements {
  return {
    name: '食品经营许可', type: '行政许可', department: '金安区市场监督管理局',
    legalBasis: '《中华人民共和国食品安全法》第三十五条', conditions: ['有与经营的食品品种、数量相适应的经营场所'],
    materials: [
      { name: '食品经营许可申请书', required: true, form: 'original', copies: 1 },
      { name: '营业执照', required: true, form: 'copy', copies: 1 },
      { name: '食品安全管理制度', required: false, form: 'original', copies: 1 },
    ],
    steps: ['受理', '审查', '决定', '送达'],
    statutoryLimit: { days: 10, unit: 'working' }, promisedLimit: { days: 5, unit: 'working' }, instant: false,
    free: true, fees: [], result: { name: '食品经营许可证', delivery: ['pickup', 'post'] }, visits: 1,
    online: true, booking: false, postDelivery: true, agentService: false, handlingScope: 'county',
    supervisionPhone: '0564-12345', notes: '', commonMistakes: [], powerSource: '法定本级行使', exerciseLevel: 'county', reserved: false,
    ...over,
  }
}
