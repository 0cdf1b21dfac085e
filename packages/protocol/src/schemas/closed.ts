import { type ObjectOptions, type TObject, type TProperties, Type } from '@sinclair/typebox';

/**
 * An object schema that refuses keys it does not name: the only way the protocol declares
 * objects, so that no object is open at any depth (an open nested object once let a client
 * store a body nested thousands deep).
 */
export function Closed<T extends TProperties>(
  properties: T,
  options: ObjectOptions = {},
): TObject<T> {
  return Type.Object(properties, { ...options, additionalProperties: false });
}
