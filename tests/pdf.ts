// Reading Word files as a person would: LibreOffice converts them to PDF, poppler reads the text,
// counts the pages and draws the first page as PNG. Used by the Word export tests and the browser
// journey of the bulletin.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { commandExists, systemTool } from './tools';

const run = promisify(execFile);
let checked: boolean | undefined;

/** Whether soffice and poppler are installed; missing tools skip loudly, or fail with CI=true. */
export function pdfToolsAvailable(): Promise<boolean> {
  if (checked !== undefined) return Promise.resolve(checked);
  const missing = ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm'].filter((tool) => !commandExists(tool));
  checked = systemTool(
    missing.join(', ') || 'LibreOffice and poppler',
    missing.length === 0,
    'apt-get install --no-install-recommends libreoffice-writer poppler-utils fonts-noto-cjk',
  );
  return Promise.resolve(checked);
}

/**
 * Converts a .docx with LibreOffice (its own profile, so parallel runs do not clash) into `outDir`
 * and reads the PDF: its text laid out, its page count, and optionally page 1 as `pngPrefix-1.png`.
 */
export async function docxToPdf(
  docx: string,
  outDir: string,
  pngPrefix?: string,
): Promise<{ text: string; pages: number; pdf: string }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'gonghui-lo-profile-'));
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        docx,
      ],
      { timeout: 120_000 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const pdf = path.join(outDir, `${path.basename(docx, '.docx')}.pdf`);
  const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 16 * 2 ** 20 });
  const { stdout: info } = await run('pdfinfo', [pdf]);
  if (pngPrefix) await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, pngPrefix]);
  return { text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0), pdf };
}
