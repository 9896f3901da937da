package org.abri.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.forms.FormCatalogue;
import org.abri.identity.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The timeline sources of the case file as it stands: registration, edits of the case, filled
 * and changed forms, notes. Each is a bean; see {@link TimelineSource} to add one.
 */
final class TimelineSources {

    private TimelineSources() {
    }

    /** The registration of the child: once per case. */
    @Component
    static class Registration implements TimelineSource {

        @Override
        public Query query(CurrentUser reader, UUID caseId) {
            return new Query("""
                    select c.registered_at, u.full_name, 'registered', 'timeline.registered', array[c.case_number],
                           '/cases/' || c.id, 'a:' || c.id
                    from child_case c join app_user u on u.id = c.registered_by where c.id = ?""", List.of(caseId));
        }
    }

    /**
     * Each saved edit of the case, from the audit trail (the only place every edit is kept):
     * who, when and which fields — their names, never their values.
     */
    @Component
    static class CaseEdits implements TimelineSource {

        private final RegistrationForm registrationForm;
        private final MessageSource messages;

        CaseEdits(RegistrationForm registrationForm, MessageSource messages) {
            this.registrationForm = registrationForm;
            this.messages = messages;
        }

        @Override
        public Query query(CurrentUser reader, UUID caseId) {
            return new Query("""
                    select a.occurred_at, coalesce(u.full_name, a.username), 'edited', 'timeline.edited',
                           array(select jsonb_array_elements_text(case jsonb_typeof(a.detail -> 'fields')
                                 when 'array' then a.detail -> 'fields' else '[]'::jsonb end)),
                           '/cases/' || a.record_id, 'b:' || a.id
                    from audit_entry a left join app_user u on u.id = a.user_id
                    where a.record_type = ? and a.action = 'update' and a.record_id = ?
                      and a.detail ->> 'transition' is null""",
                    List.of(CaseRegistry.RECORD_TYPE, caseId));
        }

        /** Field names become the labels the deployment gave them; the list becomes one argument. */
        @Override
        public TimelineEvent complete(TimelineEvent event, Locale locale) {
            Map<String, String> labels = RegistrationForm.labels(registrationForm.current(), locale);
            List<String> named = new ArrayList<>();
            for (String field : event.arguments()) {
                named.add(labels.getOrDefault(field,
                        messages.getMessage("cases.field." + field, null, field, locale)));
            }
            return event.withArguments(List.of(named.isEmpty() ? "—" : String.join(", ", named)));
        }
    }

    /** Forms filled in for the case, and each later change of one (from the audit trail). */
    @Component
    static class FilledForms implements TimelineSource {

        private final FormCatalogue catalogue;

        FilledForms(FormCatalogue catalogue) {
            this.catalogue = catalogue;
        }

        @Override
        public Query query(CurrentUser reader, UUID caseId) {
            return new Query("""
                    select r.created_at, u.full_name, 'form_filled', 'timeline.formFilled', array[r.form_id],
                           '/cases/' || r.case_id || '/records/' || r.id, 'c:' || r.id
                    from form_record r join app_user u on u.id = r.created_by where r.case_id = ?
                    union all
                    select a.occurred_at, coalesce(u.full_name, a.username), 'form_updated', 'timeline.formUpdated',
                           array[r.form_id], '/cases/' || r.case_id || '/records/' || r.id, 'd:' || a.id
                    from audit_entry a join form_record r on r.id = a.record_id left join app_user u on u.id = a.user_id
                    where a.record_type = ? and a.action = 'update' and r.case_id = ?""",
                    List.of(caseId, CaseRecords.RECORD_TYPE, caseId));
        }

        /** The form's id becomes its title in the reader's language. */
        @Override
        public TimelineEvent complete(TimelineEvent event, Locale locale) {
            String formId = event.arguments().isEmpty() ? "" : event.arguments().get(0);
            return event.withArguments(List.of(catalogue.current(formId).map(form -> form.title().in(locale))
                    .orElse(formId)));
        }
    }

    /** Notes added, only those the reader sees (never their text: the notes section shows it). */
    @Component
    static class Notes implements TimelineSource {

        @Override
        public Query query(CurrentUser reader, UUID caseId) {
            CaseAccess.Condition visible = CaseAccess.noteVisible(reader);
            List<Object> params = new ArrayList<>();
            params.add(caseId);
            params.addAll(visible.params());
            return new Query("""
                    select n.created_at, u.full_name,
                           case when n.supervisor_only then 'note_supervisor_only' else 'note' end,
                           case when n.supervisor_only then 'timeline.noteSupervisorOnly' else 'timeline.note' end,
                           array[]::text[], '/cases/' || n.case_id || '#note-' || n.id, 'e:' || n.id
                    from case_note n join child_case c on c.id = n.case_id join app_user u on u.id = n.author_id
                    where n.case_id = ? and """ + visible.sql(), params);
        }
    }

    /**
     * Each step of the process (a transition, a submission, a decision, an urgent action), with why:
     * the reason, the closing note or the supervisor's comment, as the case's history keeps it.
     */
    @Component
    static class Steps implements TimelineSource {

        private final MessageSource messages;

        Steps(MessageSource messages) {
            this.messages = messages;
        }

        @Override
        public Query query(CurrentUser reader, UUID caseId) {
            return new Query("""
                    select t.occurred_at, u.full_name, 'step',
                           case when t.reason is null then 'timeline.step' else 'timeline.stepReason' end,
                           array[t.action, coalesce(t.reason, '')],
                           '/cases/' || t.case_id, 'g:' || t.id
                    from case_transition t left join app_user u on u.id = t.user_id where t.case_id = ?""",
                    List.of(caseId));
        }

        @Override
        public TimelineEvent complete(TimelineEvent event, Locale locale) {
            List<String> arguments = new ArrayList<>(event.arguments());
            if (!arguments.isEmpty()) {
                arguments.set(0, messages.getMessage("workflow.action." + arguments.get(0), null, arguments.get(0), locale));
            }
            return event.withArguments(arguments);
        }
    }
}
