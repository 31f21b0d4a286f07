/**
 * In the demo, every page says so: a strip first in the body, outside the app's root, so
 * that server-rendered pages, the app shell and every screen carry it without asking. The server
 * decides it from MOTCUA_ENV; the web app has nothing to configure.
 */

export const DEMO_STRIP_VI = 'Bản trình diễn — dữ liệu mẫu, không dùng cho hồ sơ thật';
export const DEMO_STRIP_EN = 'Demo — sample data, not for real applications';

// Fixed at the bottom of the window: the app's header is fixed at the top, and a strip in the flow
// would scroll away or hide under it. The body keeps room for it so nothing ends up covered. It
// stays below the app's header, menus and dialogs (Mantine's z-index 100 and up): an open phone
// menu covers the strip, never the other way round.
const STRIP =
  '<style>body{padding-bottom:3.2em}#motcua-demo-strip{position:fixed;left:0;right:0;bottom:0;' +
  'z-index:99;background:#fff3bf;color:#5c3c00;border-top:1px solid #f0c000;padding:4px 12px;' +
  'font:600 14px/1.35 system-ui,sans-serif;text-align:center}' +
  '@media (max-width:600px){#motcua-demo-strip{font-size:12px;padding:3px 8px}}' +
  // From Mantine's sm breakpoint the office menu is a fixed column on the left (250px, web/src/components/Shell.tsx) that
  // would hide the strip's start: its text keeps clear of it.
  '@media (min-width:48em){#motcua-demo-strip{padding-left:262px}}</style>' +
  '<div id="motcua-demo-strip" role="note" aria-label="Bản trình diễn / Demo">' +
  `${DEMO_STRIP_VI} · <span lang="en">${DEMO_STRIP_EN}</span></div>`;

export function withDemoStrip(html: string, mode: 'demo' | 'production'): string {
  if (mode !== 'demo') return html;
  return html.replace(/<body([^>]*)>/, (body) => `${body}${STRIP}`);
}
