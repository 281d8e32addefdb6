import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A consent the user asked auth-server to remember ("Remember this decision" on login-ui's consent
 * page): at most one per user and client. A later authorization request of that client asking only
 * for scopes in `scope` is offered to login-ui with `skip: true` (consent-requests.service.ts).
 */
@Entity({ name: 'remembered_consents' })
export class RememberedConsentEntity {
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ type: 'simple-json' })
  scope!: string[];

  @Column({ name: 'remembered_at', type: 'integer' })
  rememberedAt!: number;
}
