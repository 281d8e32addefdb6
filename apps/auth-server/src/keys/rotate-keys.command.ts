import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadAuthServerConfig } from '../config/auth-server.config';
import type { SigningKeyEntity } from './signing-key.entity';
import { SigningKeysService } from './signing-keys.service';

/** The argument of main.js that runs this command instead of the server. */
export const ROTATE_KEYS_COMMAND = 'rotate-keys';

/**
 * `npm run keys:rotate` (`node dist/apps/auth-server/main.js rotate-keys [--activate-in=SECONDS]`):
 * creates a signing key and makes it the active one, in the database at DATABASE_PATH (or DATABASE_URL). A running
 * auth-server on that database publishes the key at once and signs with it within a few seconds
 * (see SigningKeysService). Boots the same module as the server (same config, migrations and
 * database) without listening, so it never drifts from what the server does.
 */
export async function rotateKeys(
  args: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<SigningKeyEntity> {
  const activateInSeconds = parseActivateIn(args);
  const config = loadAuthServerConfig(env);
  const context = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger: ['error', 'warn'],
  });
  try {
    const key = await context.get(SigningKeysService).rotate({ activateInSeconds });
    const when = activateInSeconds === 0 ? 'now' : `in ${activateInSeconds} s`;
    console.log(
      `New signing key ${key.kid}: in the JWKS now, signing new tokens ${when}. ` +
        'Older keys stay in the JWKS until every token they signed has expired.',
    );
    return key;
  } finally {
    await context.close();
  }
}

function parseActivateIn(args: readonly string[]): number {
  const option = args.find((arg) => arg.startsWith('--activate-in='));
  if (option === undefined) {
    return 0;
  }
  const value = option.slice('--activate-in='.length);
  if (!/^\d{1,7}$/.test(value)) {
    throw new Error(`--activate-in must be a number of seconds, got "${value}"`);
  }
  return Number(value);
}
