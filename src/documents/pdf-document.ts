// Creating and finishing a form's PDF: document metadata, page measures and the A4 document setup.
import PDFDocument from 'pdfkit';
import { registerFonts } from './fonts.ts';

export interface RenderOptions {
  /** Deflate the page streams (default true). Tests pass false to read the content streams. */
  compress?: boolean;
}

export interface DocumentMeta {
  title: string;
  /** The dossier code where there is one: the metadata tests and search tools key on. */
  subject: string;
  keywords: string[];
  author?: string;
  /** The document's issue date; also fixes the PDF file ID, so equal input gives equal bytes. */
  createdAt: Date;
}

export const MM = 72 / 25.4;
export const MARGIN = 20 * MM;
export const BODY_SIZE = 11.5;
export const TABLE_SIZE = 10.5;
export const LINE_GAP = 1.5;
/** Room left for a handwritten signature (and stamp). */
export const SIGN_SPACE = 60;

export function createDocument(
  meta: DocumentMeta,
  options: RenderOptions = {},
  page: { landscape?: boolean; margin?: number } = {},
) {
  const m = page.margin ?? MARGIN;
  const doc = new PDFDocument({
    size: 'A4',
    layout: page.landscape ? 'landscape' : 'portrait',
    margins: { top: m, bottom: m, left: m, right: m },
    compress: options.compress ?? true,
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Keywords: meta.keywords.filter((k) => k.length > 0).join('; '),
      Author: meta.author ?? '',
      Creator: 'Một Cửa',
      Producer: 'Một Cửa (PDFKit)',
      CreationDate: meta.createdAt,
    },
  });
  registerFonts(doc);
  doc.font('regular').fontSize(BODY_SIZE);
  return doc;
}

/** Ends the document and collects its bytes. */
export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
