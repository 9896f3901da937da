-- SOP settings of referrals and transfers: how soon a referral must be answered, per urgency
-- (the referral's urgency uses the risk level scale); how many days the receiving agency may
-- still read the shared part after a referral is closed (0: not at all); how many days the
-- sending agency may still read what it recorded on a case it transferred (0: not at all).
insert into sop_setting (name, risk_level, value) values
    ('referral_response', 'high', 'PT24H'), ('referral_response', 'medium', 'P3D'), ('referral_response', 'low', 'P7D'),
    ('referral_read_days_after_close', 'any', '30'),
    ('transfer_sender_read_days', 'any', '90');

-- A referral: the only way a child's data crosses to another agency. It carries exactly the
-- parts of the case the caseworker ticked (shared_parts), on the basis of the consent to share
-- or of a recorded best-interest reason. A provider off Abri (to_agency_id null) gets a printed
-- form; its outcome is recorded by hand by the referring side.
create sequence referral_number;

create table referral (
    id                    uuid primary key,
    reference             text not null unique,
    case_id               uuid not null references child_case (id),
    from_agency_id        uuid not null references agency (id),
    referred_by           uuid not null references app_user (id),
    service_id            uuid not null references service (id),
    to_agency_id          uuid references agency (id),
    sector                text not null,
    urgency               text not null check (urgency in ('high', 'medium', 'low')),
    reason                text not null,
    plan_action           text,
    shared_parts          text[] not null,
    consent_basis         text not null check (consent_basis in ('consent', 'best_interest')),
    best_interest_reason  text,
    family_informed_at    timestamptz,
    status                text not null check (status in ('sent', 'seen', 'accepted', 'declined',
                              'information_requested', 'service_provided', 'closed', 'withdrawn')),
    sent_at               timestamptz not null,
    due_at                timestamptz not null,
    seen_at               timestamptz,
    answered_at           timestamptz,
    assigned_to           uuid references app_user (id),
    decline_reason        text,
    service_provided      text,
    service_provided_on   date,
    feedback              text,
    closed_at             timestamptz,
    withdrawn_at          timestamptz,
    overdue_notified_at   timestamptz,
    version               integer not null default 0,
    check (consent_basis = 'consent' or best_interest_reason is not null)
);
create index referral_case on referral (case_id, sent_at desc);
create index referral_to_agency on referral (to_agency_id, status, sent_at desc);
create index referral_from_agency on referral (from_agency_id, sent_at desc);
create index referral_assigned on referral (assigned_to) where assigned_to is not null;
create index referral_open_due on referral (due_at) where status in ('sent', 'seen');

-- What happened to a referral, with who did it and what they wrote (a question, an answer…).
create table referral_event (
    id               bigint generated always as identity primary key,
    referral_id      uuid not null references referral (id),
    occurred_at      timestamptz not null,
    actor_id         uuid references app_user (id),
    actor_agency_id  uuid references agency (id),
    kind             text not null,
    note             text,
    parts            text[]
);
create index referral_event_referral on referral_event (referral_id, occurred_at);

-- The minimum shared by default for each kind of service (the caseworker may tick more or less).
create table referral_sharing_default (
    sector      text primary key,
    parts       text[] not null,
    updated_at  timestamptz not null default now(),
    updated_by  uuid references app_user (id)
);
insert into referral_sharing_default (sector, parts) values
    ('health', '{identity,concerns}'),
    ('legal_aid', '{identity,concerns}'),
    ('education', '{identity}'),
    ('mhpss', '{identity,concerns}'),
    ('security_police', '{identity,concerns}'),
    ('interim_care', '{identity,concerns,caregiver,location}'),
    ('ngo_services', '{identity}'),
    ('community_mechanisms', '{identity}'),
    ('basic_needs', '{identity,location}');
