// Files a feature attaches to its records (a risk report's documents and photographs): which kinds
// are taken, how large one may be and how it is described to the web app.
import { z } from 'zod';
import { str } from './api';

export const MAX_ATTACHMENT_BYTES = 20 * 2 ** 20;

/** The kinds of file taken, read from the bytes, with the extension a stored one gets. */
export const ATTACHMENT_TYPES = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'application/msword': '.doc',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** What the file chooser offers (the server still reads each file's bytes). */
export const ATTACHMENT_ACCEPT = [...new Set(Object.values(ATTACHMENT_TYPES)), '.jpeg'].join(',');

/** A stored file; `url` serves its bytes to whoever may read the record it belongs to. */
export const AttachmentView = z.object({
  id: str(),
  fileName: str(),
  mimeType: str(),
  size: z.number().int(),
  url: str(),
  createdAt: str(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const AttachmentParams = z.object({
  id: z.uuid({ error: 'id 必须是有效的 UUID' }),
  attachmentId: z.uuid({ error: '附件 id 必须是有效的 UUID' }),
});
