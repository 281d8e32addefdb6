import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { type BodyChoice, type BodyShape, type Envelope } from './envelopes';
import { encodeParameters, type Parameter } from './parameters';

/**
 * Request bodies as an envelope says: the parameters as a form, as JSON, as broken JSON or
 * multipart, nothing or random bytes; deeply nested JSON; gzip, deflate and br, or a bogus
 * Content-Encoding. Parsers must answer all of them with a 4xx (RFC 6749 §5.2), never a 5xx.
 */

function multipartOf(parameters: readonly Parameter[]): string {
  const parts = parameters.map(
    (p) => `--fuzz\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
  );
  return `${parts.join('')}--fuzz--\r\n`;
}

/** Deeply nested JSON: parsers and validators must not overflow their stack into a 500. */
export const deepJson = fc
  .integer({ min: 100, max: 20_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

function bodyText(
  shape: BodyShape,
  parameters: readonly Parameter[],
  json: string,
  bytes: Uint8Array,
): string {
  switch (shape) {
    case 'form':
      return encodeParameters(parameters, false);
    case 'json':
      return json;
    case 'broken-json':
      return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
    case 'multipart':
      return multipartOf(parameters);
    case 'empty':
      return '';
    case 'bytes':
      return Buffer.from(bytes).toString('latin1');
  }
}

/**
 * The body for a parameter list, as the envelope says: a form, the same parameters as JSON (or
 * `json` instead, for resource-api's notes), broken JSON, multipart, nothing or random bytes.
 */
export function bodyFor(
  parameters: fc.Arbitrary<Parameter[]>,
  envelope: Envelope,
  json: fc.Arbitrary<string> = fc.constant(''),
): fc.Arbitrary<{ body: BodyChoice; parameters: Parameter[] }> {
  const { shape, contentType, contentEncoding } = envelope;
  return fc
    .tuple(parameters, json, fc.uint8Array({ maxLength: 300 }))
    .map(([params, jsonOverride, bytes]) => {
      const asJson =
        jsonOverride !== ''
          ? jsonOverride
          : JSON.stringify(Object.fromEntries(params.map((p) => [p.name, p.value])));
      const text = bodyText(shape, params, asJson, bytes);
      const raw = Buffer.from(text, shape === 'bytes' ? 'latin1' : 'utf8');
      return {
        body: { shape, contentType, contentEncoding, bytes: encodeBody(raw, contentEncoding) },
        parameters: params,
      };
    });
}

function encodeBody(raw: Buffer, how: BodyChoice['contentEncoding']): Uint8Array {
  switch (how) {
    case 'gzip':
      return gzipSync(raw);
    case 'deflate':
      return deflateSync(raw);
    case 'br':
      return brotliCompressSync(raw);
    case 'bogus-gzip':
    case 'x-unknown':
    case undefined:
      return raw;
  }
}

export function bodyHeaders(body: BodyChoice): [string, string][] {
  const headers: [string, string][] = [];
  if (body.contentType !== undefined) {
    headers.push(['content-type', body.contentType]);
  }
  if (body.contentEncoding !== undefined) {
    headers.push([
      'content-encoding',
      body.contentEncoding === 'bogus-gzip' ? 'gzip' : body.contentEncoding,
    ]);
  }
  return headers;
}
