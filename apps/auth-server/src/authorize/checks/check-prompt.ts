import type { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest, LoginRequired } from '../../errors/oauth-errors';

/** The `prompt` values this server acts on (OIDC Core §3.1.2.1); others are ignored. */
const KNOWN_PROMPTS = ['none', 'login', 'consent', 'select_account'] as const;
type Prompt = (typeof KNOWN_PROMPTS)[number];

function isKnownPrompt(value: string): value is Prompt {
  return (KNOWN_PROMPTS as readonly string[]).includes(value);
}

/**
 * OIDC Core §3.1.2.1, `prompt`: a space-delimited list.
 *   login   -> login-ui shows its form even when it remembers the user (a login-ui session)
 *   consent -> the consent page is shown even when the user chose "remember" for this client
 *   none    -> nothing may be shown. auth-server keeps no login session of its own (login-ui does),
 *              so it can never know the user is logged in: `login_required`, at once.
 *   `none` with any other value -> invalid_request (the spec: "MUST NOT be used with other values").
 * Unknown values are ignored, as the spec asks; the known ones are stored with the request.
 */
export function checkPrompt(params: RequestParameters): string[] {
  const values = (params.optional('prompt') ?? '').split(' ').filter((v) => v !== '');
  const known = [...new Set(values.filter(isKnownPrompt))];
  if (known.includes('none')) {
    if (known.length > 1) {
      throw new InvalidRequest('prompt=none must not be combined with other prompt values');
    }
    throw new LoginRequired('prompt=none: the user is not logged in at auth-server');
  }
  return known;
}
