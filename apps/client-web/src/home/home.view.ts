import type { Note } from '@oauth-flow-lab/contracts';
import type { ResourceApiResult } from '../notes/resource-api.client';
import type { Connection } from '../session/session-data';
import type { DecodedAccessToken } from './access-token-display';

/** What the home page shows, gathered by HomeService and rendered by the two page functions. */
export interface NotConnectedView {
  flash?: string;
}

export interface ConnectedView {
  flash?: string;
  /** Set when this page load refreshed the access token (RFC 6749 §6), or failed to. */
  notice?: string;
  connection: Connection;
  notes: ResourceApiResult<Note[]>;
  accessToken: DecodedAccessToken | null;
  /** OpenID Connect: the id_token verified at login, decoded; absent without the openid scope. */
  idToken: DecodedAccessToken | null;
  /** The user's name from the id_token (`name`, else `preferred_username`, else `sub`). */
  signedInAs: string | null;
  csrfToken: string;
  now: number;
}
