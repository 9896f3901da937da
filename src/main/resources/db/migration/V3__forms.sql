-- Configurable forms. A definition is never changed in place: each change is a new version,
-- and a saved record names the version it was filled with, so old records stay readable.

create table lookup_list (
    name        text primary key check (name ~ '^[a-z][a-z0-9_]{0,59}$'),
    label_fr    text not null,
    label_en    text not null,
    label_ar    text not null,
    sort_order  integer not null default 0
);

insert into lookup_list (name, label_fr, label_en, label_ar, sort_order) values
    ('protection_concern', 'Préoccupations de protection', 'Protection concerns', 'مخاوف الحماية', 10),
    ('displacement_status', 'Statuts de déplacement', 'Displacement statuses', 'أوضاع النزوح', 20),
    ('caregiver_relationship', 'Liens avec la personne qui prend soin', 'Relationships to the caregiver', 'صلات القرابة بمقدم الرعاية', 30),
    ('nationality', 'Nationalités', 'Nationalities', 'الجنسيات', 40);

alter table lookup_value add constraint lookup_value_list foreign key (list_name) references lookup_list (name);

create table form_definition (
    form_id     text not null check (form_id ~ '^[a-z][a-z0-9_]{0,59}$'),
    version     integer not null check (version > 0),
    definition  jsonb not null,
    source      text not null check (source in ('shipped', 'administrator', 'import')),
    created_at  timestamptz not null default now(),
    created_by  uuid references app_user (id),
    primary key (form_id, version)
);

-- The version in use of each form, and the order forms are offered in.
create table form (
    form_id          text primary key,
    current_version  integer not null,
    sort_order       integer not null default 0,
    foreign key (form_id, current_version) references form_definition (form_id, version)
);

-- One filled form of a case (an assessment, a follow-up visit…), values under field ids.
create table form_record (
    id            uuid primary key,
    case_id       uuid not null references child_case (id),
    form_id       text not null,
    form_version  integer not null,
    data          jsonb not null default '{}'::jsonb,
    version       integer not null default 0,
    created_at    timestamptz not null default now(),
    created_by    uuid not null references app_user (id),
    updated_at    timestamptz not null default now(),
    updated_by    uuid not null references app_user (id),
    foreign key (form_id, form_version) references form_definition (form_id, version)
);

create index form_record_case on form_record (case_id, form_id, created_at desc);

-- Registration fields an administrator adds live here; the core identity fields stay columns.
alter table child_case add column form_data jsonb not null default '{}'::jsonb;
alter table child_case add column form_version integer;
