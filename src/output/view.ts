/** How a kind of record is shown to people; JSON/YAML ignore this and print the record itself. */
export interface Column<T> {
  header: string;
  value: (record: T) => string;
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
