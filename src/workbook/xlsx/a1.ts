/** Corners of an A1 area as 1-based indexes. */
export interface Corners {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * "D8", "$C$4:$L$33" → corners; null for anything else (more than three column letters, a sheet, a name).
 * Written out by hand: it runs for every defined name and every validated cell of a workbook.
 */
export function parseArea(text: string): Corners | null {
  let i = 0;
  const cell = (): [number, number] | null => {
    if (text.charCodeAt(i) === 36) i++; // $
    const colStart = i;
    let col = 0;
    for (let ch = text.charCodeAt(i); (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122); ch = text.charCodeAt(++i)) {
      col = col * 26 + ((ch & 0xdf) - 64);
    }
    if (i === colStart || i - colStart > 3) return null;
    if (text.charCodeAt(i) === 36) i++;
    const rowStart = i;
    let row = 0;
    for (let ch = text.charCodeAt(i); ch >= 48 && ch <= 57; ch = text.charCodeAt(++i)) row = row * 10 + (ch - 48);
    return i === rowStart ? null : [col, row];
  };
  const p = cell();
  if (!p) return null;
  let q = p;
  if (i < text.length) {
    if (text.charCodeAt(i++) !== 58) return null; // :
    const second = cell();
    if (!second || i !== text.length) return null;
    q = second;
  }
  return { left: Math.min(p[0], q[0]), top: Math.min(p[1], q[1]), right: Math.max(p[0], q[0]), bottom: Math.max(p[1], q[1]) };
}
