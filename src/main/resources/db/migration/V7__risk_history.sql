-- The risk level of a case changes with each assessment, review or follow-up: kept with who,
-- when, from which form and why.
create table case_risk_change (
    id           bigserial primary key,
    case_id      uuid not null references child_case (id),
    from_level   text not null,
    to_level     text not null check (to_level in ('high', 'medium', 'low')),
    source_form  text not null,
    record_id    uuid references form_record (id),
    reason       text,
    changed_at   timestamptz not null default now(),
    changed_by   uuid references app_user (id)
);
create index case_risk_change_case on case_risk_change (case_id, changed_at desc);
