import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClientEntity } from './client.entity';

/** Reads registered clients. */
@Injectable()
export class ClientsService {
  constructor(@InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>) {}

  /** Looks a client up by id, as a bound parameter: a hostile client_id is only ever a value. */
  findById(clientId: string): Promise<ClientEntity | null> {
    return this.clients.findOneBy({ clientId });
  }
}
