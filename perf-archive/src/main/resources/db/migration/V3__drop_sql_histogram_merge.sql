-- Histogram summary buckets are merged in Java under the series lock (one upsert per request with their
-- statistics); the SQL merge function is no longer called.
DROP FUNCTION IF EXISTS ps_hist_add(jsonb, jsonb);
