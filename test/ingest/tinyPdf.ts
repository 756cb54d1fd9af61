/**
 * A small real PDF made in the test, for what the import must do whatever the file: text set
 * at given places, sizes and weights (Helvetica, Helvetica-Bold), one array of lines a page.
 * No ../shared needed, and pdf.js parses it as it parses any PDF.
 */
export interface TinyLine {
  text: string;
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
}

const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

export function tinyPdf(pages: TinyLine[][], info: Record<string, string> = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) && objects.length;
  const catalog = add('');
  const pagesObj = add('');
  // Widths given (a space narrower than a letter), as real files give them: pdf.js has no font data to look them up in.
  const widths = `/FirstChar 32 /LastChar 255 /Widths [278 ${Array.from({ length: 223 }, () => 540).join(' ')}]`;
  const regular = add(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding ${widths} >>`);
  const bold = add(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding ${widths} >>`);
  const kids: number[] = [];
  for (const lines of pages) {
    const stream = lines
      .map((l) => `BT /${l.bold ? 'F2' : 'F1'} ${l.size ?? 10} Tf 1 0 0 1 ${l.x} ${l.y} Tm (${escape(l.text)}) Tj ET`)
      .join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${content} 0 R >>`),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const infoObj = add(`<< ${Object.entries(info).map(([k, v]) => `/${k} (${escape(v)})`).join(' ')} >>`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoObj} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Lines of prose set as a column: `words` split into lines of about `width` characters. */
export function prose(text: string, x: number, top: number, options: { size?: number; width?: number; leading?: number } = {}): TinyLine[] {
  const size = options.size ?? 10;
  const width = options.width ?? 90;
  const leading = options.leading ?? size * 1.2;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((t, i) => ({ text: t, x, y: top - i * leading, size }));
}
