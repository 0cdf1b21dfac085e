import {
  isPageWindow,
  type PageMeta,
  type PageWindow,
  pageLinks,
  pageMeta,
  pageWindow,
} from '@proofsheet/protocol';
import type { FastifyRequest } from 'fastify';
import { routedPath } from './api-path.js';
import { AppError } from './app-error.js';

/** The window a list request asks for; a 400 naming the parameters that contradict. */
export function requestedWindow(request: FastifyRequest): PageWindow {
  const window = pageWindow(request.query as Record<string, unknown>);
  if (isPageWindow(window)) return window;
  throw new AppError('invalid_query', 'The paging parameters contradict each other', window);
}

/** The `meta` of a list page, with links that keep the request's other parameters. */
export function listMeta(
  request: FastifyRequest,
  window: PageWindow,
  total: number,
  count: number,
): PageMeta {
  const query = request.url.indexOf('?');
  const path = routedPath(request.url) ?? request.url;
  const search = query === -1 ? '' : request.url.slice(query + 1);
  return pageMeta(window, total, count, pageLinks(path, search, window, total));
}
