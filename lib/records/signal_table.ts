/**
 * The signal table (CSV) of docs/FORMATS.md: a header row of lead names, one row
 * per sample, values in millivolts, empty or `NaN` where a lead is not shown.
 *
 * @module
 */
import { RecordError } from "./errors.ts";
import { normaliseLeadName, STANDARD_LEADS } from "./lead_names.ts";
import type { EcgRecord } from "./types.ts";

/** Options for {@linkcode parseSignalCsv}. */
export interface ParseSignalCsvOptions {
  /** Samples per second of the rows: the CSV itself does not say. */
  sampleRateHz: number;
  /** Record name. @default "" */
  name?: string;
  /** File the text came from, for messages. @default "" */
  source?: string;
  /**
   * The most columns (leads) to accept; a header row with more is a
   * `RecordError`, raised before any row is split or signal allocated.
   * @default Infinity
   */
  maxLeads?: number;
}

/**
 * Parse a signal table. Fields may be quoted (`"II"`, `"0.5"`, RFC 4180);
 * lead names are normalised; empty cells and `NaN` read as NaN; any other non-numeric cell is an error naming its row and
 * column.
 *
 * @example
 * ```ts
 * import { parseSignalCsv } from "./signal_table.ts";
 * const r = parseSignalCsv("I,II\n0.1,\n0.2,0.5\n", { sampleRateHz: 500 });
 * console.assert(r.leadNames[1] === "II" && Number.isNaN(r.signals[1]![0]!));
 * ```
 */
export function parseSignalCsv(text: string, options: ParseSignalCsvOptions): EcgRecord {
  const { sampleRateHz, name = "", source = "", maxLeads = Infinity } = options;
  if (!(sampleRateHz > 0) || !Number.isFinite(sampleRateHz)) {
    throw new RangeError(
      `Cannot parse signal table: sampleRateHz must be > 0, got ${sampleRateHz}`,
    );
  }
  if (maxLeads < Infinity) {
    const newline = text.indexOf("\n");
    const columns = countCommas(text, newline < 0 ? text.length : newline) + 1;
    if (columns > maxLeads) {
      throw new RecordError(
        source,
        `CSV header has ${columns} columns; at most ${maxLeads} leads can be drawn`,
      );
    }
  }
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  const headerLine = (lines[0] ?? "").replace(/^\uFEFF/, "");
  if (headerLine.trim() === "") throw new RecordError(source, "empty CSV: no header row");
  const leadNames = splitCsvLine(headerLine).map((h) => normaliseLeadName(h));
  const seen = new Set<string>();
  for (const lead of leadNames) {
    if (lead === "") throw new RecordError(source, "CSV header has an empty column name");
    if (seen.has(lead)) throw new RecordError(source, `CSV header names lead "${lead}" twice`);
    seen.add(lead);
  }
  const rows = lines.length - 1;
  if (rows < 1) throw new RecordError(source, "CSV has a header but no samples");
  const signals = leadNames.map(() => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const line = lines[r + 1]!;
    const cells = line.includes('"') ? splitCsvLine(line) : line.split(",");
    if (cells.length !== leadNames.length) {
      throw new RecordError(
        source,
        `CSV row ${r + 2} has ${cells.length} fields, the header has ${leadNames.length}`,
      );
    }
    for (let c = 0; c < cells.length; c++) {
      signals[c]![r] = parseCell(cells[c]!, source, r + 2, leadNames[c]!);
    }
  }
  return { name, sampleRateHz, leadNames, signals, comments: [], source };
}

/**
 * One CSV line's fields, RFC 4180 style: a field in double quotes may hold
 * commas and `""` for a quote (a signal table has no line breaks in fields).
 */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

function countCommas(text: string, end: number): number {
  let n = 0;
  for (let at = text.indexOf(","); at >= 0 && at < end; at = text.indexOf(",", at + 1)) n++;
  return n;
}

function parseCell(cell: string, source: string, row: number, lead: string): number {
  const t = cell.trim();
  if (t === "" || t === "NaN" || t === "nan" || t === "NA") return NaN;
  const v = Number(t);
  if (!Number.isFinite(v)) {
    throw new RecordError(source, `non-numeric value "${cell}" at row ${row}, column ${lead}`);
  }
  return v;
}

/** Options for {@linkcode formatSignalCsv}. */
export interface FormatSignalCsvOptions {
  /**
   * Columns to write. Defaults to the 12 standard leads (blank where the
   * record lacks one) followed by any non-standard leads of the record.
   */
  columns?: readonly string[];
}

/**
 * Write a record as a signal table: values rounded to 1e-6 mV, NaN as an
 * empty field.
 *
 * @example
 * ```ts
 * import { formatSignalCsv } from "./signal_table.ts";
 * const csv = formatSignalCsv({
 *   name: "x", sampleRateHz: 500, leadNames: ["II"], comments: [], source: "",
 *   signals: [Float64Array.of(0.1, NaN)],
 * }, { columns: ["I", "II"] });
 * console.assert(csv === "I,II\n,0.1\n,\n");
 * ```
 */
export function formatSignalCsv(record: EcgRecord, options: FormatSignalCsvOptions = {}): string {
  const columns = options.columns ?? defaultColumns(record.leadNames);
  const index = new Map(record.leadNames.map((lead, i) => [lead, i]));
  const sources = columns.map((lead) => {
    const i = index.get(lead);
    return i === undefined ? undefined : record.signals[i];
  });
  const n = record.signals[0]?.length ?? 0;
  const parts: string[] = [columns.join(",") + "\n"];
  const row: string[] = new Array(columns.length);
  for (let s = 0; s < n; s++) {
    for (let c = 0; c < columns.length; c++) {
      const v = sources[c]?.[s] ?? NaN;
      row[c] = Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : "";
    }
    parts.push(row.join(",") + "\n");
  }
  return parts.join("");
}

/** The 12 standard leads followed by the record's non-standard ones. */
export function defaultColumns(leadNames: readonly string[]): string[] {
  const standard: readonly string[] = STANDARD_LEADS;
  return [...STANDARD_LEADS, ...leadNames.filter((lead) => !standard.includes(lead))];
}
