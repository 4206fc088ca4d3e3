/** One occurrence of a recurring meeting changed on its own; null fields keep the series' value. */
export interface OccurrenceTable {
  meeting_code: string;
  /** The start the rule gives this occurrence: how it is found, whatever it was moved to. */
  occurs_at: Date;
  title: string | null;
  starts_at: Date | null;
  duration_minutes: number | null;
  cancelled: boolean;
  updated_at: Date;
}
