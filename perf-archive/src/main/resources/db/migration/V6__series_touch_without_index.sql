-- Every write sets its series' time_updated, so an index on that column made each touch a new index entry in all
-- of ps_series' indexes (no HOT update) and grew the index with every write. The metadata filter on time-updated
-- reaches the series through their metadata_id, not through this index. Without it, and with room left on each
-- page, a touch is a heap-only update.
DROP INDEX ps_series_updated;
ALTER TABLE ps_series SET (fillfactor = 50);
