-- Supervision and coaching (DOMAIN.md "Supervision and coaching"): records about a staff member
-- or a team, each a form of the forms engine whose definition says "subject": "staff".

create table staff_record (
    id            uuid primary key,
    agency_id     uuid not null references agency (id),
    -- The staff member the record is about; null for a record about the team (a team meeting).
    subject_id    uuid references app_user (id),
    -- The case it concerns, for a case discussion or a case file checklist.
    case_id       uuid references child_case (id),
    form_id       text not null,
    form_version  integer not null,
    -- When it took place, and how: in person, phone or video (remote supervision).
    held_on       date not null,
    mode          text check (mode in ('in_person', 'phone', 'video')),
    data          jsonb not null default '{}'::jsonb,
    version       integer not null default 0,
    created_at    timestamptz not null default now(),
    created_by    uuid not null references app_user (id),
    updated_at    timestamptz not null default now(),
    updated_by    uuid not null references app_user (id),
    foreign key (form_id, form_version) references form_definition (form_id, version)
);
create index staff_record_subject on staff_record (subject_id, form_id, held_on desc);
create index staff_record_author on staff_record (created_by, held_on desc);
create index staff_record_case on staff_record (case_id) where case_id is not null;

-- Action points agreed in supervision: they land in their owner's task list until done.
create table supervision_action (
    id          uuid primary key,
    record_id   uuid not null references staff_record (id) on delete cascade,
    owner_id    uuid not null references app_user (id),
    action      text not null,
    due_on      date,
    done_at     timestamptz,
    done_by     uuid references app_user (id)
);
create index supervision_action_owner on supervision_action (owner_id) where done_at is null;

-- The rhythm of supervision per caseworker: how often each kind of record is due.
create table supervision_schedule (
    caseworker_id  uuid not null references app_user (id),
    form_id        text not null,
    every          text not null,
    updated_at     timestamptz not null default now(),
    updated_by     uuid references app_user (id),
    primary key (caseworker_id, form_id)
);
