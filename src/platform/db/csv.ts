/**
 * One line of CSV for COPY … WITH (FORMAT csv): null and undefined become NULL (an unquoted
 * empty field), text is always quoted so that '' stays an empty string, objects become JSON.
 */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    text = String(value);
  else text = JSON.stringify(value);
  return `"${text.replaceAll('"', '""')}"`;
}
