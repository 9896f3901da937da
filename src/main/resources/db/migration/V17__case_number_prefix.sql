-- A case number is looked up by its beginning (case_number like 'MASPF-2025-5627%'). The unique
-- index follows the database's collation, which LIKE can use only under the C collation; elsewhere
-- (C.UTF-8, fr_FR…) the lookup read every case of the agency: about 0.4-0.9 s at a million cases
-- (bench/README.md). text_pattern_ops compares bytes, which is what a prefix needs.
create index child_case_number_prefix on child_case (case_number text_pattern_ops);
