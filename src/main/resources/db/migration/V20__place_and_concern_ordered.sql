-- "Cases of the agency at these places with this concern", counted and paged. V18's GIN index found
-- them, but each place of the list was one GIN scan stepping through the agency's 300,000 entries and
-- the concern's 100,000 (900-1,700 index pages, 15-55 ms per statement at a million cases), and every
-- match was then read from the table, twice: for the count and to sort the page (bench/README.md).
-- In a btree the agency and the place are a range of a few thousand entries; with the order of the
-- list and the concerns in the entry, the count and the page's ids are an index-only scan (about
-- 1 ms), and only the 25 cases shown are read from the table. It also serves a concern without a
-- place, so the GIN index goes.
create index child_case_place on child_case (agency_id, location_id, risk_rank, registered_at desc, id)
    include (protection_concerns);
drop index child_case_place_concerns;
