package org.abri.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The agencies of the deployment. Only the system administrator changes them. */
@Service
public class Agencies {

    private final JdbcClient jdbc;

    Agencies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every signed-in user may know which agencies share the deployment. */
    public List<Agency> all() {
        return jdbc.sql("select id, code, name, kind, active from agency order by name")
                .query(Agency.class).list();
    }

    public Optional<Agency> find(UUID id) {
        return jdbc.sql("select id, code, name, kind, active from agency where id = ?")
                .param(id).query(Agency.class).optional();
    }

    public Agency get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("agency.not_found"));
    }

    @Transactional
    public Agency create(CurrentUser actor, String code, String name, String kind) {
        actor.require(Role.SYSTEM_ADMIN);
        String normalisedCode = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!normalisedCode.matches("[A-Z0-9]{2,10}")) {
            throw new RuleViolationException("agency.code_invalid");
        }
        checkName(name);
        checkKind(kind);
        if (jdbc.sql("select count(*) from agency where code = ?").param(normalisedCode).query(Long.class).single() > 0) {
            throw new RuleViolationException("agency.code_taken", normalisedCode);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into agency (id, code, name, kind, demo) values (?, ?, ?, ?, false)")
                .params(id, normalisedCode, name.strip(), kind).update();
        return get(id);
    }

    /** For the demo loader, which runs before anyone signs in. */
    @Transactional
    public Agency createForDemo(String code, String name, String kind) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into agency (id, code, name, kind, demo) values (?, ?, ?, ?, true)")
                .params(id, code, name, kind).update();
        return get(id);
    }

    /** How many agencies are demo data ({@code demo}) or real data: for the demo loader's checks. */
    public long countByDemoFlag(boolean demo) {
        return jdbc.sql("select count(*) from agency where demo = ?").param(demo).query(Long.class).single();
    }

    @Transactional
    public Agency update(CurrentUser actor, UUID id, String name, String kind, boolean active) {
        actor.require(Role.SYSTEM_ADMIN);
        checkName(name);
        checkKind(kind);
        int updated = jdbc.sql("update agency set name = ?, kind = ?, active = ? where id = ?")
                .params(name.strip(), kind, active, id).update();
        if (updated == 0) {
            throw new NotFoundException("agency.not_found");
        }
        return get(id);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new RuleViolationException("agency.name_invalid");
        }
    }

    private static void checkKind(String kind) {
        if (!Agency.KINDS.contains(kind)) {
            throw new RuleViolationException("agency.kind_invalid");
        }
    }
}
