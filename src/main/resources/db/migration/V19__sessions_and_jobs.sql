-- Several application servers share one database: what one node must know of another lives here.

-- Browser sessions (Spring Session JDBC), so that any node serves any request and ending a session
-- on one node signs the user out on all. Spring Session's own initialiser is off: Flyway owns the
-- schema. Column names are the ones Spring Session's JdbcIndexedSessionRepository reads and writes;
-- times are epoch milliseconds, as it stores them.
create table spring_session (
    primary_id            char(36) not null primary key,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100)
);
create unique index spring_session_session_id on spring_session (session_id);
-- The clean-up of expired sessions, and "my open sessions" on the profile page.
create index spring_session_expiry_time on spring_session (expiry_time);
create index spring_session_principal_name on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null references spring_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    primary key (session_primary_id, attribute_name)
);

-- The last run of each scheduled job across all nodes (platform's ScheduledJobs): a node whose
-- schedule fires while another node ran the job within its period skips it.
create table job_run (
    name             text primary key,
    last_started_at  timestamptz not null,
    last_finished_at timestamptz,
    last_outcome     text check (last_outcome in ('success', 'failure'))
);
