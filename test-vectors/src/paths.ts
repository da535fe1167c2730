/** Where the committed vectors live: `test-vectors/vectors`, next to this package's dist/ and src/. */
import { fileURLToPath } from 'node:url';

export const VECTORS_DIR = fileURLToPath(new URL('../vectors', import.meta.url));
