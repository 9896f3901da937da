-- Case notes (issue 4, point 9). Notes are append-only: their author may correct one within
-- 24 hours of writing it (edited_at, optimistic version), nobody may delete one. A note
-- marked supervisor_only is shown only to its author and to the supervisors of the case's
-- caseworker (enforced in CaseNotes, in SQL).
create table case_note (
    id               uuid primary key,
    case_id          uuid not null references child_case (id),
    author_id        uuid not null references app_user (id),
    body             text not null check (length(body) between 1 and 10000),
    supervisor_only  boolean not null default false,
    created_at       timestamptz not null default now(),
    edited_at        timestamptz,
    version          integer not null default 0
);
create index case_note_case on case_note (case_id, created_at desc);
