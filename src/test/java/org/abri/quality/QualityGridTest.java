package org.abri.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.StaleRecordException;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.json.JsonMapper;

/** The improvement grid is loaded at first start, whole; its wording changes, audited; its structure does not. */
class QualityGridTest extends IntegrationTest {

    @Autowired
    QualityGrid grid;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void theShippedGridIsLoadedAtFirstStartWithItsStructure() throws Exception {
        ShippedGrid shipped = ShippedGrid.read(json);
        List<QualityGrid.DomainRow> domains = grid.domains();
        assertThat(domains.stream().filter(d -> d.letter() == null)).extracting(QualityGrid.DomainRow::code)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(domains.stream().filter(d -> d.letter() != null)).extracting(QualityGrid.DomainRow::code)
                .containsExactly("2a", "2b", "2c", "2d", "2e", "2f", "5a", "5b", "5c", "5d");
        List<QualityGrid.Item> items = grid.items();
        assertThat(items).hasSize(135);
        for (QualityLevel level : QualityLevel.values()) {
            assertThat(items.stream().filter(i -> i.level() == level).count()).as(level.name())
                    .isEqualTo(shipped.count(level));
        }
        assertThat(grid.itemsByDomain().get("5")).isEmpty();
        assertThat(grid.itemsByDomain().get("2b")).extracting(QualityGrid.Item::code)
                .containsExactly("2b-1-1", "2b-2-1", "2b-3-1");
        // A second start leaves the grid alone.
        grid.run(null);
        assertThat(grid.items()).hasSize(135);
    }

    @Test
    void aCoordinatorRewordsAnItemAuditedAndACaseworkerCannot() {
        UserAccount coordinator = fixtures.deploymentUser(Role.COORDINATOR);
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        QualityGrid.Item item = grid.items().stream().filter(i -> i.code().equals("8-3-3")).findFirst().orElseThrow();

        WebSession pages = signedIn(coordinator);
        assertThat(pages.get("/admin/quality-grid").body()).contains("Seuil minimal", "id=\"item-8-3-3\"",
                "Mettre en place des mécanismes de feedback et de plainte en consultation");
        assertThat(pages.get("/admin/quality-grid/items/" + item.id()).statusCode()).isEqualTo(200);
        var saved = pages.post("/admin/quality-grid/items/" + item.id(), Map.of("fr", "Texte adapté",
                "en", "Adapted text", "ar", "نص معدل", "version", String.valueOf(item.version())));
        assertThat(saved.statusCode()).isEqualTo(302);
        QualityGrid.Item after = grid.item(item.id()).orElseThrow();
        assertThat(after.text()).isEqualTo(new GridText("Texte adapté", "Adapted text", "نص معدل"));
        assertThat(after.level()).isEqualTo(QualityLevel.GOOD_PRACTICE);
        assertThat(after.version()).isEqualTo(item.version() + 1);
        assertThat(jdbc.sql("select count(*) from audit_entry where record_type = 'quality_item' and record_id = ?"
                + " and action = 'update' and user_id = ?").params(item.id(), coordinator.id()).query(Long.class)
                .single()).isEqualTo(1);

        // The old version is refused, and the page says so.
        String stale = pages.post("/admin/quality-grid/items/" + item.id(), Map.of("fr", "Autre", "en", "Other",
                "ar", "آخر", "version", String.valueOf(item.version()))).body();
        assertThat(stale).contains("id=\"problem\"");
        // A blank language is refused.
        assertThat(pages.post("/admin/quality-grid/items/" + item.id(), Map.of("fr", "Autre", "en", " ",
                "ar", "آخر", "version", String.valueOf(after.version()))).body()).contains("id=\"problem\"");

        WebSession other = signedIn(caseworker);
        assertThat(other.get("/admin/quality-grid").statusCode()).isEqualTo(403);
        assertThat(other.get("/admin/quality-grid/items/" + item.id()).statusCode()).isEqualTo(403);

        // Back to the shipped wording, through the service.
        var me = fixtures.signIn(coordinator);
        assertThatThrownBy(() -> grid.reword(me, item.id(), item.text(), item.version()))
                .isInstanceOf(StaleRecordException.class);
        grid.reword(me, item.id(), item.text(), after.version());
        assertThat(grid.item(item.id()).orElseThrow().text()).isEqualTo(item.text());
        var notAllowed = fixtures.signIn(caseworker);
        assertThatThrownBy(() -> grid.reword(notAllowed, item.id(), item.text(), item.version() + 2))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theStructureCannotChangeEvenInTheDatabase() {
        assertThatThrownBy(() -> jdbc.sql("update quality_item set level = 'GOOD_PRACTICE' where code = '1-1-1'")
                .update()).hasMessageContaining("structure");
    }
}
