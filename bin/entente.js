#!/usr/bin/env node
// Runs the TypeScript CLI directly, as `npm start` does, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
