/** What the photo suite measured: one row per measure of issue #11, and notes beside them. */

export interface PhotoRow {
  measure: string;
  /** Proofsheet's figure, formatted with its unit. */
  measured: string;
  baseline: string;
  /** measured ÷ baseline (or the figure the target is stated on), null when not measured. */
  ratio: number | null;
  /** e.g. `≥ 0.85×` */
  target: string;
  pass: boolean | null;
  /** Why it was not measured. */
  skipped?: string;
}

export interface PhotoResults {
  rows: PhotoRow[];
  /** Lines of detail printed under the table (sizes, counts, descriptions). */
  notes: string[];
}
