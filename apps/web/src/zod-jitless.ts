import { config } from 'zod';

// Our Content-Security-Policy allows no eval: zod's JIT probes `new Function` once, and a
// strict CSP reports that probe as a violation even though zod falls back. Never probe.
config({ jitless: true });
