// describe/interface.go DescriberSettings, plus the client's clock: ages are computed against
// `now` (the virtual clock in Podlab; time.Now() in kubectl).
export interface DescribeSettings {
  showEvents: boolean;
  /** epoch ms that ages ("Age", "lasts", ...) are measured from */
  now: number;
  /** --chunk-size: the list page size kubectl asks for (the in-process API returns one page). */
  chunkSize?: number;
}
