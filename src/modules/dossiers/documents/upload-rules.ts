/**
 * What an attachment may be (issue 3, point 3): PDF, JPEG or PNG, recognised by its
 * extension AND its first bytes, so an HTML page or a program renamed to .pdf is refused
 * and nothing the server later serves can be interpreted as active content.
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': { extensions: ['pdf'], magic: Buffer.from('%PDF-', 'latin1') },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: Buffer.from([0xff, 0xd8, 0xff]) },
  'image/png': { extensions: ['png'], magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
} as const;
export type AttachmentMediaType = keyof typeof ATTACHMENT_TYPES;

export const MAX_FILES_PER_UPLOAD = 10;

/** The media type the bytes announce, or null when they are none of the accepted types. */
export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | null {
  for (const [type, spec] of Object.entries(ATTACHMENT_TYPES) as [AttachmentMediaType, (typeof ATTACHMENT_TYPES)[AttachmentMediaType]][]) {
    if (bytes.length >= spec.magic.length && spec.magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/** The media type an extension claims (case-insensitive), or null. */
export function mediaTypeOfName(fileName: string): AttachmentMediaType | null {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [type, spec] of Object.entries(ATTACHMENT_TYPES) as [AttachmentMediaType, { extensions: readonly string[] }][]) {
    if (spec.extensions.includes(ext)) return type;
  }
  return null;
}

/** Accepts a file only when its name and its bytes agree on one of the accepted types. */
export function acceptedMediaType(fileName: string, bytes: Uint8Array): AttachmentMediaType | null {
  const claimed = mediaTypeOfName(fileName);
  return claimed !== null && claimed === sniffMediaType(bytes) ? claimed : null;
}

/**
 * The client's file name as a display label only: the last path segment, control and
 * bidi-override characters removed, NFC-normalised, at most 200 characters. It never
 * becomes part of a path on disk.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  return (cleaned || 'tep-dinh-kem').slice(0, 200);
}

/**
 * Content-Disposition for a download: `attachment` so a browser never renders it inline,
 * an ASCII fallback name for old clients, and the real (Vietnamese) name RFC 5987-encoded.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
      .replace(/[^A-Za-z0-9._ -]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Bytes as a short human size for messages (MiB with one decimal, or KiB). */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}
