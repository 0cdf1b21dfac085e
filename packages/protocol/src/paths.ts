/** Paths of both APIs, relative to an API's base URL. */
export const PATHS = {
  login: '/login',
  logout: '/logout',
  apiPrefix: '/api/v1',
  csrfToken: '/api/v1/csrf-token',
  session: '/api/v1/session',
  sessionRefresh: '/api/v1/session/refresh',
  sessions: '/api/v1/sessions',
  password: '/api/v1/account/password',
  // Studio API
  clients: '/api/v1/clients/',
  clientSearch: '/api/v1/clients/search',
  notifications: '/api/v1/notifications/all',
  // Gallery API
  bootstrap: '/api/v1/data/bootstrap',
  collections: '/api/v1/collections',
} as const;
