// The runtime settings the four services run with, wherever they run: `npm start` (tools/start.mjs)
// and `npm run bench` (tools/bench/processes.mjs) add these to each service's environment; the
// Dockerfile sets the same with ENV. They change no behaviour, only how the process uses memory.
export const RUNTIME_ENV = {
  // glibc gives each thread that allocates its own malloc arena (up to 8 per core) and keeps what it
  // freed. login-ui's scrypt allocated a 16 MB block per sign-in on libuv's thread pool (N=2^14;
  // 128 MiB since N=2^17, at most PASSWORD_HASH_CONCURRENCY at once), so after a burst of sign-ins
  // every pool thread held its own: 287 MB RSS after the bench's load, against 144-180 MB with two
  // arenas (bench/README.md, "Memory", measured at N=2^14). Two is the usual advice for Node.js.
  MALLOC_ARENA_MAX: '2',
  // V8's heap: a young generation of at most 2 × 4 MB (Node's default lets it grow to 2 × 16 MB) and
  // an old generation of at most 96 MB. Under load, objects that live across a few requests reach
  // the old generation, and V8 lets it grow far past what is live (resource-api: 107 MB of it after
  // the bench's load, 31 MB live) before collecting. The bound makes it collect sooner: 120 MB RSS
  // after the load instead of 180-250, at no CPU cost measured (bench/README.md, "Memory"). The
  // young generation at 2 × 4 MB instead of 2 × 8 MB took 9-10 MB more off each service (auth-server
  // 122 to 113 MB after 6 s of tokens) for at most 5% more CPU a request, within the noise for
  // auth-server (bench/README.md, "Issue 17"). The live heap of each service is 30-40 MB; a service
  // that ever needs more stops with "JavaScript heap out of memory": raise the bound with
  // NODE_OPTIONS. Yours come after these, so they win.
  NODE_OPTIONS: ['--max-semi-space-size=4 --max-old-space-size=96', process.env.NODE_OPTIONS]
    .filter(Boolean)
    .join(' '),
};
