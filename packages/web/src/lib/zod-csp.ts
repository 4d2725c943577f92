import { config } from 'zod';

// zod probes for eval when a schema is built; under the desk's CSP (no unsafe-eval) that probe is
// reported as a violation. This module is imported first in main.tsx, before any schema exists.
config({ jitless: true });
