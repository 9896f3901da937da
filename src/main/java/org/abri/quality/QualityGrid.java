package org.abri.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.FieldChecks;
import org.abri.platform.FirstStartData;
import org.abri.platform.NotFoundException;
import org.abri.platform.StaleRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The improvement grid of this deployment. At first start (no domain yet) the shipped grid is
 * loaded; afterwards it is left alone, as its wording may have been adapted. Only the wording of
 * an item changes, by a system administrator or a coordinator, and every change is audited.
 */
@Service
@Order(60)
public class QualityGrid implements ApplicationRunner {

    static final String RECORD_TYPE = "quality_item";
    static final int MAX_LENGTH = 2000;
    private static final Logger log = LoggerFactory.getLogger(QualityGrid.class);

    /** A domain or one of its parts, as the deployment has it. */
    public record DomainRow(String code, int number, String letter, int position, GridText title) {
    }

    /** An item, as the deployment words it. */
    public record Item(UUID id, String code, String domainCode, QualityLevel level, int position, GridText text,
            int version) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final FirstStartData firstStart;

    QualityGrid(JdbcClient jdbc, JsonMapper json, AuditLog audit, FirstStartData firstStart) {
        this.firstStart = firstStart;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        firstStart.takeTurn();
        if (jdbc.sql("select count(*) from quality_domain").query(Long.class).single() > 0) {
            return;
        }
        ShippedGrid grid = ShippedGrid.read(json);
        int position = 0;
        int items = 0;
        for (ShippedGrid.Domain domain : grid.domains()) {
            insertDomain(String.valueOf(domain.number()), domain.number(), null, position += 10, domain.title());
            for (ShippedGrid.Part part : domain.parts()) {
                if (part.letter() != null) {
                    insertDomain(part.code(), domain.number(), part.letter(), position += 10, part.title());
                }
                for (QualityLevel level : QualityLevel.values()) {
                    int at = 0;
                    for (GridText text : part.items(level)) {
                        at++;
                        jdbc.sql("""
                                insert into quality_item (id, code, domain_code, level, position, text_fr, text_en,
                                                          text_ar, grid_version)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                                .params(UUID.randomUUID(), part.code() + "-" + level.number() + "-" + at, part.code(),
                                        level.name(), at, text.fr(), text.en(), text.ar(), grid.version())
                                .update();
                        items++;
                    }
                }
            }
        }
        log.info("Improvement grid version {} loaded: {} domains, {} items", grid.version(), grid.domains().size(),
                items);
    }

    private void insertDomain(String code, int number, String letter, int position, GridText title) {
        jdbc.sql("""
                insert into quality_domain (code, number, letter, position, title_fr, title_en, title_ar)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(code, number, letter, position, title.fr(), title.en(), title.ar()).update();
    }

    /** Domains and parts in the grid's order. */
    public List<DomainRow> domains() {
        return jdbc.sql("select code, number, letter, position, title_fr, title_en, title_ar from quality_domain"
                + " order by position")
                .query((rs, n) -> new DomainRow(rs.getString("code"), rs.getInt("number"), rs.getString("letter"),
                        rs.getInt("position"), new GridText(rs.getString("title_fr"), rs.getString("title_en"),
                                rs.getString("title_ar"))))
                .list();
    }

    /** Orders the items of alias {@code i} by level, lowest first. */
    static final String LEVEL_ORDER =
            "array_position(array['IMPROVEMENT_NEEDED', 'MINIMUM_THRESHOLD', 'GOOD_PRACTICE'], i.level)";

    private static final String ITEMS = """
            select i.id, i.code, i.domain_code, i.level, i.position, i.text_fr, i.text_en, i.text_ar, i.version
            from quality_item i join quality_domain d on d.code = i.domain_code""";

    /** Every item, by domain, level and position. */
    public List<Item> items() {
        return jdbc.sql(ITEMS + " order by d.position, " + LEVEL_ORDER + ", i.position").query((rs, n) -> item(rs))
                .list();
    }

    public Optional<Item> item(UUID id) {
        return jdbc.sql(ITEMS + " where i.id = ?").param(id).query((rs, n) -> item(rs)).optional();
    }

    /** The items of each domain or part, keyed by its code, in order. */
    public Map<String, List<Item>> itemsByDomain() {
        Map<String, List<Item>> byDomain = new LinkedHashMap<>();
        domains().forEach(d -> byDomain.put(d.code(), new ArrayList<>()));
        items().forEach(i -> byDomain.get(i.domainCode()).add(i));
        return byDomain;
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Item(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("domain_code"),
                QualityLevel.valueOf(rs.getString("level")), rs.getInt("position"),
                new GridText(rs.getString("text_fr"), rs.getString("text_en"), rs.getString("text_ar")),
                rs.getInt("version"));
    }

    public static boolean maySetWording(CurrentUser user) {
        return user != null && user.hasAny(Role.SYSTEM_ADMIN, Role.COORDINATOR);
    }

    /** New wording of an item in the three languages; the structure stays. */
    @Transactional
    public Item reword(CurrentUser me, UUID id, GridText text, int version) {
        if (!maySetWording(me)) {
            throw new AccessDeniedException("system administrators and coordinators only");
        }
        Item before = item(id).orElseThrow(() -> new NotFoundException("quality.item_not_found"));
        FieldChecks checks = new FieldChecks().text("fr", text.fr(), true, MAX_LENGTH)
                .text("en", text.en(), true, MAX_LENGTH).text("ar", text.ar(), true, MAX_LENGTH);
        checks.throwIfAny();
        int changed = jdbc.sql("""
                update quality_item set text_fr = ?, text_en = ?, text_ar = ?, version = version + 1,
                       updated_at = now(), updated_by = ?
                where id = ? and version = ?""")
                .params(text.fr().strip(), text.en().strip(), text.ar().strip(), me.id(), id, version).update();
        if (changed == 0) {
            throw new StaleRecordException("quality.changed_meanwhile");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", before.code());
        detail.put("before", Map.of("fr", before.text().fr(), "en", before.text().en(), "ar", before.text().ar()));
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, null, detail);
        return item(id).orElseThrow();
    }
}
