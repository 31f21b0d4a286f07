/**
 * Reading back the PDFs this module writes, without a PDF library: the document information
 * dictionary (never compressed), the page count and, for uncompressed output, the text (pdfkit
 * shows custom-font text as glyph ids; the fonts' ToUnicode maps turn them back into characters).
 * Meant for tests and diagnostics on our own output, not for arbitrary PDFs.
 */

interface PdfObjects {
  source: string;
  bodies: Map<number, string>;
}

function parseObjects(pdf: Buffer): PdfObjects {
  const source = pdf.toString('latin1');
  const bodies = new Map<number, string>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)\nendobj/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    bodies.set(Number(m[1]), m[2] ?? '');
  }
  return { source, bodies };
}

/** Decodes a PDF literal string body (between the outer parentheses). */
function decodeLiteral(raw: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  let bytes = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      bytes += c;
      continue;
    }
    const next = raw[++i] ?? '';
    if (/[0-7]/.test(next)) {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(raw[i + 1] ?? '')) oct += raw[++i];
      bytes += String.fromCharCode(Number.parseInt(oct, 8));
    } else {
      bytes += escapes[next] ?? next;
    }
  }
  if (bytes.startsWith('\u00fe\u00ff')) {
    const buf = Buffer.from(bytes.slice(2), 'latin1');
    let out = '';
    for (let i = 0; i + 1 < buf.length; i += 2) out += String.fromCharCode(buf.readUInt16BE(i));
    return out;
  }
  return bytes;
}

/** Reads the literal string opening at `start`; returns its value and the index of its closing ")". */
function readLiteral(source: string, start: number): { value: string; end: number } {
  let depth = 0;
  let i = start;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
  }
  return { value: decodeLiteral(source.slice(start + 1, i)), end: i };
}

/** The document information dictionary: Title, Subject, Keywords, Author, Creator, CreationDate… */
export function extractPdfInfo(pdf: Buffer): Record<string, string> {
  const { source, bodies } = parseObjects(pdf);
  const ref = /\/Info (\d+) 0 R/.exec(source.slice(source.lastIndexOf('trailer')));
  if (!ref) return {};
  const body = bodies.get(Number(ref[1])) ?? '';
  const info: Record<string, string> = {};
  // A value is a literal string, inline or (pdfkit ≥ 0.18) in an object of its own.
  const keyRe = /\/(\w+)\s*(?:\(|(\d+) 0 R)/g;
  for (let m = keyRe.exec(body); m; m = keyRe.exec(body)) {
    if (m[2] !== undefined) {
      const target = (bodies.get(Number(m[2])) ?? '').trim();
      if (target.startsWith('(')) info[m[1]!] = readLiteral(target, 0).value;
      continue;
    }
    const { value, end } = readLiteral(body, m.index + m[0].length - 1);
    info[m[1]!] = value;
    // Continue after the string so text inside a value is never taken for a key.
    keyRe.lastIndex = end + 1;
  }
  return info;
}

/** Number of page objects. */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

function streamOf(body: string): string {
  const start = body.indexOf('stream\n');
  const end = body.lastIndexOf('\nendstream');
  if (start < 0 || end < 0) return '';
  return body.slice(start + 'stream\n'.length, end);
}

function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToString = (hex: string): string =>
    hex
      .trim()
      .split(/\s+/)
      .map((h) => String.fromCharCode(Number.parseInt(h, 16)))
      .join('');
  const rangeRe = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g;
  for (let m = rangeRe.exec(cmap); m; m = rangeRe.exec(cmap)) {
    const start = Number.parseInt(m[1]!, 16);
    const values = [...m[3]!.matchAll(/<([^>]*)>/g)].map((v) => hexToString(v[1]!));
    values.forEach((v, i) => {
      map.set(start + i, v);
    });
  }
  return map;
}

/**
 * The text of each page of an uncompressed PDF written by pdfkit, one string per page with a
 * line break between text objects. Throws on compressed content.
 */
export function extractPdfText(pdf: Buffer): string[] {
  const { bodies } = parseObjects(pdf);
  const rootPages = [...bodies.entries()].find(([, b]) => /\/Type \/Pages\b/.test(b));
  if (!rootPages) return [];
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(rootPages[1])?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) =>
    Number(m[1]),
  );
  const unicodeCache = new Map<number, Map<number, string>>();
  const fontMap = (fontRef: number): Map<number, string> => {
    let map = unicodeCache.get(fontRef);
    if (!map) {
      const body = bodies.get(fontRef) ?? '';
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(body);
      map = toUnicode ? toUnicodeMap(streamOf(bodies.get(Number(toUnicode[1])) ?? '')) : new Map();
      unicodeCache.set(fontRef, map);
    }
    return map;
  };

  return kids.map((pageRef) => {
    const page = bodies.get(pageRef) ?? '';
    const resRef = /\/Resources (\d+) 0 R/.exec(page);
    const resources = resRef ? (bodies.get(Number(resRef[1])) ?? '') : page;
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, number>();
    for (const m of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) fonts.set(m[1]!, Number(m[2]));
    const contentsRef = /\/Contents (\d+) 0 R/.exec(page);
    const contentBody = contentsRef ? (bodies.get(Number(contentsRef[1])) ?? '') : '';
    if (/\/Filter/.test(contentBody.slice(0, contentBody.indexOf('stream')))) {
      throw new Error('extractPdfText needs an uncompressed PDF (render with { compress: false })');
    }
    const content = streamOf(contentBody);
    let current = new Map<number, string>();
    let out = '';
    const tokenRe =
      /\/(\w+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bBT\b/g;
    const decodeHex = (hex: string): string => {
      let s = '';
      for (let i = 0; i + 3 < hex.length; i += 4) {
        s += current.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
      }
      return s;
    };
    for (const m of content.matchAll(tokenRe)) {
      if (m[1]) {
        const ref = fonts.get(m[1]);
        current = ref === undefined ? new Map() : fontMap(ref);
      } else if (m[2] !== undefined) {
        for (const part of m[2].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) out += decodeHex(part[1]);
          // A large negative adjustment is pdfkit's word spacing in justified text.
          else if (Number(part[2]) < -200) out += ' ';
        }
      } else if (m[3] !== undefined) {
        out += decodeHex(m[3]);
      } else {
        out += '\n';
      }
    }
    return out;
  });
}
