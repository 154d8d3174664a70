/** Names every object inherits from Object.prototype: a lookup by a client-supplied name must not find them. */
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;
