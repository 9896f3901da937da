package org.abri.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.abri.cases.CaseRegistry;
import org.abri.cases.ChildCase;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.NotFoundException;
import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The notification centre end to end: a notification raises the header badge, shows on the
 * notifications page in the reader's language, opens its link, and is marked read; nobody else
 * can see or clear it; the API does the same; and no child's name can ever be stored.
 */
class NotificationsTest extends IntegrationTest {

    static final List<String> SHIPPED_KINDS = List.of("urgent_action_opened", "plan_submitted", "plan_approved",
            "plan_returned", "closure_requested", "closure_approved", "closure_returned", "step_overdue",
            "case_reassigned", "post_closure_review_due",
            // Transfers to another agency (org.abri.transfers).
            "transfer_requested", "transfer_requested_supervisor", "transfer_without_consent", "transfer_accepted",
            "transfer_declined", "transfer_withdrawn", "transfer_assigned");
    /** Kinds that concern no case (e.g. a stale entry of the service map): their text names it with {1}. */
    static final List<String> KINDS_WITHOUT_CASE = List.of("service_stale");
    /**
     * Kinds about a staff account, not a case (a role that reads cases given to someone): {0} is the
     * account's username, {1} who gave it, {2} the roles. No child is named.
     */
    static final List<String> KINDS_ABOUT_AN_ACCOUNT = List.of("case_reading_role_granted");

    @Autowired
    Fixtures fixtures;
    @Autowired
    Notifications notifications;
    @Autowired
    CaseRegistry registry;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private Agency agency;
    private UserAccount caseworker;
    private ChildCase child;

    @BeforeEach
    void aCaseOfACaseworker() {
        agency = fixtures.agency();
        caseworker = fixtures.user(agency, Role.CASEWORKER);
        child = registry.register(fixtures.signIn(caseworker), fixtures.child("Zénabou", "Ouédraogo-Notif"));
        SecurityContextHolder.clearContext();
    }

    @Test
    void aNotificationRaisesTheBadgeShowsOnThePageAndIsMarkedRead() {
        notify(caseworker, "plan_returned");
        WebSession browser = signedIn(caseworker);

        String home = HtmlUtils.htmlUnescape(browser.get("/").body());
        assertThat(badge(home)).isEqualTo("1");
        assertThat(home).contains("aria-label=\"Notifications, 1 non lue\"", "href=\"/notifications\"");

        String page = HtmlUtils.htmlUnescape(browser.get("/notifications").body());
        assertThat(page).contains("Plan d'intervention du cas " + child.caseNumber()
                + " renvoyé par Awa Superviseure pour être revu.", "class=\"notification card unread\"");
        assertThat(page).doesNotContain("Zénabou", "Ouédraogo");

        UUID id = onlyNotificationOf(caseworker);
        HttpResponse<String> marked = browser.post("/notifications/" + id + "/read", Map.of());
        assertThat(marked.statusCode()).isEqualTo(302);
        assertThat(marked.headers().firstValue("Location")).get().asString().endsWith("/notifications");
        assertThat(notifications.unreadCount(caseworker.id())).isZero();
        String after = HtmlUtils.htmlUnescape(browser.get("/notifications").body());
        assertThat(badge(after)).isEqualTo("0");
        assertThat(after).contains("Notification marquée comme lue.").doesNotContain("notification card unread");
    }

    @Test
    void theTextFollowsTheReadersLanguage() {
        UserAccount english = fixtures.userSpeaking("en", agency, Role.SUPERVISOR);
        UserAccount arabic = fixtures.userSpeaking("ar", agency, Role.SUPERVISOR);
        notifications.notifyAll(List.of(english.id(), arabic.id(), english.id()), "closure_requested", child.id(),
                "/cases/" + child.id(), Map.of("caseNumber", child.caseNumber(), "by", "Awa Superviseure"));

        assertThat(HtmlUtils.htmlUnescape(signedIn(english).get("/notifications").body())).contains(
                "Closure of case " + child.caseNumber() + " requested by Awa Superviseure: your approval is awaited.",
                "Notifications, 1 unread");
        String arabicPage = HtmlUtils.htmlUnescape(signedIn(arabic).get("/notifications").body());
        assertThat(arabicPage).contains("طلب Awa Superviseure إغلاق الحالة " + child.caseNumber()
                + ": موافقتك مطلوبة.", "dir=\"rtl\"", "الإشعارات، 1 غير مقروء");
        assertThat(notifications.unreadCount(english.id())).as("a user listed twice is told once").isEqualTo(1);
    }

