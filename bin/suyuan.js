#!/usr/bin/env node
// The `suyuan` command. The project runs its TypeScript through tsx, so the
// bin registers tsx's loader and hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
