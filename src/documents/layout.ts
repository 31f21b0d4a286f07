import QRCode from 'qrcode';
import type { FontName } from './fonts.ts';
import { PageCursor } from './page-cursor.ts';
import { SIGN_SPACE, TABLE_SIZE } from './pdf-document.ts';

/**
 * Shared layout of the one-stop-shop forms (Circular 01/2018/TT-VPCP, presentation per Decree
 * 30/2020/NĐ-CP): national heading and issuing unit side by side, number and place-date line,
 * centred bold title, "label: value" lines, bordered tables, signature blocks. The circular
 * prints forms 01–05 on A5; we lay them out on A4 (what offices' printers hold), form 06 on A4
 * landscape as the circular says.
 */

export {
  BODY_SIZE,
  createDocument,
  type DocumentMeta,
  finish,
  LINE_GAP,
  MARGIN,
  MM,
  type RenderOptions,
  SIGN_SPACE,
  TABLE_SIZE,
} from './pdf-document.ts';

export interface UnitHeading {
  name: string;
  parentName?: string;
}

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableCell {
  text: string;
  font?: FontName;
  align?: 'left' | 'center' | 'right';
  /**
   * Wrap only after hyphens (for codes like "AG.LONGXUYEN-260305-0007", where the line-break
   * rules forbid a break between "-" and a digit and pdfkit would cut inside a word).
   */
  breakAtHyphens?: boolean;
}

export type TableRow = Array<string | TableCell>;

export interface TableOptions {
  fontSize?: number;
  headerFontSize?: number;
  padding?: number;
  /** Draw the header again at the top of every page the table continues on (default true). */
  repeatHeader?: boolean;
  /** Also print a row "(1) (2) …" under the header, as the circular's logbook does. */
  numberRow?: boolean;
  /** Space after the table (default 8). */
  after?: number;
}

export interface SignatureBlock {
  /** Above the title, e.g. the place-and-date line or "TM. ỦY BAN NHÂN DÂN". */
  above?: string;
  aboveItalic?: boolean;
  title: string;
  hint?: string;
  name?: string;
}

/** A cursor over a pdfkit document with the forms' building blocks. */
export class FormWriter extends PageCursor {
  /**
   * The document head: on the left the parent unit (regular) and the issuing unit (bold) with a
   * short rule and the number; on the right the national title and motto with a rule the motto's
   * width and the italic place-and-date line. Both columns in upper case where the rule says so.
   */
  heading(unit: UnitHeading, number: string | undefined, placeDate: string): void {
    const doc = this.doc;
    const gap = 8;
    const leftW = this.width * 0.42;
    const rightW = this.width - leftW - gap;
    const lx = this.left;
    const rx = this.left + leftW + gap;
    const top = this.y;

    // Left column.
    let ly = top;
    const size = 11.5;
    if (unit.parentName) {
      ly += this.box(unit.parentName.toUpperCase(), lx, ly, leftW, { size, align: 'center' });
    }
    ly += this.box(unit.name.toUpperCase(), lx, ly, leftW, { font: 'bold', size, align: 'center' });
    ly += 3;
    this.line(lx + leftW / 2 - leftW / 6, ly, lx + leftW / 2 + leftW / 6, ly);

    // Right column.
    let ry = top;
    const nationSize = this.fitSize('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 12, rightW);
    ry += this.box('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rx, ry, rightW, {
      font: 'bold',
      size: nationSize,
      align: 'center',
    });
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    const mottoSize = Math.min(nationSize + 1, 13);
    ry += this.box(motto, rx, ry, rightW, { font: 'bold', size: mottoSize, align: 'center' });
    doc.font('bold').fontSize(mottoSize);
    const mottoW = doc.widthOfString(motto);
    ry += 3;
    this.line(rx + (rightW - mottoW) / 2, ry, rx + (rightW + mottoW) / 2, ry);

    // Number and place-date on one baseline below both columns.
    const y = Math.max(ly, ry) + 10;
    const numberText = `Số: ${number && number.length > 0 ? number : '………………'}`;
    const h1 = this.box(numberText, lx, y, leftW, { size: this.size, align: 'center' });
    const h2 = this.box(placeDate, rx, y, rightW, { font: 'italic', size: this.size, align: 'center' });
    this.y = y + Math.max(h1, h2) + 14;
    doc.x = this.left;
  }

  /** The centred bold title and optional lines under it. */
  title(text: string, lines: Array<{ text: string; font?: FontName; size?: number }> = []): void {
    this.y += this.box(text, this.left, this.y, this.width, { font: 'bold', size: 14, align: 'center' });
    this.y += 2;
    for (const line of lines) {
      this.y += this.box(line.text, this.left, this.y, this.width, {
        font: line.font ?? 'regular',
        size: line.size ?? this.size,
        align: 'center',
      });
    }
    this.y += 10;
  }

