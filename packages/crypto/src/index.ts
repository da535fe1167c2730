export * from './codes.js';
export * from './contexts.js';
export * from './didKey.js';
export * from './documentLoader.js';
export * from './ed25519.js';
export * from './eddsaJcs2022.js';
export * from './eddsaRdfc2022.js';
export * from './multikey.js';
export * from './proof.js';
/** Re-exported for callers that hashed through @xprov/crypto before it moved to @xprov/format. */
export { sha256 } from '@xprov/format';
export * from './sign.js';
export * from './verificationMethod.js';
export * from './verify.js';
