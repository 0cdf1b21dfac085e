/**
 * Countries by the numeric `country_id` of the reference docs (`223` is the United States):
 * the numbering of the long-standing osCommerce/OpenCart country table, which Pixieset's IDs
 * follow. Each ID maps to its ISO 3166-1 alpha-2 code; names come from `Intl.DisplayNames`,
 * so no list of names is kept here.
 */

/** ISO codes in ID order: the code of ID `n` is at index `n - 1`. */
const CODES_BY_ID = [
  'AF AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY',
  'BE BZ BJ BM BT BO BA BW BV BR IO BN BG BF BI KH CM CA CV KY',
  'CF TD CL CN CX CC CO KM CG CK CR CI HR CU CY CZ DK DJ DM DO',
  'TP EC EG SV GQ ER EE ET FK FO FJ FI FR FX GF PF TF GA GM GE',
  'DE GH GI GR GL GD GP GU GT GN GW GY HT HM HN HK HU IS IN ID',
  'IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR',
  'LY LI LT LU MO MK MG MW MY MV ML MT MH MQ MR MU YT MX FM MD',
  'MC MN MS MA MZ MM NA NR NP NL AN NC NZ NI NE NG NU NF MP NO',
  'OM PK PW PA PG PY PE PH PN PL PT PR QA RE RO RU RW KN LC VC',
  'WS SM ST SA SN SC SL SG SK SI SB SO ZA GS ES LK SH PM SD SR',
  'SJ SZ SE CH SY TW TJ TZ TH TG TK TO TT TN TR TM TC TV UG UA',
  'AE GB US UM UY UZ VU VA VE VN VG VI WF EH YE YU CD ZM ZW',
]
  .join(' ')
  .split(' ');

/** Codes the table holds for countries that ISO has since withdrawn, with their names. */
const WITHDRAWN: Record<string, string> = {
  AN: 'Netherlands Antilles',
  FX: 'France, Metropolitan',
  TP: 'East Timor',
  YU: 'Yugoslavia',
};

/** The largest `country_id`. */
export const MAX_COUNTRY_ID = CODES_BY_ID.length;

let names: Intl.DisplayNames | undefined;

/**
 * The ISO 3166-1 alpha-2 code of a `country_id`, or null for an ID the table does not have.
 *
 * @example
 * countryCode(223); // 'US'
 */
export function countryCode(id: number): string | null {
  return Number.isInteger(id) && id >= 1 ? (CODES_BY_ID[id - 1] ?? null) : null;
}

/**
 * The English name of a `country_id`, as `address_info.country` shows it, or null.
 *
 * @example
 * countryName(223); // 'United States'
 */
export function countryName(id: number): string | null {
  const code = countryCode(id);
  if (code === null) return null;
  const withdrawn = WITHDRAWN[code];
  if (withdrawn) return withdrawn;
  names ??= new Intl.DisplayNames(['en'], { type: 'region' });
  return names.of(code) ?? code;
}
