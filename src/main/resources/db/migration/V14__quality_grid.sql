-- Quality: the improvement grid (DOMAIN.md "Quality: the improvement grid"; docs/quality.md).
-- Loaded at first start from the shipped src/main/resources/quality/improvement-grid.json.
-- The structure (domain, part, level, item) is fixed; the wording in each language may be
-- adapted by a deployment (a system administrator or a coordinator), audited.

-- A domain (volet, letter null) or one of its parts (2a-2f, 5a-5d). Items hang on the row that
-- holds them: '1', '2' (its general items), '2a' ... The row of domain 5 holds only its title.
create table quality_domain (
    code        text primary key check (code ~ '^[1-8][a-z]?$'),
    number      integer not null check (number between 1 and 8),
    letter      text check (letter ~ '^[a-z]$'),
    position    integer not null unique,
    title_fr    text not null,
    title_en    text not null,
    title_ar    text not null,
    unique (number, letter)
);

create table quality_item (
    id           uuid primary key,
    -- Stable name of the item: domain code, level number (1 improvement needed, 2 minimum threshold,
    -- 3 good practice) and position, e.g. 2a-2-3.
    code         text not null unique,
    domain_code  text not null references quality_domain (code),
    level        text not null check (level in ('IMPROVEMENT_NEEDED', 'MINIMUM_THRESHOLD', 'GOOD_PRACTICE')),
    position     integer not null check (position > 0),
    text_fr      text not null check (length(trim(text_fr)) > 0),
    text_en      text not null check (length(trim(text_en)) > 0),
    text_ar      text not null check (length(trim(text_ar)) > 0),
    -- Version of the shipped grid the item came from.
    grid_version integer not null,
    version      integer not null default 0,
    updated_at   timestamptz not null default now(),
    -- Null while the wording is as shipped.
    updated_by   uuid references app_user (id),
    unique (domain_code, level, position)
);

-- The structure is kept whatever the application does: only the wording of an item changes.
create function quality_item_keep_structure() returns trigger as $$
begin
    if new.id <> old.id or new.code <> old.code or new.domain_code <> old.domain_code
            or new.level <> old.level or new.position <> old.position then
        raise exception 'the structure of the improvement grid cannot change';
    end if;
    return new;
end;
$$ language plpgsql;

create trigger quality_item_structure before update on quality_item
    for each row execute function quality_item_keep_structure();
