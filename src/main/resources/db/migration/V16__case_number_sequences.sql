-- Case numbers from one sequence per agency and year instead of a counter row. The counter row
-- was locked from the registration's first statement to its commit, so registrations in one
-- agency ran one after the other (the benchmark measured about 100 per second at best); a
-- sequence hands out numbers without holding anything. A registration that fails leaves a gap
-- in the numbers, which is harmless: numbers are references, not counts.
--
-- The first time an agency registers in a year, its sequence starts after the counter's last
-- value (counters written by earlier versions, imports or the benchmark's generator).
create function abri_next_case_number(agency uuid, year integer) returns bigint
language plpgsql as $$
declare
    name text := 'case_number_' || replace(agency::text, '-', '') || '_' || year;
    start bigint;
begin
    if to_regclass(name) is null then
        select coalesce(max(last_value), 0) + 1 into start
        from case_number_counter c where c.agency_id = agency and c.year = abri_next_case_number.year;
        begin
            execute format('create sequence %I start with %s', name, start);
        exception when duplicate_table or unique_violation then
            -- Another registration created it meanwhile.
            null;
        end;
    end if;
    return nextval(name);
end;
$$;
