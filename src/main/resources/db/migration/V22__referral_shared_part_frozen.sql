-- When a case moves to another agency, each open referral its former agency sent keeps the shared
-- part as that agency held it at the move: the receiving side reads this copy from then on, never
-- what the new agency records (issue 17). Null while the referring agency still holds the case.
alter table referral add column shared_part_frozen jsonb;
alter table referral add column shared_part_frozen_at timestamptz;
