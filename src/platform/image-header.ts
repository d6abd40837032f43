// What an uploaded picture really is, read from its first bytes rather than its name: PNG, JPEG,
// GIF or WebP, with the pixel size its header declares. No image library: the four headers are
// small and documented (PNG IHDR, JPEG SOFn, GIF logical screen, WebP VP8/VP8L/VP8X).

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export interface ImageHeader {
  mime: ImageMime;
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ascii(buf: Buffer, start: number, length: number): string {
  return buf.subarray(start, start + length).toString('latin1');
}

function png(buf: Buffer): ImageHeader | null {
  if (buf.length < 24 || ascii(buf, 12, 4) !== 'IHDR') return null;
  return { mime: 'image/png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function gif(buf: Buffer): ImageHeader | null {
  if (buf.length < 10) return null;
  return { mime: 'image/gif', width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
}

/** Walks the JPEG segments up to the first start-of-frame marker, which carries the size. */
function jpeg(buf: Buffer): ImageHeader | null {
  let i = 2;
  while (i + 4 <= buf.length) {
    if (buf[i] !== 0xff) return null;
    let marker = buf[i + 1]!;
    // Fill bytes: any number of 0xFF before a marker.
    while (marker === 0xff && i + 2 < buf.length) {
      i += 1;
      marker = buf[i + 1]!;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan before any frame
    const length = buf.readUInt16BE(i + 2);
    if (length < 2) return null;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (i + 9 > buf.length) return null;
      return { mime: 'image/jpeg', height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

function webp(buf: Buffer): ImageHeader | null {
  if (buf.length < 30) return null;
  const chunk = ascii(buf, 12, 4);
  if (chunk === 'VP8 ') {
    // Key frame start code after the 3-byte frame tag.
    if (buf[23] !== 0x9d || buf[24] !== 0x01 || buf[25] !== 0x2a) return null;
    return {
      mime: 'image/webp',
      width: buf.readUInt16LE(26) & 0x3fff,
      height: buf.readUInt16LE(28) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    if (buf[20] !== 0x2f) return null;
    const bits = buf.readUInt32LE(21);
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { mime: 'image/webp', width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
  }
  return null;
}

/** The picture's type and size from its bytes, or null when it is none of the four formats. */
export function readImageHeader(buf: Buffer): ImageHeader | null {
  let found: ImageHeader | null = null;
  if (buf.subarray(0, 8).equals(PNG_SIGNATURE)) found = png(buf);
  else if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) found = jpeg(buf);
  else if (ascii(buf, 0, 6) === 'GIF87a' || ascii(buf, 0, 6) === 'GIF89a') found = gif(buf);
  else if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 4) === 'WEBP') found = webp(buf);
  if (!found || found.width < 1 || found.height < 1) return null;
  return found;
}
