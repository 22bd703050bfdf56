import { z } from 'zod';

/**
 * Repeated rows of a form that works without JavaScript (a project's sectors, a convention's
 * parties): each row's fields are named `${name}_${row}`; the page shows the filled rows and
 * `spare` empty ones, and saving brings another. Rows left empty are ignored.
 */
export function rowField(name: string, row: number): string {
  return `${name}_${row}`;
}

/** Every field name of `max` rows, row after row: the order the page shows them in. */
export function rowFieldNames(names: readonly string[], max: number): string[] {
  return Array.from({ length: max }, (_, row) => names.map((name) => rowField(name, row))).flat();
}

/** A zod shape of plain trimmed strings for every field of every row; the form's own checks read them. */
export function rowShape(names: readonly string[], max: number): Record<string, z.ZodType<string>> {
  const text = z
    .string()
    .default('')
    .transform((value) => value.trim());
  return Object.fromEntries(rowFieldNames(names, max).map((field) => [field, text]));
}

/**
 * The rows that have one of their `significant` fields filled (all of them by default: a select
 * with a default value, such as a currency, does not make a row), each with its row number and
 * its values by name.
 */
export function filledRows<Name extends string>(
  record: Record<string, unknown>,
  names: readonly Name[],
  max: number,
  significant: readonly Name[] = names,
): Array<{ row: number; values: Record<Name, string> }> {
  const rows: Array<{ row: number; values: Record<Name, string> }> = [];
  for (let row = 0; row < max; row += 1) {
    const values = Object.fromEntries(
      names.map((name) => {
        const value = record[rowField(name, row)];
        return [name, typeof value === 'string' ? value.trim() : ''];
      }),
    ) as Record<Name, string>;
    if (significant.some((name) => values[name] !== '')) rows.push({ row, values });
  }
  return rows;
}

/** How many rows the page shows: up to the last filled one, plus `spare`, within `max`. */
export function shownRowCount(
  values: Record<string, string | undefined>,
  significant: readonly string[],
  max: number,
  spare = 1,
): number {
  let last = 0;
  for (let row = 0; row < max; row += 1)
    if (significant.some((name) => values[rowField(name, row)])) last = row + 1;
  return Math.min(max, last + spare);
}
