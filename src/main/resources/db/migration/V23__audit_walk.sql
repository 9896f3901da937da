-- The trail of a case (/audit?record=<case>) also shows what touched the case's own records
-- (forms, notes, referrals, transfers, case discussions): their entries carry the case id in
-- detail.caseId. This index serves that lookup; the entries themselves stay untouched (append-only).
create index audit_entry_case on audit_entry ((detail->>'caseId'), occurred_at desc);
