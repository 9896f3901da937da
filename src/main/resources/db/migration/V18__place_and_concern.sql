-- "Cases of the agency at this place (and the places under it) with this concern": a concern is
-- shared by a tenth of all cases, so intersecting the place's cases with the concern's index entries
-- and the agency's read some 100,000 entries to find a few dozen cases (10-40 ms per statement at a
-- million cases, bench/README.md). One GIN index over the three columns lets PostgreSQL skip through
-- the large entries to the small ones (2-15 ms). btree_gin gives GIN the equality of uuid.
create extension if not exists btree_gin;
create index child_case_place_concerns on child_case using gin (agency_id, location_id, protection_concerns);
