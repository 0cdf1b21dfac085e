/**
 * The schema of every response the client reads, named as messages show them. All come from
 * `@proofsheet/protocol`, the schemas the server answers with.
 */
import {
  Bootstrap,
  Client,
  ClientPage,
  Collection,
  CsrfTokenResponse,
  CurrentSession,
  Envelope,
  ErrorBody,
  Gallery,
  LoginResponse,
  MarkedCount,
  Notification,
  NotificationList,
  Page,
  SignedOut,
  StudioMembershipList,
} from '@proofsheet/protocol';
import { responseSchema } from './response-shape.js';

const login = responseSchema('LoginResponse', LoginResponse);

/** The response schemas, one per kind of answer. */
export const RESPONSE_SCHEMAS = Object.freeze({
  error: responseSchema('ErrorBody', ErrorBody),
  login,
  /** `POST /api/v1/session/refresh` answers as a login does. */
  refresh: login,
  logout: responseSchema('SignedOut', SignedOut),
  session: responseSchema('CurrentSession', CurrentSession),
  studios: responseSchema('StudioMembershipList', StudioMembershipList),
  csrfToken: responseSchema('CsrfTokenResponse', CsrfTokenResponse),
  clientPage: responseSchema('ClientPage', ClientPage),
  client: responseSchema('Envelope(Client)', Envelope(Client)),
  notificationList: responseSchema('NotificationList', NotificationList),
  notification: responseSchema('Envelope(Notification)', Envelope(Notification)),
  markedCount: responseSchema('MarkedCount', MarkedCount),
  bootstrap: responseSchema('Envelope(Bootstrap)', Envelope(Bootstrap)),
  collectionPage: responseSchema('Page(Collection)', Page(Collection)),
  collection: responseSchema('Envelope(Collection)', Envelope(Collection)),
  galleryPage: responseSchema('Page(Gallery)', Page(Gallery)),
  gallery: responseSchema('Envelope(Gallery)', Envelope(Gallery)),
});
