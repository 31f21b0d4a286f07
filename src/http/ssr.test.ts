import { describe, expect, it } from 'vitest';
import { fillTemplate } from './ssr.ts';

const TEMPLATE =
  '<!doctype html><html lang="vi" data-mantine-color-scheme="light"><head></head><body><div id="root"></div><script type="module" src="/assets/index.js"></script></body></html>';

describe('fillTemplate', () => {
  it('puts the page, its language and its state in place of the empty root', () => {
    const html = fillTemplate(TEMPLATE, { html: '<main>Thủ tục</main>', state: { a: 1 }, lang: 'en' });
    expect(html).toContain('<html lang="en" data-mantine-color-scheme="light">');
    expect(html).toContain('<div id="root" data-lang="en"><main>Thủ tục</main></div>');
    expect(html).toContain('<script type="application/json" id="motcua-state">{"a":1}</script>');
    expect(html).toContain('<script type="module" src="/assets/index.js"></script>');
  });

  it('keeps data that looks like markup inside its script element', () => {
    const state = { name: '</script><script>alert(1)</script><!--', sep: '\u2028' };
    const html = fillTemplate(TEMPLATE, { html: '', state, lang: 'vi' });
    const json = /id="motcua-state">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(state);
  });
});
