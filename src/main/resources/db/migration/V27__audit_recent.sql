-- The audit page opens on the latest activity. The log only grows, in time order, so a block range
-- index on the time finds the last day's entries for almost nothing, where a btree would be one
-- more index written on every read of case data.
create index audit_entry_occurred_brin on audit_entry using brin (occurred_at);
