import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import { html } from '@oauth-flow-lab/html';
import { clientWebPage } from '../pages/client-web-page';

/**
 * GET /flow with DEMO_MODE off: nothing records a flow, so there is none to show. Every page links
 * to /flow; this says why it is empty instead of a bare 404.
 */
@Controller('flow')
export class FlowOffController {
  @Get()
  @HttpCode(404)
  @Header('Content-Type', 'text/html; charset=utf-8')
  flow(): string {
    return clientWebPage(
      'Flow view off',
      html`<p data-testid="demo-mode-off">
        The flow view is part of demo mode: client-web records no flow while
        <code>DEMO_MODE</code> is off. Start it with <code>DEMO_MODE=true</code> (as
        <code>npm start</code> and docker-compose.yml do) to watch each step.
      </p>`,
    );
  }
}
