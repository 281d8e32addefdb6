import { NOTE_BODY_MAX_LENGTH, NOTE_TITLE_MAX_LENGTH } from '@oauth-flow-lab/contracts';
import { IsString, Length, NotContains } from 'class-validator';

/** No NUL character: PostgreSQL cannot store one in text (sqlite can), so both stores refuse it alike. */
const NUL = '\u0000';

/**
 * The body of POST /notes (NewNote in libs/contracts), validated with class-validator. Anything else
 * in it is refused (ValidationPipe forbidNonWhitelisted).
 */
export class CreateNoteDto {
  @IsString()
  @Length(1, NOTE_TITLE_MAX_LENGTH)
  @NotContains(NUL, { message: 'title must not contain a NUL character' })
  title!: string;

  @IsString()
  @Length(1, NOTE_BODY_MAX_LENGTH)
  @NotContains(NUL, { message: 'body must not contain a NUL character' })
  body!: string;
}
