-- The service map (DOMAIN.md "Service sectors of the service map"): who offers which service,
-- where, to whom. Providers are either agencies on Abri (referrals reach their focal points in
-- the system) or organisations off the system (referrals are printed and followed by hand).

create table service_provider (
    id              uuid primary key,
    name            text not null,
    -- null: an organisation that does not use Abri.
    agency_id       uuid references agency (id),
    contact_person  text,
    phone           text,
    email           text,
    address         text,
    active          boolean not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    updated_by      uuid references app_user (id),
    version         integer not null default 0
);
create index service_provider_agency on service_provider (agency_id);

create table service (
    id                uuid primary key,
    provider_id       uuid not null references service_provider (id),
    -- A code of the lookup list service_sector.
    sector            text not null,
    name              text not null,
    description       text,
    contact_person    text,
    phone             text,
    email             text,
    hours             text,
    -- Eligibility. Null bounds and empty arrays mean "anyone".
    age_min           smallint check (age_min between 0 and 25),
    age_max           smallint check (age_max between 0 and 25),
    sexes             text[] not null default '{}',
    concerns          text[] not null default '{}',
    eligibility_notes text,
    languages         text,
    cost              text,
    -- The person reminded to verify the entry, and who receives its referrals first.
    focal_point_id    uuid references app_user (id),
    last_verified_on  date not null,
    last_verified_by  uuid references app_user (id),
    active            boolean not null default true,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    updated_by        uuid references app_user (id),
    version           integer not null default 0,
    check (age_min is null or age_max is null or age_min <= age_max)
);
create index service_provider_sector on service (sector, active);
create index service_provider_of on service (provider_id);
create index service_concerns on service using gin (concerns);

-- The places a service covers; a place covers everything under it in the hierarchy.
create table service_location (
    service_id   uuid not null references service (id) on delete cascade,
    location_id  uuid not null references location (id),
    primary key (service_id, location_id)
);
create index service_location_location on service_location (location_id);
