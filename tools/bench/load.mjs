// Load generation for `npm run bench`: autocannon, used programmatically, in the bench's own process
// (one core for the load, the other for the server under test on this 2-core machine).
import autocannon from 'autocannon';

/**
 * One autocannon run. Returns requests/s (2xx answers over the run's duration), latency
 * percentiles (ms) and everything that was not a 2xx, which the caller treats as a failed run.
 */
export async function load({
  url,
  connections,
  seconds,
  method = 'GET',
  headers,
  body,
  setupClient,
}) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method,
    headers,
    body,
    setupClient,
    timeout: 10,
  });
  const ok = result['2xx'];
  return {
    rps: ok / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    notOk: result.non2xx + result.errors + result.timeouts,
    detail: `non2xx=${result.non2xx} errors=${result.errors} timeouts=${result.timeouts}`,
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
