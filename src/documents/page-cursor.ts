// The page cursor under the form writer: page geometry and breaks, fonts, measuring and placing text, rules.
import type { FontName } from './fonts.ts';
import { BODY_SIZE, LINE_GAP } from './pdf-document.ts';

/** A cursor over a pdfkit document: where the text goes, how much room it takes, when the page breaks. */
export class PageCursor {
  /** Body text size and extra leading; a dense form may lower them before drawing. */
  size = BODY_SIZE;
  lineGap = LINE_GAP;
  /** Space after a paragraph or field line. */
  paraGap = 3;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left(): number {
    return this.doc.page.margins.left;
  }
  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get top(): number {
    return this.doc.page.margins.top;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(value: number) {
    this.doc.y = value;
  }

  /** Starts a new page in the same orientation as the current one. */
  newPage(): void {
    const landscape = this.doc.page.width > this.doc.page.height;
    this.doc.addPage({
      size: 'A4',
      layout: landscape ? 'landscape' : 'portrait',
      margins: this.doc.page.margins,
    });
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Breaks the page when fewer than `height` points remain. Returns true if it did. */
  ensureSpace(height: number): boolean {
    if (this.doc.y + height > this.bottom) {
      this.newPage();
      return true;
    }
    return false;
  }

  space(points: number): void {
    this.doc.y += points;
  }

  font(name: FontName, size: number = this.size): this {
    this.doc.font(name).fontSize(size);
    return this;
  }

  /**
   * Height of a text in a font and size over a width. Hard line breaks are handled here, one
   * paragraph at a time: pdfkit counts a "\n" in the width of the word before it, so a word that
   * just fits would otherwise be pushed down with an empty line above it.
   */
  measure(text: string, font: FontName, size: number, width: number, lineGap: number = this.lineGap): number {
    this.doc.font(font).fontSize(size);
    return text
      .split('\n')
      .reduce((h, para) => h + this.doc.heightOfString(para.length > 0 ? para : ' ', { width, lineGap }), 0);
  }

  /** The largest size ≤ `size` at which `text` fits on one line of `width`. */
  fitSize(text: string, font: FontName, size: number, width: number, min = 8): number {
    let s = size;
    this.doc.font(font);
    while (s > min) {
      this.doc.fontSize(s);
      if (this.doc.widthOfString(text) <= width) break;
      s -= 0.5;
    }
    return s;
  }

  /**
   * Text in a box at an absolute position; returns the height used. Never paginates: the
   * height cap stops pdfkit from adding pages on its own.
   */
  box(
    text: string,
    x: number,
    y: number,
    width: number,
    opts: {
      font?: FontName;
      size?: number;
      align?: 'left' | 'center' | 'right' | 'justify';
      height?: number;
      lineGap?: number;
    } = {},
  ): number {
    const font = opts.font ?? 'regular';
    const size = opts.size ?? this.size;
    const lineGap = opts.lineGap ?? this.lineGap;
    const total = this.measure(text, font, size, width, lineGap);
    const limit = y + (opts.height ?? total + 1);
    const { x: savedX, y: savedY } = this.doc;
    let py = y;
    for (const para of text.split('\n')) {
      const h = this.measure(para, font, size, width, lineGap);
      if (para.length > 0 && py < limit) {
        this.doc.font(font).fontSize(size);
        this.doc.text(para, x, py, {
          width,
          align: opts.align ?? 'left',
          lineGap,
          height: Math.max(1, limit - py),
        });
      }
      py += h;
    }
    // Position-neutral: callers advance the cursor by the returned height.
    this.doc.x = savedX;
    this.doc.y = savedY;
    return total;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6): void {
    this.doc.save().lineWidth(width).moveTo(x1, y1).lineTo(x2, y2).stroke('#000000').restore();
  }

  /** Greedy line filling that breaks only after "-": returns the text with "\n" inserted. */
  hyphenLines(text: string, font: FontName, size: number, width: number): string {
    this.doc.font(font).fontSize(size);
    const pieces = text.split(/(?<=-)/);
    const lines: string[] = [];
    let line = '';
    for (const piece of pieces) {
      if (line.length > 0 && this.doc.widthOfString(line + piece) > width) {
        lines.push(line);
        line = piece;
      } else {
        line += piece;
      }
    }
    if (line.length > 0) lines.push(line);
    return lines.join('\n');
  }
}
