-- Transfers of a case to another agency (issue 5, item 7). A request names the receiving
-- agency, why and what it needs to know; it is made with the child's/family's consent to share
-- information, or with a best-interest reason recorded instead. The receiving agency accepts
-- (ownership of the case moves, with its whole history) or declines; the sender may withdraw.
create table case_transfer (
    id                    uuid primary key,
    case_id               uuid not null references child_case (id),
    from_agency_id        uuid not null references agency (id),
    to_agency_id          uuid not null references agency (id),
    -- The caseworker the case is taken from (set again at acceptance, if it was reassigned meanwhile).
    from_caseworker_id    uuid not null references app_user (id),
    requested_by          uuid not null references app_user (id),
    requested_at          timestamptz not null,
    reason                text not null,
    needs                 text not null,
    consent_given         boolean not null,
    best_interest_reason  text,
    status                text not null default 'requested'
                              check (status in ('requested', 'accepted', 'declined', 'withdrawn')),
    decided_at            timestamptz,
    decided_by            uuid references app_user (id),
    decision_reason       text,
    to_caseworker_id      uuid references app_user (id),
    -- What the sending agency had recorded when the case left it (registration and form records),
    -- the only part it may still read afterwards, for the SOP's transfer_sender_read_days.
    sender_file           jsonb,
    check (from_agency_id <> to_agency_id),
    check (consent_given or best_interest_reason is not null),
    check ((status = 'requested') = (decided_at is null)),
    check ((status = 'accepted') = (to_caseworker_id is not null))
);
-- Only one open transfer per case.
create unique index case_transfer_open on case_transfer (case_id) where status = 'requested';
create index case_transfer_case on case_transfer (case_id, requested_at desc);
create index case_transfer_to on case_transfer (to_agency_id, status, requested_at desc);
create index case_transfer_from on case_transfer (from_agency_id, status, requested_at desc);
