import { html, SafeHtml } from './html';
import { renderPage } from './page';

describe('html', () => {
  it('escapes interpolated strings', () => {
    const evil = '<script>alert("x")</script>&\'';
    expect(html`<p>${evil}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });

  it('keeps nested html as markup and escapes inside it', () => {
    const items = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  it('renders null, undefined and false as nothing, numbers as text', () => {
    expect(html`${null}${undefined}${false}${42}`.value).toBe('42');
  });

  it('returns SafeHtml', () => {
    expect(html`x`).toBeInstanceOf(SafeHtml);
  });
});

describe('renderPage', () => {
  it('escapes the title and wraps the body', () => {
    const page = renderPage(
      { app: 'login-ui', role: 'the user', accent: '#000' },
      'Log <in>',
      html`<p>hi</p>`,
    );
    expect(page).toContain('<title>Log &lt;in&gt; · login-ui</title>');
    expect(page).toContain('<main><p>hi</p></main>');
    expect(page.startsWith('<!doctype html>')).toBe(true);
  });
});
