/** How a kind of record is shown to people; JSON/YAML ignore this and print the record itself. */
export interface Column<T> {
  header: string;
  value: (record: T) => string;
  /**
   * A terminal too narrow for the table drops columns with a priority, highest first, once shortening
   * long cells is not enough (kubectl's column priority: the higher, the less it matters). Absent: the
   * column always stays. -o wide and piped output keep every column.
   */
  priority?: number;
  /** Cells people copy into other commands (ids): shortened only when nothing else fits. */
  fixed?: boolean;
}

export interface ListView<T> {
  columns: Column<T>[];
  /** Rows shown dimmed on a TTY (e.g. disabled bindings). */
  dim?: (record: T) => boolean;
  /** Printed on stderr when there is nothing to list. */
  empty: string;
}

export interface DetailView<T> {
  fields: Column<T>[];
  dim?: (record: T) => boolean;
}
