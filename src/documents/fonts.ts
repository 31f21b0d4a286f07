import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Be Vietnam Pro (OFL), the TrueType files of @expo-google-fonts/be-vietnam-pro. TTF only:
 * pdfkit renders woff/woff2 blank. Read once per process and shared by every document.
 */
export type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontName, string> = {
  regular: '400Regular/BeVietnamPro_400Regular.ttf',
  bold: '700Bold/BeVietnamPro_700Bold.ttf',
  italic: '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/BeVietnamPro_700Bold_Italic.ttf',
};

let cache: Record<FontName, Buffer> | undefined;

/** Absolute paths of the TTF files. */
export function fontPaths(): Record<FontName, string> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
  return {
    regular: join(root, FILES.regular),
    bold: join(root, FILES.bold),
    italic: join(root, FILES.italic),
    boldItalic: join(root, FILES.boldItalic),
  };
}

/** The font files' bytes, loaded on first use. */
export function fontData(): Record<FontName, Buffer> {
  if (!cache) {
    const paths = fontPaths();
    cache = {
      regular: readFileSync(paths.regular),
      bold: readFileSync(paths.bold),
      italic: readFileSync(paths.italic),
      boldItalic: readFileSync(paths.boldItalic),
    };
  }
  return cache;
}

/** Registers the four faces on a document under their FontName. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const data = fontData();
  for (const name of Object.keys(data) as FontName[]) {
    doc.registerFont(name, data[name]);
  }
}
