import { describe, expect, it } from 'vitest';
import {
  asciiFileName,
  attachmentDisposition,
  MAX_FILE_NAME_LENGTH,
  safeFileName,
  sniffMediaType,
  storedFileName,
} from './sniff.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf'],
    ['a JFIF JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'image/jpeg'],
    ['an Exif JPEG', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'image/jpeg'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png'],
    ['a Windows .exe renamed .pdf', bytes('MZ\x90\x00\x03\x00\x00\x00'), null],
    ['a ZIP (or .docx) renamed .pdf', bytes('PK\x03\x04\x14\x00'), null],
    ['an HTML page named .png', bytes('<!DOCTYPE html><html><script>alert(1)</script>'), null],
    ['an SVG (scriptable) named .png', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), null],
    ['a GIF', bytes('GIF89a'), null],
    ['an empty file', bytes(), null],
    ['a truncated PDF magic', bytes('%PDF'), null],
    ['a truncated JPEG magic', bytes([0xff, 0xd8]), null],
    ['a truncated PNG magic', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]), null],
    [
      'a PNG mangled by a text-mode transfer (CR LF → LF)',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a]),
      null,
    ],
    ['a PDF header not at offset 0', bytes(' %PDF-1.7'), null],
  ])('%s → %s', (_label, input, expected) => {
    expect(sniffMediaType(input)).toBe(expected);
  });
});

describe('safeFileName', () => {
  it.each([
    ['Giấy khai sinh.pdf', 'Giấy khai sinh.pdf'],
    ['C:\\fakepath\\Căn cước công dân.jpg', 'Căn cước công dân.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['/tmp/ảnh chân dung.png', 'ảnh chân dung.png'],
    ['..', 'tệp đính kèm'],
    ['.bashrc', 'bashrc'],
    ['tờ\u0000khai\u001f.pdf', 'tờkhai.pdf'],
    ['hoá\u202Efdp.exe', 'hoáfdp.exe'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['  nhiều    khoảng   trắng .pdf ', 'nhiều khoảng trắng .pdf'],
    ['', 'tệp đính kèm'],
    ['   ', 'tệp đính kèm'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('composes decomposed Vietnamese (as macOS sends it) into NFC', () => {
    const nfd = 'Đơn đề nghị.pdf'.normalize('NFD');
    expect(nfd).not.toBe('Đơn đề nghị.pdf');
    expect(safeFileName(nfd)).toBe('Đơn đề nghị.pdf');
  });

  it('cuts long names to 200 characters, keeping the extension and whole letters', () => {
    const long = `${'Đ'.repeat(300)}.pdf`;
    const safe = safeFileName(long);
    expect([...safe]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(safe.endsWith('Đ.pdf')).toBe(true);
    expect([...safeFileName('ư'.repeat(250))]).toHaveLength(MAX_FILE_NAME_LENGTH);
  });
});

describe('Content-Disposition names', () => {
  it('gives an ASCII fallback and an RFC 8187 UTF-8 name', () => {
    expect(asciiFileName('Đơn đề nghị "gấp".pdf')).toBe('Don de nghi _gap_.pdf');
    expect(attachmentDisposition("Tờ khai (bản 1)'s.pdf")).toBe(
      `attachment; filename="To khai (ban 1)'s.pdf"; filename*=UTF-8''T%E1%BB%9D%20khai%20%28b%E1%BA%A3n%201%29%27s.pdf`,
    );
  });
});

describe('storedFileName', () => {
  it.each([
    ['Tờ khai.pdf', 'application/pdf', 'Tờ khai.pdf'],
    ['Tờ khai.PDF', 'application/pdf', 'Tờ khai.PDF'],
    ['ảnh.jpeg', 'image/jpeg', 'ảnh.jpeg'],
    ['scan', 'image/png', 'scan.png'],
    ['ảnh.pdf', 'image/jpeg', 'ảnh.pdf.jpg'],
    ['', 'application/pdf', 'tệp đính kèm.pdf'],
  ] as const)('%j as %s → %j', (name, type, expected) => {
    expect(storedFileName(name, type)).toBe(expected);
  });

  it('stays within 200 characters when the extension is appended', () => {
    expect([...storedFileName('a'.repeat(200), 'image/png')]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(storedFileName('a'.repeat(200), 'image/png').endsWith('.png')).toBe(true);
  });
});
