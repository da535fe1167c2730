// Shared vitest settings: every package writes a JSON result file that
// scripts/test-all.mjs totals into the one `N passed, N failed` line CI reads.
export const shared = {
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
};
