import fc from 'fast-check';
import { authorizationHeader } from './authorization-header';
import { bodyFor, deepJson } from './bodies';
import { envelopes, JSON_TYPE, methodHasBody, methods } from './envelopes';
import { noiseHeaders } from './headers';
import { fuzzString, near } from './hostile-values';
import { type JwtMaterial } from './jwts';
import { fewParameters, parameterList } from './parameters';
import { buildRequest, type ClientSecret, type FuzzRequest, type FuzzTargets } from './requests';

/**
 * resource-api's notes: GET /notes and /notes/stats, POST /notes with note-shaped and hostile
 * JSON, other bodies and content types, under every kind of Authorization header. Probes RFC 6750
 * §3.1: a missing or invalid token is a 401, too narrow a scope a 403, a malformed request a 400.
 */

/** resource-api's reads: GET /notes and GET /notes/stats, every kind of Authorization header. */
export function notesReadRequests(
  t: FuzzTargets,
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const query = fewParameters({
    access_token: fc.oneof(fc.constantFrom(...material.heldTokens), fuzzString),
    limit: near(['10'], ['-1', '1e9']),
    sub: near(['alice', 'bob']),
  });
  return fc
    .tuple(
      methods('GET'),
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('/notes', '/notes/stats') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '/notes/',
            '/NOTES',
            '/notes/stats/',
            '/notes/%2e%2e/notes',
            '/notes/..%2fhealth',
          ),
        },
      ),
      query,
      authorizationHeader(material, clients, accepted),
      noiseHeaders,
    )
    .map(([method, path, q, authorization, headers]) =>
      buildRequest({ method, url: `${t.resourceApi}${path}`, query: q, headers, authorization }),
    );
}

/** Note-shaped JSON with hostile values and types, other JSON, prototype keys, deep nesting. */
const noteJson: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          title: near(['A note'], ['', ' ']),
          body: near(['Some text'], ['']),
          id: near(['1', '../1']),
          sub: near(['bob']),
        },
        { requiredKeys: [] },
      )
      .map((note) => JSON.stringify(note)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ title: fc.jsonValue(), body: fc.jsonValue() })
      .map((note) => JSON.stringify(note)),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: deepJson },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"admin":true},"title":"t","body":"b"}',
      '{"constructor":{"prototype":{"admin":true}},"title":"t","body":"b"}',
      '{"title":"t","body":"b","title":"again"}',
      '{"title":{"$gt":""},"body":"b"}',
      '{"title":"\\u0000","body":"\\ud800"}',
      'null',
      '"a string"',
      '1',
      '[]',
      '{',
      '',
    ),
  },
);

/** POST /notes: JSON and non-JSON bodies, every content type, every kind of Authorization header. */
export function notesWriteRequests(
  t: FuzzTargets,
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const parameters = parameterList(
    { title: near(['A note']), body: near(['Some text']) },
    { access_token: fuzzString },
  );
  return fc
    .tuple(
      envelopes({ method: 'POST', shape: 'json', contentType: JSON_TYPE }),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant('/notes') },
        { weight: 1, arbitrary: fc.constantFrom('/notes/', '/notes/stats', '/notes/1') },
      ),
      authorizationHeader(material, clients, accepted),
      noiseHeaders,
    )
    .chain(([envelope, path, authorization, headers]) => {
      const { method } = envelope;
      const url = `${t.resourceApi}${path}`;
      if (!methodHasBody(method)) {
        return fc.constant(buildRequest({ method, url, headers, authorization }));
      }
      return bodyFor(parameters, envelope, noteJson).map((body) =>
        buildRequest({ method, url, headers, authorization, body }),
      );
    });
}
