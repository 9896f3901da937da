-- People quote the last digits of a case number ("00050", "2026-00050"): a search by any tail of the
-- number reads this index of the reversed number by its beginning, as V17's reads the number itself,
-- instead of every case of the agency.
create index child_case_number_tail on child_case (reverse(case_number) text_pattern_ops);
