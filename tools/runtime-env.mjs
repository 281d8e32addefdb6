// The runtime settings the four services run with, wherever they run: `npm start` (tools/start.mjs)
// and `npm run bench` (tools/bench/processes.mjs) add these to each service's environment; the
// Dockerfile sets the same with ENV. They change no behaviour, only how the process uses memory.
export const RUNTIME_ENV = {
  // glibc gives each thread that allocates its own malloc arena (up to 8 per core) and keeps what it
  // freed. login-ui's scrypt allocates a 16 MB block per sign-in on libuv's thread pool, so after a
  // burst of sign-ins every pool thread held its own: 287 MB RSS after the bench's load, against
  // 144-180 MB with two arenas (bench/README.md, "Memory"). Two is the usual advice for Node.js.
  MALLOC_ARENA_MAX: '2',
};
