import type { GetSample, LoginSample, StormSample } from './measure/scenarios.js';

/** Everything measured of one system, every round kept; the report takes medians. */
export interface SystemResults {
  key: string;
  name: string;
  description: string;
  instances: number;
  pagedClients: boolean;
  skipped: string | null;
  get: GetSample[];
  login: LoginSample[];
  storm: StormSample[];
  rssIdleBytes: number | null;
  /** RSS after the sessions were added (after a collection), and after GETs on top. */
  rssSessions: {
    count: number;
    /** Just before adding them, after a collection: logins and GETs have run by then. */
    beforeBytes: number;
    seededBytes: number;
    loadedBytes: number;
    seedMs: number;
  } | null;
  clientsSeedMs: number | null;
  firstPage: GetSample[];
  pageN: GetSample[];
  search: GetSample[];
}

export function emptyResults(
  key: string,
  name: string,
  fields: Partial<Pick<SystemResults, 'description' | 'instances' | 'pagedClients' | 'skipped'>>,
): SystemResults {
  return {
    key,
    name,
    description: fields.description ?? '',
    instances: fields.instances ?? 1,
    pagedClients: fields.pagedClients ?? false,
    skipped: fields.skipped ?? null,
    get: [],
    login: [],
    storm: [],
    rssIdleBytes: null,
    rssSessions: null,
    clientsSeedMs: null,
    firstPage: [],
    pageN: [],
    search: [],
  };
}
