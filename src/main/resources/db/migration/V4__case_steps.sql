-- The case management process: steps and their history, urgent actions, supervisor approvals
-- of plans and closures, and the deployment's SOP settings (deadlines per risk level).

alter table child_case add column step text not null default 'identification'
    check (step in ('identification', 'assessment', 'planning', 'implementation', 'closure_requested', 'closed',
                    'archived'));
alter table child_case add column step_since timestamptz not null default now();
alter table child_case add column closed_at timestamptz;
alter table child_case add column urgent boolean not null default false;

-- Closed cases are those closed or archived; the existing status column follows the step.
update child_case set step = 'closed', closed_at = updated_at where status = 'closed';

create index child_case_step on child_case (agency_id, step, urgent);

-- Every change of step, with who and why (the timeline and the audit trail read it).
create table case_transition (
    id          bigserial primary key,
    case_id     uuid not null references child_case (id),
    from_step   text,
    to_step     text not null,
    action      text not null,
    reason      text,
    occurred_at timestamptz not null,
    user_id     uuid references app_user (id)
);
create index case_transition_case on case_transition (case_id, occurred_at desc);

-- A threat to the child's life, safety or dignity: acted on first, documented, closed.
create table urgent_action (
    id                uuid primary key,
    case_id           uuid not null references child_case (id),
    threat            text not null,
    actions_taken     text not null,
    opened_at         timestamptz not null,
    opened_by         uuid not null references app_user (id),
    closed_at         timestamptz,
    closed_by         uuid references app_user (id),
    closing_note      text
);
create index urgent_action_case on urgent_action (case_id, opened_at desc);

-- A plan or a closure put to the supervisor. An approved plan keeps the plan as approved
-- (the record's values at that moment): approved plans are versioned.
create table case_approval (
    id              uuid primary key,
    case_id         uuid not null references child_case (id),
    kind            text not null check (kind in ('plan', 'closure')),
    record_id       uuid references form_record (id),
    record_version  integer,
    snapshot        jsonb,
    plan_version    integer,
    status          text not null check (status in ('submitted', 'approved', 'returned')),
    submitted_at    timestamptz not null,
    submitted_by    uuid not null references app_user (id),
    decided_at      timestamptz,
    decided_by      uuid references app_user (id),
    comment         text
);
create index case_approval_case on case_approval (case_id, submitted_at desc);
create index case_approval_pending on case_approval (status, submitted_at) where status = 'submitted';

-- SOP settings: how long each step may take, per risk level, and other standards.
create table sop_setting (
    name        text not null,
    risk_level  text not null check (risk_level in ('high', 'medium', 'low', 'any')),
    value       text not null,
    updated_at  timestamptz not null default now(),
    updated_by  uuid references app_user (id),
    primary key (name, risk_level)
);

insert into sop_setting (name, risk_level, value) values
    ('first_action', 'high', 'PT24H'), ('first_action', 'medium', 'P3D'), ('first_action', 'low', 'P7D'),
    ('initial_assessment', 'high', 'P3D'), ('initial_assessment', 'medium', 'P7D'), ('initial_assessment', 'low', 'P14D'),
    ('comprehensive_assessment', 'high', 'P14D'), ('comprehensive_assessment', 'medium', 'P30D'), ('comprehensive_assessment', 'low', 'P30D'),
    ('case_plan', 'high', 'P14D'), ('case_plan', 'medium', 'P30D'), ('case_plan', 'low', 'P45D'),
    ('follow_up', 'high', 'P7D'), ('follow_up', 'medium', 'P14D'), ('follow_up', 'low', 'P30D'),
    ('case_review', 'high', 'P30D'), ('case_review', 'medium', 'P60D'), ('case_review', 'low', 'P90D'),
    ('post_closure_review', 'any', 'P90D'),
    ('caseload_caseworker', 'any', '25'),
    ('caseload_supervisor', 'any', '6'),
    ('caseload_data_entry', 'any', '100');
