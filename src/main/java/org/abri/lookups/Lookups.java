package org.abri.lookups;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
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
    public static final List<String> LISTS =
            List.of(PROTECTION_CONCERN, DISPLACEMENT_STATUS, CAREGIVER_RELATIONSHIP, NATIONALITY);

    private static final String SELECT =
            "select list_name, code, label_fr, label_en, label_ar, sort_order, active from lookup_value";

    private final JdbcClient jdbc;

    Lookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        if (!actor.has(Role.SYSTEM_ADMIN)) {
            throw new AccessDeniedException("system administrator only");
        }
        if (!LISTS.contains(value.listName())) {
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
        return find(value.listName(), value.code()).orElseThrow();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
