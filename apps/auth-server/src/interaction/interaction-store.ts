import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { sha256Digest } from '../common/random';
import { AuthorizationRequestEntity, type InteractionPhase } from './authorization-request.entity';

type DigestColumn =
  | 'loginChallengeDigest'
  | 'loginVerifierDigest'
  | 'consentChallengeDigest'
  | 'consentVerifierDigest';

/** Stores authorization requests in progress and moves them from one phase to the next. */
@Injectable()
export class InteractionStore {
  constructor(
    @InjectRepository(AuthorizationRequestEntity)
    private readonly requests: Repository<AuthorizationRequestEntity>,
  ) {}

  async create(request: AuthorizationRequestEntity): Promise<void> {
    await this.requests.insert(request);
  }

  /** Looks a request up by a challenge or verifier: only the digest is compared, by bound parameter. */
  findBy(column: DigestColumn, secret: string): Promise<AuthorizationRequestEntity | null> {
    return this.requests.findOneBy({ [column]: sha256Digest(secret) });
  }

  /**
   * Moves a request from `from` to the next phase in one conditional UPDATE. Of two concurrent
   * attempts exactly one succeeds: that is what makes challenges and verifiers single-use.
   */
  async transition(
    id: string,
    from: InteractionPhase,
    changes: Partial<AuthorizationRequestEntity>,
    manager?: EntityManager,
  ): Promise<boolean> {
    const repository = manager ? manager.getRepository(AuthorizationRequestEntity) : this.requests;
    const result = await repository.update({ id, phase: from }, changes);
    return result.affected === 1;
  }
}
