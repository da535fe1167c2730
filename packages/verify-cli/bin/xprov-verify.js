#!/usr/bin/env node
// The `xprov-verify` executable: a thin shim over the built CLI so that pnpm can link it before the first build.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv);