    @Test
    void openingANotificationMarksItReadAndFollowsItsLinkAndAllCanBeMarkedRead() {
        notify(caseworker, "case_reassigned");
        notify(caseworker, "urgent_action_opened");
        WebSession browser = signedIn(caseworker);
        String page = browser.get("/notifications").body();
        assertThat(badge(page)).isEqualTo("2");
        // Newest first.
        assertThat(page.indexOf("Action urgente ouverte")).isLessThan(page.indexOf("vous a été attribué"));

        UUID first = jdbc.sql("select id from notification where user_id = ? and kind = 'case_reassigned'")
                .param(caseworker.id()).query(UUID.class).single();
        HttpResponse<String> opened = browser.post("/notifications/" + first + "/open", Map.of());
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location")).get().asString().endsWith("/cases/" + child.id());
        assertThat(notifications.unreadCount(caseworker.id())).isEqualTo(1);

        browser.get("/notifications");
        assertThat(browser.post("/notifications/read-all", Map.of()).statusCode()).isEqualTo(302);
        assertThat(notifications.unreadCount(caseworker.id())).isZero();
        String cleared = browser.get("/notifications").body();
        assertThat(cleared).contains("Toutes vos notifications sont marquées comme lues.")
                .doesNotContain("id=\"mark-all-read\"");
    }

    @Test
    void nobodySeesOrClearsSomeoneElsesNotification() {
        notify(caseworker, "step_overdue");
        UUID id = onlyNotificationOf(caseworker);
        UserAccount colleague = fixtures.user(agency, Role.SUPERVISOR);
        UserAccount stranger = fixtures.user(fixtures.agency(), Role.AGENCY_ADMIN);

        for (UserAccount other : List.of(colleague, stranger)) {
            WebSession browser = signedIn(other);
            String page = browser.get("/notifications").body();
            assertThat(page).contains("id=\"no-notifications\"").doesNotContain(child.caseNumber());
            assertThat(badge(page)).isEqualTo("0");
            assertThat(browser.post("/notifications/" + id + "/read", Map.of()).statusCode()).isEqualTo(404);
            assertThat(browser.post("/notifications/" + id + "/open", Map.of()).statusCode()).isEqualTo(404);
            browser.get("/notifications");
            browser.post("/notifications/read-all", Map.of());
            assertThatThrownBy(() -> notifications.getOwn(fixtures.signIn(other), id))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(notifications.unreadCount(caseworker.id())).isEqualTo(1);
    }

    @Test
    void anAnonymousVisitorIsSentToSignIn() {
        WebSession anonymous = new WebSession(port);
        HttpResponse<String> page = anonymous.get("/notifications");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).get().asString().endsWith("/login");
        assertThat(anonymous.get("/login").body()).doesNotContain("notification-badge");
        assertThat(new ApiClient(port).get("/api/v1/me/notifications").status()).isEqualTo(401);
    }

