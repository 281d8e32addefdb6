import { NOTE_BODY_MAX_LENGTH, NOTE_TITLE_MAX_LENGTH } from '@oauth-flow-lab/contracts';
import { IsString, Length } from 'class-validator';

/**
 * The body of POST /notes (NewNote in libs/contracts), validated with class-validator. Anything else
 * in it is refused (ValidationPipe forbidNonWhitelisted).
 */
export class CreateNoteDto {
  @IsString()
  @Length(1, NOTE_TITLE_MAX_LENGTH)
  title!: string;

  @IsString()
  @Length(1, NOTE_BODY_MAX_LENGTH)
  body!: string;
}
