/** Entry point of the single-file build (dist/xprov-verify.mjs). */
import { main } from './main.js';

process.exitCode = await main(process.argv);
