import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitiseHtml, textFromSanitisedHtml } from '../src/modules/mail/inbound/index.js';

// Anything that could run code, load something or restyle the desk once rendered.
function expectInert(html: string): void {
  const lower = html.toLowerCase();
  expect(lower).not.toContain('<script');
  expect(lower).not.toMatch(/\son[a-z]+\s*=/);
  expect(lower).not.toMatch(/\s(?:src|srcset|style|background|action|formaction|xlink:href)\s*=/);
  expect(lower).not.toMatch(/href\s*=\s*"\s*(?:javascript|vbscript|data):/);
  for (const tag of ['<style', '<iframe', '<object', '<embed', '<form', '<svg', '<math', '<meta', '<base', '<link', '<input']) {
    expect(lower).not.toContain(tag);
  }
}

const TRICKS: Array<[string, string]> = [
  ['mixed case script', '<ScRiPt>alert(1)</sCrIpT>'],
  ['script split by broken markup', '<scr<script>ipt>alert(1)</script>'],
  ['unclosed script', '<script>alert(1)'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['event handler without quotes', '<p onclick=alert(1)>hi</p>'],
  ['event handler with odd spacing', '<div\nonmouseover\n=\n"alert(1)">x</div>'],
  ['svg with script', '<svg><script>alert(1)</script></svg>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['style expression', '<div style="width: expression(alert(1))">x</div>'],
  ['css url in style tag', '<style>body { background: url("https://tracker.example.net/p.gif") }</style>'],
  ['css url in attribute', '<p style="background-image:url(https://tracker.example.net/p.gif)">x</p>'],
  ['tab inside javascript scheme', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['newline inside scheme', '<a href="java\nscript:alert(1)">x</a>'],
  ['entity-encoded scheme', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">x</a>'],
  ['upper-case scheme', '<a href="JAVASCRIPT:alert(1)">x</a>'],
  ['vbscript', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="https://evil.example.net/"><a href="/login">x</a>'],
  ['srcset', '<img srcset="https://tracker.example.net/a.gif 1x" src="https://tracker.example.net/b.gif">'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object and embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['form with formaction', '<form><button formaction="javascript:alert(1)">go</button></form>'],
  ['math with href', '<math><mtext><a xlink:href="javascript:alert(1)">x</a></mtext></math>'],
  ['comment hiding script', '<!--<script>alert(1)</script>--><p>ok</p>'],
  ['CDATA', '<![CDATA[<script>alert(1)</script>]]>'],
  ['javascript image', '<img src="javascript:alert(1)">'],
  ['data image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example.net/x.css">'],
];

describe('sanitiseHtml: a corpus of tricks', () => {
  it.each(TRICKS)('%s', (_name, input) => {
    expectInert(sanitiseHtml(`<p>before</p>${input}<p>after</p>`));
  });

  it('keeps ordinary formatting and safe links, opening them in a new unrelated tab', () => {
    const html = sanitiseHtml('<h2>Steps</h2><ol><li><b>Open</b> <a href="https://kb.example.com/vpn" onclick="x()">the guide</a></li></ol><table><tr><td colspan="2">a</td></tr></table>');
    expect(html).toBe(
      '<h2>Steps</h2><ol><li><b>Open</b> <a rel="noopener noreferrer nofollow" target="_blank" href="https://kb.example.com/vpn">the guide</a></li></ol><table><tr><td colspan="2">a</td></tr></table>',
    );
  });

  it('drops relative links, which would point into the desk itself', () => {
    expect(sanitiseHtml('<a href="/api/v1/tickets/12">open</a>')).toBe('<a rel="noopener noreferrer nofollow" target="_blank">open</a>');
  });

  it('drops a sender-chosen rel or target instead of trusting it', () => {
    expect(sanitiseHtml('<a href="mailto:help@example.com" rel="opener" target="desk">mail</a>')).toBe(
      '<a rel="noopener noreferrer nofollow" target="_blank" href="mailto:help@example.com">mail</a>',
    );
  });

  it('turns remote images into placeholders that load nothing until an agent asks', () => {
    const html = sanitiseHtml('<img src="https://cdn.example.net/logo.png" alt="Logo" class="x" width="120">');
    expect(html).toBe('<img alt="Logo" width="120" data-remote-src="https://cdn.example.net/logo.png" class="remote-image" />');
  });

  it('refuses remote images carrying credentials and any non-http scheme', () => {
    expect(sanitiseHtml('<img src="https://user:pass@cdn.example.net/a.png">')).toBe('');
    expect(sanitiseHtml('<img src="ftp://files.example.net/a.png">')).toBe('');
  });

  it('turns cid: images into references to the attachment', () => {
    expect(sanitiseHtml('<img src="cid:<scan.jpg@example.com>" alt="scan">')).toBe('<img alt="scan" data-cid="scan.jpg@example.com" />');
  });
});

describe('textFromSanitisedHtml', () => {
  it('keeps paragraphs, list items and entities readable', () => {
    const text = textFromSanitisedHtml(sanitiseHtml('<p>Hi&nbsp;team,</p><ul><li>VPN &amp; Wi-Fi</li><li>a &lt; b</li></ul><p>Thanks<br>Ana</p>'));
    expect(text).toBe('Hi team,\n\n- VPN & Wi-Fi\n- a < b\n\nThanks\nAna');
  });
});

describe('sanitiseHtml: property', () => {
  const fragments = fc.constantFrom(
    ...TRICKS.map(([, input]) => input),
    '<p>', '</p>', '<a href="', '">', '<img src=', ' onerror=', '"', "'", '<', '>', '=', '&#x09;', '&lt;script&gt;',
    'javascript:', '<scr', 'ipt>', ' on', 'load=', '<div ', 'style=', '</', '/>',
  );
  const soup = fc.array(fc.oneof(fragments, fc.string({ maxLength: 8 })), { maxLength: 25 }).map((parts) => parts.join(''));

  it('never lets a script tag or an event handler attribute through', () => {
    fc.assert(
      fc.property(soup, (input) => {
        const output = sanitiseHtml(input).toLowerCase();
        expect(output).not.toContain('<script');
        // The sanitiser always double-quotes attribute values, so blanking them leaves only names.
        expect(output.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]*\s*=/);
      }),
      { numRuns: 400 },
    );
  });
});
