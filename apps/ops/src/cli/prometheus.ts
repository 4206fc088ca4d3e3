/** One sample of an instant vector: its labels and value (NaN stays NaN). */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

interface QueryResponse {
  status?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: { metric?: Record<string, string>; value?: [number, string] }[];
  };
}

/**
 * Evaluates an instant PromQL query through the HTTP API (GET /api/v1/query) and returns
 * the vector's samples. Throws with Prometheus's own error text on a bad query.
 */
export async function queryPrometheus(
  fetchFn: typeof fetch,
  baseUrl: string,
  query: string,
  timeoutMs = 10_000,
): Promise<PromSample[]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(query)}`;
  const response = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await response.json().catch(() => ({}))) as QueryResponse;
  if (!response.ok || body.status !== 'success') {
    throw new Error(
      `Prometheus answered ${response.status}: ${body.error ?? 'unexpected response'}`,
    );
  }
  if (body.data?.resultType !== 'vector')
    throw new Error(`expected a vector, got ${body.data?.resultType ?? 'nothing'}`);
  return (body.data.result ?? []).map((r) => ({
    metric: r.metric ?? {},
    value: Number(r.value?.[1]),
  }));
}
