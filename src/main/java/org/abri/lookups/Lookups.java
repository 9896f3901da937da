package org.abri.lookups;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editable lists a deployment adapts to its context: protection concerns, displacement
 * status, caregiver relationships, nationalities. A value in use is deactivated, never deleted.
 */
@Service
public class Lookups {

    public static final String PROTECTION_CONCERN = "protection_concern";
    public static final String DISPLACEMENT_STATUS = "displacement_status";
    public static final String CAREGIVER_RELATIONSHIP = "caregiver_relationship";
    public static final String NATIONALITY = "nationality";
    /** The lists registration relies on; administrators add others (closure reasons…). */
    public static final List<String> LISTS =
            List.of(PROTECTION_CONCERN, DISPLACEMENT_STATUS, CAREGIVER_RELATIONSHIP, NATIONALITY);

    private static final String SELECT =
            "select list_name, code, label_fr, label_en, label_ar, sort_order, active from lookup_value";

    private final JdbcClient jdbc;

    Lookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every list of the deployment, in order. */
    public List<LookupList> lists() {
        return jdbc.sql("select name, label_fr, label_en, label_ar, sort_order from lookup_list order by sort_order, name")
                .query(LookupList.class).list();
    }

    public Optional<LookupList> list(String name) {
        return jdbc.sql("select name, label_fr, label_en, label_ar, sort_order from lookup_list where name = ?")
                .param(name).query(LookupList.class).optional();
    }

    public boolean listExists(String name) {
        return name != null && jdbc.sql("select exists (select 1 from lookup_list where name = ?)").param(name)
                .query(Boolean.class).single();
    }

    /** True when the code is an active value of the list (e.g. to check a submitted choice). */
    public boolean isActive(String listName, String code) {
        return jdbc.sql("select exists (select 1 from lookup_value where list_name = ? and code = ? and active)")
                .params(listName, code).query(Boolean.class).single();
    }

    /** A new list, e.g. for a select field an administrator adds to a form. */
    @Transactional
    public LookupList createList(CurrentUser actor, LookupList list) {
        actor.require(Role.SYSTEM_ADMIN);
        saveList(list);
        return list(list.name()).orElseThrow();
    }

    /** Creates or renames a list; for configuration bundles and shipped forms too. */
    @Transactional
    public void saveList(LookupList list) {
        if (list.name() == null || !list.name().matches("[a-z][a-z0-9_]{0,59}")) {
            throw new RuleViolationException("lookup.list_name_invalid");
        }
        if (blank(list.labelFr()) || blank(list.labelEn()) || blank(list.labelAr())) {
            throw new RuleViolationException("lookup.labels_required");
        }
        jdbc.sql("""
                insert into lookup_list (name, label_fr, label_en, label_ar, sort_order) values (?, ?, ?, ?, ?)
                on conflict (name) do update set label_fr = excluded.label_fr, label_en = excluded.label_en,
                    label_ar = excluded.label_ar, sort_order = excluded.sort_order""")
                .params(list.name(), list.labelFr().strip(), list.labelEn().strip(), list.labelAr().strip(),
                        list.sortOrder())
                .update();
    }

    /** The active values of a list, in their order, for a form. */
    public List<LookupValue> active(String listName) {
        return jdbc.sql(SELECT + " where list_name = ? and active order by sort_order, code")
                .param(listName).query(LookupValue.class).list();
    }

    public List<LookupValue> all(String listName) {
        return jdbc.sql(SELECT + " where list_name = ? order by sort_order, code")
                .param(listName).query(LookupValue.class).list();
    }

    public Optional<LookupValue> find(String listName, String code) {
        return jdbc.sql(SELECT + " where list_name = ? and code = ?").params(listName, code)
                .query(LookupValue.class).optional();
    }

    /** The label of a stored code; a code that left the list still shows, as itself. */
    public String label(String listName, String code, Locale locale) {
        if (code == null) {
            return "";
        }
        return find(listName, code).map(value -> value.label(locale)).orElse(code);
    }

    /** True when every code is an active value of the list. */
    public boolean allActive(String listName, java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return true;
        }
        Long found = jdbc.sql("select count(*) from lookup_value where list_name = ? and active and code = any(?)")
                .params(listName, codes.toArray(String[]::new)).query(Long.class).single();
        return found == codes.stream().distinct().count();
    }

    @Transactional
    public LookupValue save(CurrentUser actor, LookupValue value) {
        actor.require(Role.SYSTEM_ADMIN);
        saveValue(value);
        return find(value.listName(), value.code()).orElseThrow();
    }

    /** Creates or changes a value; for configuration bundles and shipped forms too. */
    @Transactional
    public void saveValue(LookupValue value) {
        if (!listExists(value.listName())) {
            throw new NotFoundException("lookup.list_not_found");
        }
        if (value.code() == null || !value.code().matches("[a-z0-9_]{1,40}")) {
            throw new RuleViolationException("lookup.code_invalid");
        }
        if (blank(value.labelFr()) || blank(value.labelEn()) || blank(value.labelAr())) {
            throw new RuleViolationException("lookup.labels_required");
        }
        jdbc.sql("""
                insert into lookup_value (list_name, code, label_fr, label_en, label_ar, sort_order, active)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (list_name, code) do update set label_fr = excluded.label_fr, label_en = excluded.label_en,
                    label_ar = excluded.label_ar, sort_order = excluded.sort_order, active = excluded.active""")
                .params(value.listName(), value.code(), value.labelFr().strip(), value.labelEn().strip(),
                        value.labelAr().strip(), value.sortOrder(), value.active())
                .update();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
