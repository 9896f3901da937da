package org.abri.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.lookups.Lookups;
import org.abri.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forms of the deployment and all their versions. Reads go to the database each time
 * (a definition is a few kilobytes), so an administrator's change applies at once, on
 * every server, without a restart.
 */
@Service
public class FormCatalogue {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Lookups lookups;

    FormCatalogue(JdbcClient jdbc, FormJson json, Lookups lookups) {
        this.jdbc = jdbc;
        this.json = json.mapper;
        this.lookups = lookups;
    }

    /** The version in use of every form, in the order they are offered. */
    public List<FormDefinition> current() {
        return jdbc.sql("""
                select d.definition::text from form f
                join form_definition d on d.form_id = f.form_id and d.version = f.current_version
                order by f.sort_order, f.form_id""").query(String.class).list().stream().map(this::parse).toList();
    }

    public Optional<FormDefinition> current(String formId) {
        return jdbc.sql("""
                select d.definition::text from form f
                join form_definition d on d.form_id = f.form_id and d.version = f.current_version
                where f.form_id = ?""").param(formId).query(String.class).optional().map(this::parse);
    }

    public FormDefinition get(String formId) {
        return current(formId).orElseThrow(() -> new NotFoundException("form.not_found"));
    }

    /** The version a record was filled with (kept for ever, so old records stay readable). */
    public FormDefinition version(String formId, int version) {
        return jdbc.sql("select definition::text from form_definition where form_id = ? and version = ?")
                .params(formId, version).query(String.class).optional().map(this::parse)
                .orElseThrow(() -> new NotFoundException("form.not_found"));
    }

    /** Who changed a form and when, newest first. */
    public List<FormVersion> history(String formId) {
        return jdbc.sql("""
                select d.version, d.source, d.created_at, u.full_name as created_by_name
                from form_definition d left join app_user u on u.id = d.created_by
                where d.form_id = ? order by d.version desc""").param(formId).query(FormVersion.class).list();
    }

    public record FormVersion(int version, String source, java.time.Instant createdAt, String createdByName) {
    }

    /** The problems of a definition, without saving it (for previews). */
    public List<FormProblem> problemsOf(FormDefinition form) {
        return FormDefinitionCheck.problemsOf(form, lookups::listExists);
    }

    /**
     * Saves an administrator's change as the form's next version. A broken definition is
     * refused and the version in use stays; a field the application needs is never removed.
     */
    @Transactional
    public FormDefinition save(CurrentUser actor, FormDefinition changed, int expectedVersion) {
        actor.require(Role.SYSTEM_ADMIN);
        Optional<FormDefinition> previous = current(changed.id());
        if (previous.isPresent() && previous.get().version() != expectedVersion) {
            throw new org.abri.platform.StaleRecordException("form.changed_meanwhile");
        }
        return store(changed, previous.orElse(null), "administrator", actor.id());
    }

    /** Stores a definition as the next version (shipped files, imports, administrators' changes). */
    @Transactional
    FormDefinition store(FormDefinition changed, FormDefinition previous, String source, UUID by) {
        List<FormProblem> problems = new ArrayList<>(problemsOf(changed));
        if (previous != null) {
            problems.addAll(lockedFieldsKept(previous, changed));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFormDefinitionException(problems);
        }
        int version = previous == null ? 1 : previous.version() + 1;
        FormDefinition stored = changed.withVersion(version);
        jdbc.sql("""
                insert into form_definition (form_id, version, definition, source, created_by)
                values (?, ?, ?::jsonb, ?, ?)""")
                .params(stored.id(), version, json.writeValueAsString(stored), source, by).update();
        if (previous == null) {
            int order = jdbc.sql("select coalesce(max(sort_order), 0) + 10 from form").query(Integer.class).single();
            jdbc.sql("insert into form (form_id, current_version, sort_order) values (?, ?, ?)")
                    .params(stored.id(), version, order).update();
        } else {
            jdbc.sql("update form set current_version = ? where form_id = ?").params(version, stored.id()).update();
        }
        return stored;
    }

    /** Moves a form up or down in the order forms are offered. */
    @Transactional
    public void move(CurrentUser actor, String formId, int direction) {
        actor.require(Role.SYSTEM_ADMIN);
        List<String> order = new ArrayList<>(current().stream().map(FormDefinition::id).toList());
        int from = order.indexOf(formId);
        int to = from + Integer.signum(direction);
        if (from < 0) {
            throw new NotFoundException("form.not_found");
        }
        if (to < 0 || to >= order.size()) {
            return;
        }
        order.add(to, order.remove(from));
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("update form set sort_order = ? where form_id = ?").params((i + 1) * 10, order.get(i)).update();
        }
    }

    static List<FormProblem> lockedFieldsKept(FormDefinition previous, FormDefinition changed) {
        Map<String, FieldDefinition> now = changed.fieldsById();
        Set<String> lockedBefore = previous.fieldsById().values().stream().filter(FieldDefinition::locked)
                .map(FieldDefinition::id).collect(Collectors.toSet());
        List<FormProblem> problems = new ArrayList<>();
        for (String id : lockedBefore) {
            FieldDefinition field = now.get(id);
            if (field == null || !field.locked()) {
                problems.add(new FormProblem(changed.id() + "/" + id, "locked_removed", id));
            }
        }
        return problems;
    }

    FormDefinition parse(String text) {
        return json.readValue(text, FormDefinition.class);
    }

    String write(FormDefinition form) {
        return json.writeValueAsString(form);
    }
}
