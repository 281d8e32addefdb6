import { IsString, Length } from 'class-validator';

/** The body of POST /notes. Anything else in it is refused (ValidationPipe forbidNonWhitelisted). */
export class CreateNoteDto {
  @IsString()
  @Length(1, 200)
  title!: string;

  @IsString()
  @Length(1, 5000)
  body!: string;
}