    @Test
    void theApiListsOwnNotificationsInTheCallersLanguageAndMarksThemRead() {
        notify(caseworker, "plan_approved");
        UUID id = onlyNotificationOf(caseworker);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker)).language("en");

        JsonNode list = api.get("/api/v1/me/notifications").json();
        assertThat(list.path("total").asLong()).isEqualTo(1);
        JsonNode item = list.path("items").get(0);
        assertThat(item.path("id").asString()).isEqualTo(id.toString());
        assertThat(item.path("message").asString())
                .isEqualTo("Case plan of " + child.caseNumber() + " approved by Awa Superviseure.");
        assertThat(item.path("link").asString()).isEqualTo("/cases/" + child.id());
        assertThat(item.path("arguments").propertyNames()).containsExactlyInAnyOrder("caseNumber", "by", "step");
        assertThat(item.path("unread").asBoolean()).isTrue();

        String strangerToken = fixtures.token(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        var refused = new ApiClient(port).as(strangerToken).post("/api/v1/me/notifications/" + id + "/read", null);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("notification.not_found");
        assertThat(api.post("/api/v1/me/notifications/" + id + "/read", null).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me/notifications").json().path("items").get(0).path("unread").asBoolean())
                .isFalse();
        assertThat(api.get("/api/v1/me/notifications?size=0").fieldCodes()).containsEntry("size", "validation.range");
    }

    @Test
    void aNotificationLandsOnlyWithTheTransactionThatToldOfIt() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            notify(caseworker, "closure_approved");
            status.setRollbackOnly();
        });
        assertThat(notifications.unreadCount(caseworker.id())).isZero();
    }

    @Test
    void noChildsNameOrOutsideLinkCanBeStored() {
        assertThatThrownBy(() -> notifications.notify(caseworker.id(), "plan_returned", child.id(), null,
                Map.of("caseNumber", child.caseNumber(), "childName", "Zénabou Ouédraogo-Notif")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("childName");
        assertThatThrownBy(() -> notifications.notify(caseworker.id(), "plan_returned", child.id(), null,
                Map.of("caseNumber", Map.of("name", "Zénabou")))).isInstanceOf(IllegalArgumentException.class);
        for (String outside : List.of("https://example.org/x", "//example.org/x", "/\\example.org", "cases/1")) {
            assertThatThrownBy(() -> notifications.notify(caseworker.id(), "plan_returned", child.id(), outside,
                    Map.of("caseNumber", child.caseNumber()))).as(outside).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> notifications.notify(caseworker.id(), "Plan Returned", null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.sql("select count(*) from notification where user_id = ?").param(caseworker.id())
                .query(Long.class).single()).isZero();
        assertThat(Notifications.ARGUMENTS).containsExactly("caseNumber", "by", "step");
    }

    @Test
    void everyShippedKindHasATextInEveryLanguageThatUsesOnlyTheCaseNumberAStaffMemberAndAStep() throws IOException {
        Pattern placeholder = Pattern.compile("\\{([^,}]*)");
        for (String language : List.of("", "_en", "_ar")) {
            Properties bundle = new Properties();
            try (Reader reader = Files.newBufferedReader(
                    Path.of("src/main/resources/i18n/notifications" + language + ".properties"), StandardCharsets.UTF_8)) {
                bundle.load(reader);
            }
            for (String kind : SHIPPED_KINDS) {
                assertThat(bundle.getProperty(Notifications.messageKey(kind))).as(kind + language).contains("{0}");
            }
            for (String kind : KINDS_WITHOUT_CASE) {
                assertThat(bundle.getProperty(Notifications.messageKey(kind))).as(kind + language).contains("{1}")
                        .doesNotContain("{0}");
            }
            for (String kind : KINDS_ABOUT_AN_ACCOUNT) {
                assertThat(bundle.getProperty(Notifications.messageKey(kind))).as(kind + language)
                        .contains("{0}", "{1}", "{2}");
            }
            for (String key : bundle.stringPropertyNames()) {
                if (key.startsWith("notification.")) {
                    Matcher matcher = placeholder.matcher(bundle.getProperty(key));
                    while (matcher.find()) {
                        assertThat(matcher.group(1)).as(key + language).isIn("0", "1", "2");
                    }
                }
            }
            assertThat(bundle.stringPropertyNames().stream().filter(k -> k.startsWith("notification."))
                    .map(k -> k.substring("notification.".length())).toList())
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.of(SHIPPED_KINDS, KINDS_WITHOUT_CASE,
                            KINDS_ABOUT_AN_ACCOUNT).flatMap(List::stream).toList());
        }
    }

    private void notify(UserAccount user, String kind) {
        notifications.notify(user.id(), kind, child.id(), "/cases/" + child.id(),
                Map.of("caseNumber", child.caseNumber(), "by", "Awa Superviseure", "step", "Évaluation initiale"));
    }

    private UUID onlyNotificationOf(UserAccount user) {
        return jdbc.sql("select id from notification where user_id = ?").param(user.id()).query(UUID.class).single();
    }

    /** The count shown by the header badge, or null without a badge. */
    private static String badge(String page) {
        Matcher matcher = Pattern.compile("id=\"notification-badge\"[^>]*>.*?<span class=\"count\">(\\d+)</span>",
                Pattern.DOTALL).matcher(page);
        return matcher.find() ? matcher.group(1) : null;
    }
}
