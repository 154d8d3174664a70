/**
 * JSON Merge Patch (RFC 7396): how a tenant changes a provider's settings for itself. Objects
 * merge key by key, `null` removes a key, anything else (arrays included) replaces the value.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // defineProperty: a "__proto__" key is data here, never the object's prototype.
    else Object.defineProperty(result, key, { value: applyMergePatch(result[key], value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
