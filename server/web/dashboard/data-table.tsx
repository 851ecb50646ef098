import type { Child } from 'hono/jsx';

/** A column's header, and whether it holds numbers (right-aligned). */
export interface Column {
  head: string;
  num?: boolean;
}

/**
 * The pages' one table: a header row, then a row per item marked `data-<mark>="<id>"` (the
 * browser test and the page tests find rows by it), in a box that scrolls on a phone.
 */
export function DataTable({ columns, mark, rows }: { columns: readonly Column[]; mark: string; rows: readonly { id: string; cells: readonly Child[] }[] }) {
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th class={c.num ? 'num' : undefined}>{c.head}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr {...{ [`data-${mark}`]: r.id }}>
              {r.cells.map((cell, i) => (
                <td class={columns[i]?.num ? 'num' : undefined}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
