// The demo accounts the console scenarios sign in as (src/seed/demo.ts: `<unit code>-<role>`).
// One place: when the demo seed places staff differently, change them here.
export const CITY = '341500000000' // 六安市
export const COUNTY = '341502000000' // 金安区
export const TOWNSHIP = '341502001000' // 中市街道
export const VILLAGE = '341502001001'
export const ACCOUNTS = {
  clerk: `${COUNTY}-window_clerk`,
  reviewer: `${COUNTY}-reviewer`,
  approver: `${COUNTY}-approver`,
  countyAdmin: `${COUNTY}-center_admin`,
  townshipAdmin: `${TOWNSHIP}-center_admin`,
  supervisor: `${COUNTY}-supervisor`,
  citySupervisor: `${CITY}-supervisor`,
  inspector: `${COUNTY}-inspector`,
} as const
/** The matter the clerk takes in (金安区 holds it, the demo windows may accept it). */
export const MATTER = '3415-CL-QR-0001'
