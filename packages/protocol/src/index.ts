export { COOKIE_NAMES, type CookieKind, cookieName, SECURE_COOKIE_PREFIX } from './cookies.js';
export { countryCode, countryName, MAX_COUNTRY_ID } from './countries.js';
export {
  codeForStatus,
  ERRORS,
  ErrorBody,
  type ErrorCode,
  type ErrorStatus,
  errorBody,
  REASON_PHRASES,
  reasonPhrase,
} from './errors.js';
export { HEADERS, UNSAFE_METHODS } from './headers.js';
export {
  ID_BODY_LENGTH,
  ID_PATTERNS,
  ID_PREFIXES,
  isId,
  isNumericId,
  NUMERIC_IDS,
  type NumericResource,
  newId,
  newNumericId,
  type PrefixedResource,
} from './ids.js';
export { PATHS } from './paths.js';
export { isRole, ROLES, type Role } from './roles.js';
export { MarkedCount, SignedOut } from './schemas/acknowledgements.js';
export {
  CsrfTokenResponse,
  CurrentSession,
  HealthReport,
  LoginBody,
  LoginResponse,
  LogoutBody,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PasswordChange,
  PasswordChanged,
  RevokedSessions,
  SessionInfo,
  SessionList,
} from './schemas/auth.js';
export { Bootstrap } from './schemas/bootstrap.js';
export {
  AddressInfo,
  CLIENT_STATUSES,
  CLIENT_TYPE_LABELS,
  CLIENT_TYPES,
  Client,
  ClientCreate,
  ClientCsvQuery,
  ClientId,
  ClientListQuery,
  ClientPage,
  ClientSearchQuery,
  type ClientType,
  ClientUpdate,
  NO_ADDRESS,
  parseClientTypes,
} from './schemas/client.js';
export {
  Collection,
  CollectionCreate,
  CollectionId,
  CollectionUpdate,
  Gallery,
  GalleryCreate,
  GalleryId,
  GalleryUpdate,
} from './schemas/collection.js';
export { exampleOf, examplesOf, withExamples } from './schemas/examples.js';
export {
  NOTIFICATION_TYPES,
  Notification,
  NotificationId,
  NotificationList,
  NotificationListQuery,
  type NotificationType,
} from './schemas/notification.js';
export {
  DEFAULT_PER_PAGE,
  Envelope,
  isPageWindow,
  MAX_OFFSET,
  MAX_PER_PAGE,
  PAGE_PARAMS,
  Page,
  PageLinks,
  PageMeta,
  PageQuery,
  type PageWindow,
  pageLinks,
  pageMeta,
  pageWindow,
} from './schemas/pagination.js';
export {
  GalleryCover,
  MEDIA_KINDS,
  type MediaKind,
  PHOTO_ORDERS,
  PHOTO_SIZES,
  PHOTO_STATUSES,
  Photo,
  PhotoId,
  PhotoImageQuery,
  PhotoListQuery,
  type PhotoOrder,
  type PhotoSize,
  PhotoSizeUrls,
  type PhotoStatus,
  PhotoUpdate,
  PhotoUploadForm,
  PhotoUrls,
  Sha256Hex,
} from './schemas/photo.js';
export {
  CollectionFavoritesQuery,
  Comment,
  CommentCreate,
  CommentId,
  FAVORITE_EXPORT_FORMATS,
  FavoritedPhoto,
  FavoriteEntry,
  type FavoriteExportFormat,
  FavoriteExportQuery,
  FavoriteList,
  FavoriteListCreate,
  FavoriteListId,
  FavoriteListUpdate,
  FavoriteStatus,
  FavoriteTargetQuery,
  MAX_COMMENT_LENGTH,
  MAX_FAVORITE_LIST_NAME,
  MAX_SELECTION_LIMIT,
  ProofingPerson,
  StarredPhoto,
} from './schemas/proofing.js';
export { UserProfile } from './schemas/user.js';
export {
  CollectionWatermark,
  WATERMARK_POSITIONS,
  Watermark,
  WatermarkUpdate,
} from './schemas/watermark.js';
