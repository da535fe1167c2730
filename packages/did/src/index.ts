export * from './codes.js';
export * from './didDocument.js';
export * from './didWebUrl.js';
export * from './resolver.js';
export * from './resolvers.js';
export * from './verificationMethod.js';
