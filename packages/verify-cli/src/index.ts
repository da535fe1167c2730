export { main, type Io } from './main.js';
export { renderReport, drawChain } from './report.js';
export { EXIT_VALID, EXIT_INVALID, EXIT_USAGE, EXIT_INCONCLUSIVE } from './exit.js';
