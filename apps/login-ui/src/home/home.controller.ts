import { Controller, Get } from '@nestjs/common';
import { renderHomePage } from './home.page';

@Controller()
export class HomeController {
  @Get()
  home(): string {
    return renderHomePage();
  }
}
