import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JsonWebKeySet } from '@oauth-flow-lab/contracts';
import {
  lockAcrossProcesses,
  serializedTransaction,
  underStartUpLock,
} from '@oauth-flow-lab/database';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { nowInSeconds } from '../common/random';
import { MAX_SIGNED_TOKEN_TTL_SECONDS } from '../config/auth-server.config';
import { generateSigningKey } from './generate-signing-key';
import {
  ACTIVE_KEY_RELOAD_SECONDS,
  isActiveAt,
  isPublishedAt,
  RETIREMENT_MARGIN_SECONDS,
} from './key-lifetime';
import { SigningKeyEntity } from './signing-key.entity';

/**
 * The keys tokens are signed with (RS256, see generate-signing-key.ts). The first start creates a
 * key; later starts reuse it. `rotate()` (run by `npm run keys:rotate`) makes a new key the active
 * one; the old one keeps being published until its last token has expired (case 38).
 *
 * The database is the single source of truth, shared with the rotate command running in another
 * process. The JWKS is read from it on every request, so a new key is published the moment it is
 * committed. Signing is synchronous on the token path, so the keys that may sign are kept in memory
 * and re-read every ACTIVE_KEY_RELOAD_SECONDS: new tokens carry the new kid a few seconds after a
 * rotation, without restarting auth-server, and always after the key is already in the JWKS.
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeysService.name);
  /** Keys that sign now or will (not retired yet, or retired in the future): the cache. */
  private signingCandidates: SigningKeyEntity[] = [];
  /** The private halves of the signing candidates, parsed once per kid (privateKeyOf). */
  private readonly privateKeys = new Map<string, KeyObject>();
  private reloadTimer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    // Replicas starting together on one PostgreSQL database: the first creates the key, the others
    // wait for it and find it.
    await underStartUpLock(this.dataSource, async () => {
      await this.reloadSigningKeys();
      if (!this.findActive(nowInSeconds())) {
        await this.rotate();
      }
    });
    this.reloadTimer = setInterval(() => {
      this.reloadSigningKeys().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(`Cannot re-read the signing keys, signing with the last known: ${reason}`);
      });
    }, ACTIVE_KEY_RELOAD_SECONDS * 1000);
    this.reloadTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.reloadTimer);
  }

  /** The key new tokens are signed with. */
  activeKey(): SigningKeyEntity {
    const key = this.findActive(nowInSeconds());
    if (!key) {
      throw new Error('signing keys are not loaded yet');
    }
    return key;
  }

  /**
   * The key's private half, ready to sign with: parsed from its PEM once per kid, not on every
   * token (parsing was a fifth of the token endpoint's time, bench/README.md). Only the signing
   * candidates' keys are kept.
   */
  privateKeyOf(key: SigningKeyEntity): KeyObject {
    const known = this.privateKeys.get(key.kid);
    if (known !== undefined) {
      return known;
    }
    const parsed = createPrivateKey(key.privateKeyPem);
    const candidates = new Set(this.signingCandidates.map((candidate) => candidate.kid));
    for (const kid of this.privateKeys.keys()) {
      if (!candidates.has(kid)) {
        this.privateKeys.delete(kid);
      }
    }
    this.privateKeys.set(key.kid, parsed);
    return parsed;
  }

  /** RFC 7517 §5: the public keys, for GET /.well-known/jwks.json. Newest first. */
  async publicKeySet(): Promise<JsonWebKeySet> {
    const now = nowInSeconds();
    const keys = await this.dataSource.getRepository(SigningKeyEntity).find();
    return {
      keys: keys
        .filter((key) => isPublishedAt(key, now, this.longestTokenLifetimeSeconds))
        .sort(newestFirst)
        .map((key) => ({ ...key.publicJwk, kid: key.kid, alg: key.alg, use: 'sig' as const })),
    };
  }

  /**
   * Creates a key and makes it the active one, `activateInSeconds` from now (0: at once). The key
   * that was active is retired at that same second. Publish before sign (case 38): the new key is
   * in the JWKS from its creation, so at the latest when it signs its first token. Activating at
   * once is safe here because resource-guards refetches the JWKS when it meets an unknown kid; a
   * stricter setup (verifiers that only refresh their cached JWKS on a schedule) pre-publishes with
   * an `activateInSeconds` longer than their cache lifetime (our JWKS says max-age=300).
   */
  async rotate(options: { activateInSeconds?: number } = {}): Promise<SigningKeyEntity> {
    const generated = generateSigningKey();
    const now = nowInSeconds();
    const activatedAt = now + (options.activateInSeconds ?? 0);
    const key = await serializedTransaction(this.dataSource, async (manager) => {
      await lockAcrossProcesses(manager, 'signing-keys:rotate');
      const keys = manager.getRepository(SigningKeyEntity);
      await keys
        .createQueryBuilder()
        .update()
        .set({ retiredAt: activatedAt })
        .where('retired_at IS NULL OR retired_at > :activatedAt', { activatedAt })
        .execute();
      // Keys whose every token has expired verify nothing anymore: drop their private halves too.
      await keys
        .createQueryBuilder()
        .delete()
        .where('retired_at IS NOT NULL AND retired_at + :lifetime < :now', {
          lifetime: this.longestTokenLifetimeSeconds + RETIREMENT_MARGIN_SECONDS,
          now,
        })
        .execute();
      const created = keys.create({ ...generated, createdAt: now, activatedAt, retiredAt: null });
      await keys.insert(created);
      return created;
    });
    await this.reloadSigningKeys();
    this.logger.log(`Signing key ${key.kid} created, active from ${activatedAt} (epoch seconds)`);
    return key;
  }

  /** Re-reads the keys that may sign now or later (a rotation may have happened elsewhere). */
  async reloadSigningKeys(): Promise<void> {
    this.signingCandidates = await this.dataSource
      .getRepository(SigningKeyEntity)
      .createQueryBuilder('signingKey')
      .where('signingKey.retiredAt IS NULL OR signingKey.retiredAt > :now', { now: nowInSeconds() })
      .orderBy('signingKey.activatedAt', 'DESC')
      .getMany();
  }

  /**
   * The longest lifetime any JWT signed here may have had: the configured TTLs may have been higher
   * when the key signed, so the bound, not today's values (MAX_SIGNED_TOKEN_TTL_SECONDS).
   */
  private readonly longestTokenLifetimeSeconds = MAX_SIGNED_TOKEN_TTL_SECONDS;

  private findActive(now: number): SigningKeyEntity | undefined {
    return this.signingCandidates.find((key) => isActiveAt(key, now));
  }
}

/** The key not retired yet first, then by retirement and activation, latest first. */
function newestFirst(a: SigningKeyEntity, b: SigningKeyEntity): number {
  const retired = (b.retiredAt ?? Infinity) - (a.retiredAt ?? Infinity);
  return Number.isNaN(retired) || retired === 0
    ? (b.activatedAt ?? 0) - (a.activatedAt ?? 0)
    : retired;
}
