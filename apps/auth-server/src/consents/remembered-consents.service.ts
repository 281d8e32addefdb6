import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RememberedConsent } from '@oauth-flow-lab/contracts';
import { serializedTransaction } from '@oauth-flow-lab/database';
import { DataSource, In } from 'typeorm';
import { ClientEntity } from '../clients/client.entity';
import { nowInSeconds } from '../common/random';
import { RememberedConsentEntity } from './remembered-consent.entity';
import { AccessTokenRevocations } from '../tokens/access-token-revocations';
import { revokeClientGrants } from './revoke-client-grants';
import { hasNul } from '../common/nul';

/**
 * Remembered consent, the way Ory Hydra offers it: when login-ui accepts a consent with
 * `remember: true`, auth-server keeps which scopes this user granted this client. The next consent
 * request of the same client asking for no more than that is marked `skip` (login-ui then accepts
 * it without showing the page). The user sees these as "connected apps" on login-ui and can revoke
 * one, which also ends every grant the client holds for them.
 */
@Injectable()
export class RememberedConsents {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: AccessTokenRevocations,
  ) {}

  /** True when every requested scope is within what the user remembered granting this client. */
  async covers(subject: string, clientId: string, requestedScope: string[]): Promise<boolean> {
    const remembered = await this.dataSource
      .getRepository(RememberedConsentEntity)
      .findOneBy({ subject, clientId });
    return remembered !== null && requestedScope.every((s) => remembered.scope.includes(s));
  }

  /**
   * Remembers a consent. The scopes add up: remembering a narrower grant later does not forget what
   * was remembered before (the user revokes a client as a whole, from the connected apps list).
   */
  async remember(subject: string, clientId: string, grantedScope: string[]): Promise<void> {
    await serializedTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(RememberedConsentEntity);
      const existing = await repository.findOneBy({ subject, clientId });
      const scope = [...new Set([...(existing?.scope ?? []), ...grantedScope])];
      await repository.save({ subject, clientId, scope, rememberedAt: nowInSeconds() });
    });
  }

  /** The user's connected apps: every remembered consent, newest first, with the client's name. */
  async list(subject: string): Promise<RememberedConsent[]> {
    if (hasNul(subject)) {
      return [];
    }
    const consents = await this.dataSource
      .getRepository(RememberedConsentEntity)
      .find({ where: { subject }, order: { rememberedAt: 'DESC', clientId: 'ASC' } });
    const clients = await this.dataSource
      .getRepository(ClientEntity)
      .findBy({ clientId: In(consents.map((c) => c.clientId)) });
    const names = new Map(clients.map((c) => [c.clientId, c.clientName]));
    return consents.map((c) => ({
      client_id: c.clientId,
      client_name: names.get(c.clientId) ?? c.clientId,
      scope: c.scope,
      remembered_at: new Date(c.rememberedAt * 1000).toISOString(),
    }));
  }

  /**
   * The user revokes a connected app: the remembered consent is forgotten and, in the same
   * transaction, every refresh token of that client for this user (with the access tokens of their
   * grants) is revoked. Idempotent: revoking an app that holds nothing changes nothing.
   */
  async revoke(subject: string, clientId: string): Promise<void> {
    if (hasNul(subject) || hasNul(clientId)) {
      return;
    }
    await serializedTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(RememberedConsentEntity).delete({ subject, clientId });
      await revokeClientGrants(manager, this.revocations, subject, clientId, nowInSeconds());
    });
  }
}
