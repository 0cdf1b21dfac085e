export { type Derivative, renderDerivatives } from './derivatives.js';
export { type PhotoMetadata, readMetadata } from './metadata.js';
export { isPhotoError, PhotoError, type PhotoErrorReason } from './photo-error.js';
export {
  DEFAULT_PHOTO_OPTIONS,
  DERIVATIVE_SIZES,
  type DerivativeFormat,
  type DerivativeKind,
  normalizePhotoOptions,
  type PhotoOptions,
  type ResolvedPhotoOptions,
} from './photo-options.js';
export { renderPlaceholder } from './placeholder.js';
export { type ProcessedPhoto, processPhoto } from './process-photo.js';
export { type ImageType, requireImageType, sniffImageType } from './sniff.js';