  /**
   * A line of runs in different faces that wraps as one paragraph: used for "label: value".
   * `indent` shifts the whole paragraph right. Left-aligned only (pdfkit justifies runs badly),
   * and a line may break where one run meets the next, so punctuation belongs to the run before.
   */
  runs(
    parts: Array<{ text: string; font?: FontName }>,
    opts: { size?: number; indent?: number; after?: number } = {},
  ): void {
    const doc = this.doc;
    const size = opts.size ?? this.size;
    const x = this.left + (opts.indent ?? 0);
    const width = this.right - x;
    const visible = parts.filter((p) => p.text.length > 0);
    if (visible.length === 0) return;
    // Measure the whole run in the widest face so a page break never splits it awkwardly.
    const plain = visible.map((p) => p.text).join('');
    const height = this.measure(plain, 'bold', size, width);
    this.ensureSpace(height);
    const y = this.y;
    doc.fontSize(size);
    visible.forEach((part, i) => {
      doc.font(part.font ?? 'regular');
      const continued = i < visible.length - 1;
      if (i === 0) {
        doc.text(part.text, x, y, { width, continued, lineGap: this.lineGap });
      } else {
        doc.text(part.text, { continued, lineGap: this.lineGap });
      }
    });
    doc.x = this.left;
    this.y = doc.y + (opts.after ?? this.paraGap);
  }

  /** "Label: value" with the value in bold (or regular when `plainValue`). */
  field(
    label: string,
    value: string,
    opts: { indent?: number; plainValue?: boolean; size?: number } = {},
  ): void {
    this.runs(
      [
        { text: `${label}: ` },
        { text: value.length > 0 ? value : '……………………', font: opts.plainValue ? 'regular' : 'bold' },
      ],
      { indent: opts.indent, size: opts.size },
    );
  }

  /** Several short "label: value" pairs on one line, in equal columns. */
  fieldsRow(pairs: Array<[string, string]>, opts: { size?: number; weights?: number[] } = {}): void {
    const doc = this.doc;
    const size = opts.size ?? this.size;
    const weights = opts.weights ?? pairs.map(() => 1);
    const sum = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((wt) => (wt / sum) * this.width);
    let height = 0;
    pairs.forEach(([label, value], i) => {
      height = Math.max(height, this.measure(`${label}: ${value}`, 'bold', size, widths[i]! - 6));
    });
    this.ensureSpace(height);
    const y = this.y;
    let x = this.left;
    pairs.forEach(([label, value], i) => {
      const colW = widths[i]!;
      doc.fontSize(size).font('regular');
      doc.text(`${label}: `, x, y, { width: colW - 6, continued: true, lineGap: this.lineGap });
      doc.font('bold').text(value.length > 0 ? value : '…………', { lineGap: this.lineGap });
      x += colW;
    });
    doc.x = this.left;
    this.y = y + height + this.paraGap;
  }

  /** A free paragraph. */
  paragraph(
    text: string,
    opts: {
      font?: FontName;
      size?: number;
      indent?: number;
      align?: 'left' | 'center' | 'justify';
      after?: number;
    } = {},
  ): void {
    const x = this.left + (opts.indent ?? 0);
    const width = this.right - x;
    const font = opts.font ?? 'regular';
    const size = opts.size ?? this.size;
    const h = this.measure(text, font, size, width);
    const after = opts.after ?? this.paraGap;
    if (h > this.bottom - this.top) {
      // Longer than a page: let pdfkit flow it over as many pages as it needs.
      this.ensureSpace(3 * size);
      this.doc.font(font).fontSize(size);
      this.doc.text(text, x, this.y, { width, align: opts.align ?? 'left', lineGap: this.lineGap });
      this.y = this.doc.y + after;
    } else {
      this.ensureSpace(h);
      const y = this.y;
      this.box(text, x, y, width, { font, size, align: opts.align });
      this.y = y + h + after;
    }
    this.doc.x = this.left;
  }

