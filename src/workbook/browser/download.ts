export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Hands bytes to the browser as a download: a Blob URL and a click on an <a download>. Nothing is uploaded. */
export function saveBytes(bytes: Uint8Array, fileName: string, doc: Document = document): void {
  const blob = new Blob([bytes as BlobPart], { type: XLSX_MIME });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // some browsers start reading the Blob only after the click handler returns
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The bytes of a File or Blob (Blob.arrayBuffer where the browser has it, FileReader elsewhere). */
export function readBlob(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsArrayBuffer(blob);
  });
}

/** A name for the downloaded copy: the same name, as .xlsx (an .xlsm opened here is written without macros). */
export function xlsxName(name: string): string {
  const base = name.replace(/\.(xlsx|xlsm|xltx|xltm)$/i, '');
  return `${base || '绩效自评'}.xlsx`;
}
