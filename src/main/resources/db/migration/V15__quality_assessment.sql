-- Quality self-assessments on the improvement grid (docs/quality.md): an agency (or, with no
-- agency, the coordination group at interagency level) ticks the items met over a period, with
-- an evidence note or documents, and plans improvements followed up in its next assessment.

create table quality_assessment (
    id            uuid primary key,
    -- Null: the interagency assessment of the coordination group.
    agency_id     uuid references agency (id),
    period_from   date not null,
    period_to     date not null,
    status        text not null default 'in_progress' check (status in ('in_progress', 'completed')),
    -- The agency lets the coordination group see its profile (levels per domain only).
    shared        boolean not null default false,
    started_at    timestamptz not null,
    started_by    uuid not null references app_user (id),
    completed_at  timestamptz,
    completed_by  uuid references app_user (id),
    -- The figures measured from Abri's data, frozen when the assessment is completed.
    evidence      jsonb,
    version       integer not null default 0,
    check (period_from <= period_to),
    check ((status = 'completed') = (completed_at is not null))
);
create index quality_assessment_agency on quality_assessment (agency_id, started_at desc);
-- One assessment in progress at a time for an agency, and one for the coordination group.
create unique index quality_assessment_one_open
    on quality_assessment (coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid))
    where status = 'in_progress';

create table quality_answer (
    assessment_id uuid not null references quality_assessment (id),
    item_id       uuid not null references quality_item (id),
    met           boolean not null default false,
    note          text,
    updated_at    timestamptz not null,
    updated_by    uuid not null references app_user (id),
    primary key (assessment_id, item_id)
);

-- A document given as evidence for an item (policy, SOP, training record...).
create table quality_document (
    id            uuid primary key,
    assessment_id uuid not null references quality_assessment (id),
    item_id       uuid not null references quality_item (id),
    file_name     text not null,
    content_type  text not null,
    size_bytes    integer not null check (size_bytes > 0),
    content       bytea not null,
    uploaded_at   timestamptz not null,
    uploaded_by   uuid not null references app_user (id)
);
create index quality_document_item on quality_document (assessment_id, item_id);

-- The improvement plan: an action for an unmet item of a domain's next level, with an owner and
-- a date; its outcome is recorded in the agency's next assessment.
create table quality_action (
    id               uuid primary key,
    assessment_id    uuid not null references quality_assessment (id),
    item_id          uuid not null references quality_item (id),
    action           text not null check (length(trim(action)) > 0),
    owner            text not null check (length(trim(owner)) > 0),
    due_on           date not null,
    outcome          text check (outcome in ('done', 'in_progress', 'not_done')),
    outcome_note     text,
    followed_up_in   uuid references quality_assessment (id),
    followed_up_at   timestamptz,
    followed_up_by   uuid references app_user (id),
    created_at       timestamptz not null,
    created_by       uuid not null references app_user (id),
    check ((outcome is null) = (followed_up_in is null))
);
create index quality_action_assessment on quality_action (assessment_id);
