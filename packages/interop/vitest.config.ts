import { defineConfig } from 'vitest/config';
import { shared } from '../../vitest.shared.js';

// @ldclabs/cose-ts (the independent COSE implementation the tests check against) ships ESM with
// extension-less relative imports, which Node cannot load; let vite resolve and inline it.
export default defineConfig({
  ...shared,
  test: { ...shared.test, server: { deps: { inline: ['@ldclabs/cose-ts'] } } },
});
