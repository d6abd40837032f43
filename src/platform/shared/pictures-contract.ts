// Pictures a feature attaches to its records (an item of the bulletin, a visit to an enterprise):
// how large one may be and how it is described to the web app.
import { z } from 'zod';
import { str } from './api';

export const MAX_IMAGE_BYTES = 10 * 2 ** 20;

/** A stored picture; `url` serves its bytes to whoever may read the record it belongs to. */
export const PictureView = z.object({
  id: str(),
  fileName: str(),
  mimeType: str(),
  size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  url: str(),
  createdAt: str(),
});
export type PictureView = z.infer<typeof PictureView>;

export const PictureParams = z.object({
  id: z.uuid({ error: 'id 必须是有效的 UUID' }),
  imageId: z.uuid({ error: '图片 id 必须是有效的 UUID' }),
});