  /**
   * A bordered table whose cells wrap. Rows never split; when a row does not fit, the table
   * continues on a new page with the header drawn again.
   */
  table(columns: TableColumn[], rows: TableRow[], opts: TableOptions = {}): void {
    const doc = this.doc;
    const size = opts.fontSize ?? TABLE_SIZE;
    const headerSize = opts.headerFontSize ?? size;
    const pad = opts.padding ?? 4;
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const xs: number[] = [];
    widths.reduce((x, w) => {
      xs.push(x);
      return x + w;
    }, this.left);

    const cellOf = (cell: string | TableCell | undefined): TableCell =>
      typeof cell === 'string' ? { text: cell } : (cell ?? { text: '' });

    const headerHeight =
      Math.max(
        ...columns.map((c, i) => this.measure(c.header, 'bold', headerSize, widths[i]! - 2 * pad, 1)),
      ) +
      2 * pad;
    const numberHeight = opts.numberRow ? this.measure('(1)', 'italic', size - 1, 40, 1) + 2 * pad - 2 : 0;

    const drawHeader = (): void => {
      const y = this.y;
      columns.forEach((c, i) => {
        const w = widths[i]!;
        const x = xs[i]!;
        doc.save().lineWidth(0.6).rect(x, y, w, headerHeight).fillAndStroke('#eeeeee', '#000000').restore();
        const h = this.measure(c.header, 'bold', headerSize, w - 2 * pad, 1);
        doc.fillColor('#000000');
        this.box(c.header, x + pad, y + (headerHeight - h) / 2, w - 2 * pad, {
          font: 'bold',
          size: headerSize,
          align: 'center',
          lineGap: 1,
        });
      });
      this.y = y + headerHeight;
      if (opts.numberRow) {
        const ny = this.y;
        columns.forEach((_c, i) => {
          const w = widths[i]!;
          const x = xs[i]!;
          doc.save().lineWidth(0.6).rect(x, ny, w, numberHeight).stroke('#000000').restore();
          doc.font('italic').fontSize(size - 1);
          doc.text(`(${i + 1})`, x + pad, ny + pad - 1, { width: w - 2 * pad, align: 'center', lineGap: 1 });
        });
        this.y = ny + numberHeight;
      }
    };

    this.ensureSpace(headerHeight + numberHeight + 2 * pad + size * 1.4);
    drawHeader();

    for (const row of rows) {
      const cells = columns.map((_c, i) => {
        const cell = cellOf(row[i]);
        if (!cell.breakAtHyphens) return cell;
        return {
          ...cell,
          text: this.hyphenLines(cell.text, cell.font ?? 'regular', size, widths[i]! - 2 * pad),
        };
      });
      const contentHeight = Math.max(
        ...cells.map((cell, i) =>
          this.measure(cell.text, cell.font ?? 'regular', size, widths[i]! - 2 * pad, 1),
        ),
      );
      const rowHeight = contentHeight + 2 * pad;
      if (this.y + rowHeight > this.bottom) {
        this.newPage();
        if (opts.repeatHeader ?? true) drawHeader();
      }
      const y = this.y;
      const maxHeight = Math.min(rowHeight, this.bottom - y);
      cells.forEach((cell, i) => {
        const w = widths[i]!;
        const x = xs[i]!;
        doc.save().lineWidth(0.6).rect(x, y, w, maxHeight).stroke('#000000').restore();
        doc.fillColor('#000000');
        this.box(cell.text, x + pad, y + pad, w - 2 * pad, {
          font: cell.font ?? 'regular',
          size,
          align: cell.align ?? columns[i]!.align ?? 'left',
          lineGap: 1,
          height: maxHeight - 2 * pad + 1,
        });
      });
      this.y = y + maxHeight;
    }
    doc.x = this.left;
    this.y += opts.after ?? 8;
  }

  private signatureAboveHeight(blocks: SignatureBlock[], colW: number): number {
    return Math.max(
      0,
      ...blocks.map((b) =>
        b.above
          ? this.measure(b.above, b.aboveItalic === false ? 'bold' : 'italic', this.size, colW - 8) + 2
          : 0,
      ),
    );
  }

  /** Height `signatures(blocks)` will take: lets a closing line be kept on the signers' page. */
  signaturesHeight(blocks: SignatureBlock[], opts: { signSpace?: number } = {}): number {
    const signSpace = opts.signSpace ?? SIGN_SPACE;
    const colW = blocks.length === 1 ? this.width / 2 : this.width / blocks.length;
    const heightOf = (b: SignatureBlock): number =>
      this.measure(b.title, 'bold', this.size, colW - 8) +
      (b.hint ? this.measure(b.hint, 'italic', 11, colW - 8) : 0) +
      signSpace +
      (b.name ? this.measure(b.name, 'bold', this.size, colW - 8) : 0);
    return this.signatureAboveHeight(blocks, colW) + Math.max(...blocks.map(heightOf)) + 4;
  }

  /**
   * The closing sentence and the signature blocks, kept on one page so the signers never stand
   * alone on a page of their own.
   */
  closing(
    text: string | undefined,
    blocks: SignatureBlock[],
    opts: { gap?: number; before?: number } = {},
  ): void {
    const gap = opts.gap ?? 10;
    const textHeight = text ? this.measure(text, 'regular', this.size, this.width) + this.paraGap : 0;
    this.ensureSpace((opts.before ?? 0) + textHeight + gap + this.signaturesHeight(blocks));
    if (text) this.paragraph(text);
    this.space(gap);
    this.signatures(blocks);
  }

