#!/usr/bin/env node
// The installed `thads` bin: the CLI is TypeScript, so register tsx before loading it.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
