/**
 * A minimal PDF writer for tests: one page per JPEG image, the image
 * filling the page (DCTDecode, no re-encoding), `dpi` pixels per inch.
 *
 * @module
 */

/** A PDF whose pages are the JPEG images `jpegs` (`width` × `height` px each) at `dpi`. */
export function pdfOfJpegs(
  jpegs: readonly { data: Uint8Array; width: number; height: number }[],
  dpi: number,
): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: Uint8Array | string) => {
    const bytes = typeof chunk === "string" ? enc.encode(chunk) : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, body: (string | Uint8Array)[]) => {
    offsets[id] = length;
    push(`${id} 0 obj\n`);
    for (const b of body) push(b);
    push("\nendobj\n");
  };
  push("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  const n = jpegs.length;
  // 1 catalog, 2 pages, then per page k: page 3+3k, content 4+3k, image 5+3k.
  const kids = jpegs.map((_, k) => `${3 + 3 * k} 0 R`).join(" ");
  object(1, ["<< /Type /Catalog /Pages 2 0 R >>"]);
  object(2, [`<< /Type /Pages /Kids [${kids}] /Count ${n} >>`]);
  jpegs.forEach((jpeg, k) => {
    const w = (jpeg.width * 72) / dpi, h = (jpeg.height * 72) / dpi;
    object(3 + 3 * k, [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] ` +
      `/Resources << /XObject << /Im0 ${5 + 3 * k} 0 R >> >> /Contents ${4 + 3 * k} 0 R >>`,
    ]);
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    object(4 + 3 * k, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    object(5 + 3 * k, [
      `<< /Type /XObject /Subtype /Image /Width ${jpeg.width} /Height ${jpeg.height} ` +
      `/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.data.length} >>\nstream\n`,
      jpeg.data,
      "\nendstream",
    ]);
  });
  const xref = length;
  const count = 3 + 3 * n;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) push(`${String(offsets[id]).padStart(10, "0")} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