  /**
   * Signature blocks side by side (a single block sits in the right half, as the rule places the
   * signer). Kept together on one page.
   */
  signatures(blocks: SignatureBlock[], opts: { signSpace?: number } = {}): void {
    const signSpace = opts.signSpace ?? SIGN_SPACE;
    const n = blocks.length;
    const colW = n === 1 ? this.width / 2 : this.width / n;
    const x0 = n === 1 ? this.left + this.width / 2 : this.left;
    const aboveHeight = this.signatureAboveHeight(blocks, colW);
    const height = this.signaturesHeight(blocks, opts) - 4;
    this.ensureSpace(height + 4);
    const top = this.y + 4;
    blocks.forEach((b, i) => {
      const x = x0 + i * colW + 4;
      const w = colW - 8;
      let y = top;
      if (b.above) {
        this.box(b.above, x, y, w, { font: b.aboveItalic === false ? 'bold' : 'italic', align: 'center' });
      }
      y += aboveHeight;
      y += this.box(b.title, x, y, w, { font: 'bold', align: 'center' });
      if (b.hint) y += this.box(b.hint, x, y, w, { font: 'italic', size: 11, align: 'center' });
      y += signSpace;
      if (b.name) this.box(b.name, x, y, w, { font: 'bold', align: 'center' });
    });
    this.y = top + height;
    this.doc.x = this.left;
  }

  /**
   * A QR code drawn as vector squares (sharp at any print resolution), `size` points wide
   * including a quiet zone of `quiet` modules; returns the number of dark modules drawn.
   */
  qr(payload: string, x: number, y: number, size: number, quiet = 2): number {
    const matrix = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
    const n = matrix.size;
    const cell = size / (n + 2 * quiet);
    const doc = this.doc;
    let dark = 0;
    doc.save();
    for (let r = 0; r < n; r++) {
      let c = 0;
      while (c < n) {
        if (!matrix.get(r, c)) {
          c++;
          continue;
        }
        const start = c;
        while (c < n && matrix.get(r, c)) c++;
        dark += c - start;
        doc.rect(x + (quiet + start) * cell, y + (quiet + r) * cell, (c - start) * cell, cell);
      }
    }
    doc.fill('#000000').restore();
    return dark;
  }

  /**
   * Options with a drawn tick box each, the chosen ones crossed, laid out on one line after an
   * optional lead text (wrapping to the next line when they do not fit).
   */
  checkboxes(
    options: Array<{ label: string; checked: boolean }>,
    opts: { lead?: string; indent?: number } = {},
  ): void {
    const doc = this.doc;
    const boxSize = 8.5;
    const lineH = this.measure('Ag', 'regular', this.size, this.width);
    this.ensureSpace(lineH);
    let x = this.left + (opts.indent ?? 0);
    let y = this.y;
    if (opts.lead) {
      doc.font('regular').fontSize(this.size);
      this.box(opts.lead, x, y, this.right - x);
      x += doc.widthOfString(opts.lead) + 6;
    }
    for (const option of options) {
      const font: FontName = option.checked ? 'bold' : 'regular';
      doc.font(font).fontSize(this.size);
      const w = boxSize + 5 + doc.widthOfString(option.label);
      if (x + w > this.right) {
        x = this.left + (opts.indent ?? 0) + 14;
        y += lineH;
        this.y = y;
        if (this.ensureSpace(lineH)) y = this.y;
      }
      const by = y + (lineH - boxSize) / 2 - 1;
      doc.save().lineWidth(0.8).rect(x, by, boxSize, boxSize).stroke('#000000');
      if (option.checked) {
        const i = 1.8;
        doc
          .lineWidth(1.2)
          .moveTo(x + i, by + i)
          .lineTo(x + boxSize - i, by + boxSize - i)
          .moveTo(x + boxSize - i, by + i)
          .lineTo(x + i, by + boxSize - i)
          .stroke('#000000');
      }
      doc.restore();
      this.box(option.label, x + boxSize + 5, y, this.right - x - boxSize - 5, { font });
      x += w + 12;
    }
    this.y = y + lineH + 2;
    doc.x = this.left;
  }

  /** "Trang i/n" centred in the bottom margin of every page (needs bufferPages); optionally only when there are several. */
  pageNumbers(opts: { onlyIfSeveral?: boolean } = {}): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    if (opts.onlyIfSeveral && range.count < 2) return;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = doc.page.margins;
      const bottom = margins.bottom;
      doc.page.margins = { ...margins, bottom: 0 };
      doc.font('italic').fontSize(9).fillColor('#000000');
      doc.text(`Trang ${i + 1}/${range.count}`, margins.left, doc.page.height - bottom / 2 - 5, {
        width: doc.page.width - margins.left - margins.right,
        align: 'center',
        lineBreak: false,
      });
      doc.page.margins = { ...margins, bottom };
    }
  }
}
