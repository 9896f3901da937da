-- Abri foundation: agencies, users and roles, locations, lookups, child cases, audit.

create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists fuzzystrmatch;

-- unaccent() is only STABLE (it reads a dictionary), which keeps it out of indexes and
-- generated columns. The dictionary never changes under us, so we pin it and declare the
-- wrapper IMMUTABLE, the documented way to index unaccented text.
create or replace function abri_normalize(value text) returns text
    language sql immutable parallel safe strict
as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- One phonetic code per word of a name (Double Metaphone), so "Mohamed" meets "Mouhammad".
create or replace function abri_phonetic_codes(value text) returns text[]
    language sql immutable parallel safe strict
as $$
    select coalesce(array_agg(distinct public.dmetaphone(word)) filter (where public.dmetaphone(word) <> ''), '{}')
    from regexp_split_to_table(abri_normalize(value), '[^[:alnum:]]+') as word
    where word <> ''
$$;

create table agency (
    id          uuid primary key,
    code        text not null unique check (code ~ '^[A-Z0-9]{2,10}$'),
    name        text not null,
    kind        text not null check (kind in ('ministry', 'un_agency', 'international_ngo', 'national_ngo', 'other')),
    active      boolean not null default true,
    demo        boolean not null default false,
    created_at  timestamptz not null default now()
);

create table app_user (
    id               uuid primary key,
    agency_id        uuid references agency (id),
    username         text not null unique check (username = lower(username)),
    full_name        text not null,
    email            text,
    password_hash    text not null,
    locale           text not null default 'fr' check (locale in ('fr', 'en', 'ar')),
    active           boolean not null default true,
    failed_sign_ins  integer not null default 0,
    locked_until     timestamptz,
    demo             boolean not null default false,
    created_at       timestamptz not null default now(),
    version          integer not null default 0
);
create index app_user_agency on app_user (agency_id);

create table user_role (
    user_id  uuid not null references app_user (id),
    role     text not null check (role in ('CASEWORKER', 'SUPERVISOR', 'DATA_ENTRY_CLERK', 'AGENCY_MANAGER',
                                           'SERVICE_FOCAL_POINT', 'AGENCY_ADMIN', 'COORDINATION_VIEWER', 'SYSTEM_ADMIN')),
    primary key (user_id, role)
);

-- Which caseworkers a supervisor supervises.
create table supervision (
    supervisor_id  uuid not null references app_user (id),
    caseworker_id  uuid not null references app_user (id),
    primary key (supervisor_id, caseworker_id),
    check (supervisor_id <> caseworker_id)
);
create index supervision_caseworker on supervision (caseworker_id);

-- Personal API tokens: only a SHA-256 of the secret is kept.
create table api_token (
    id            uuid primary key,
    user_id       uuid not null references app_user (id),
    name          text not null,
    token_hash    text not null unique,
    token_prefix  text not null,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_token_user on api_token (user_id);

-- Administrative hierarchy (e.g. prefecture > sub-prefecture > commune).
create table location (
    id         uuid primary key,
    parent_id  uuid references location (id),
    level      smallint not null check (level between 1 and 3),
    code       text not null unique,
    name       text not null,
    name_ar    text,
    active     boolean not null default true,
    demo       boolean not null default false,
    check ((level = 1) = (parent_id is null))
);
create index location_parent on location (parent_id);

-- Editable lists (protection concerns, displacement status, relationships…), translated.
create table lookup_value (
    list_name   text not null,
    code        text not null check (code ~ '^[a-z0-9_]+$'),
    label_fr    text not null,
    label_en    text not null,
    label_ar    text not null,
    sort_order  integer not null default 0,
    active      boolean not null default true,
    primary key (list_name, code)
);

-- The next human-friendly case number per agency and year.
create table case_number_counter (
    agency_id  uuid not null references agency (id),
    year       integer not null,
    last_value integer not null,
    primary key (agency_id, year)
);

create table child_case (
    id                      uuid primary key,
    case_number             text not null unique,
    agency_id               uuid not null references agency (id),
    caseworker_id           uuid not null references app_user (id),
    registered_by           uuid not null references app_user (id),
    status                  text not null default 'open' check (status in ('open', 'closed')),
    risk_level              text not null check (risk_level in ('high', 'medium', 'low')),
    -- Lists show the highest risk first.
    risk_rank               smallint generated always as
                                (case risk_level when 'high' then 0 when 'medium' then 1 else 2 end) stored,
    given_names             text not null,
    family_name             text not null,
    other_names             text,
    sex                     text not null check (sex in ('female', 'male', 'unknown')),
    date_of_birth           date,
    age_estimated           smallint check (age_estimated between 0 and 25),
    age_estimated_on        date,
    nationality             text,
    displacement_status     text,
    location_id             uuid references location (id),
    caregiver_name          text,
    caregiver_relationship  text,
    protection_concerns     text[] not null default '{}',
    -- Everything of the registration form that is not queried stays flexible.
    details                 jsonb not null default '{}',
    registered_at           timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    updated_by              uuid references app_user (id),
    version                 integer not null default 0,
    demo                    boolean not null default false,
    search_names            text generated always as
                                (abri_normalize(given_names || ' ' || family_name || ' ' || coalesce(other_names, ''))) stored,
    phonetic_codes          text[] generated always as
                                (abri_phonetic_codes(given_names || ' ' || family_name || ' ' || coalesce(other_names, ''))) stored,
    check (date_of_birth is not null or age_estimated is not null)
);
create index child_case_caseworker on child_case (caseworker_id, risk_rank, registered_at desc);
create index child_case_agency on child_case (agency_id, risk_rank, registered_at desc);
create index child_case_registered_by on child_case (registered_by);
create index child_case_location on child_case (location_id);
create index child_case_concerns on child_case using gin (protection_concerns);
create index child_case_names_trgm on child_case using gin (search_names gin_trgm_ops);
create index child_case_phonetic on child_case using gin (phonetic_codes);

-- The three consents of registration (DOMAIN.md step 1); information sharing comes with referrals.
create table case_consent (
    case_id    uuid not null references child_case (id),
    kind       text not null check (kind in ('case_management', 'data_collection', 'anonymous_data_sharing')),
    decision   text not null check (decision in ('given', 'refused')),
    method     text not null check (method in ('written', 'verbal', 'thumbprint')),
    given_by   text not null check (given_by in ('child', 'caregiver', 'both')),
    given_on   date not null,
    primary key (case_id, kind)
);

-- Append-only audit trail of every access to case data.
create table audit_entry (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    user_id         uuid,
    username        text,
    agency_id       uuid,
    action          text not null,
    record_type     text not null,
    record_id       uuid,
    -- The agency that owns the record, so that its administrators can read the trail.
    record_agency_id uuid,
    client_address  text,
    detail          jsonb not null default '{}'
);
create index audit_entry_record on audit_entry (record_type, record_id, occurred_at desc);
create index audit_entry_user on audit_entry (user_id, occurred_at desc);
create index audit_entry_agencies on audit_entry (record_agency_id, agency_id, occurred_at desc);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
