import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, generateKeyPairSync, createPublicKey } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { JsonWebKeySet } from '@oauth-flow-lab/contracts';
import { nowInSeconds } from '../common/random';
import { SigningKeyEntity } from './signing-key.entity';

/**
 * The keys access tokens are signed with. RS256 (RSA 2048 with SHA-256) because every JOSE library
 * and every OpenID Connect relying party supports it (OIDC Core §15.1 makes it mandatory), so the same
 * key can later sign id_tokens too. The first start creates a key; later starts reuse it.
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap {
  private active: SigningKeyEntity | undefined;

  constructor(
    @InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.active =
      (await this.keys.findOne({ where: {}, order: { createdAt: 'DESC' } })) ??
      (await this.createKey());
  }

  /** The key new tokens are signed with. */
  activeKey(): SigningKeyEntity {
    if (!this.active) {
      throw new Error('signing keys are not loaded yet');
    }
    return this.active;
  }

  /** RFC 7517 §5: the public keys, for GET /.well-known/jwks.json. */
  async publicKeySet(): Promise<JsonWebKeySet> {
    const keys = await this.keys.find({ order: { createdAt: 'DESC' } });
    return {
      keys: keys.map((key) => ({
        ...key.publicJwk,
        kid: key.kid,
        alg: key.alg,
        use: 'sig' as const,
      })),
    };
  }

  private async createKey(): Promise<SigningKeyEntity> {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    const publicJwk = { kty: String(jwk.kty), n: String(jwk.n), e: String(jwk.e) };
    const key = this.keys.create({
      kid: jwkThumbprint(publicJwk),
      alg: 'RS256',
      privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      publicJwk,
      createdAt: nowInSeconds(),
    });
    await this.keys.insert(key);
    return key;
  }
}

/** RFC 7638 §3: SHA-256 over the required members of an RSA JWK, in lexicographic order. */
function jwkThumbprint(jwk: { kty: string; n: string; e: string }): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
