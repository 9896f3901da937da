package org.abri.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.abri.cases.CaseRegistry;
import org.abri.cases.ChildCase;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The optional e-mail, sent to an SMTP server running in the test (GreenMail): each unread
 * notification goes once to its user's address, in their language, with the case number and a
 * link and nothing of the child; users without an address and read notifications get none.
 */
class NotificationMailerTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Notifications notifications;
    @Autowired
    CaseRegistry registry;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageSource messages;
    @Autowired
    JavaMailSender applicationSender;
    @Autowired
    NotificationMailer applicationMailer;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    org.abri.platform.ScheduledJobs jobs;

    private GreenMail smtp;
    private NotificationMailer mailer;

    @BeforeEach
    void smtpServer() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        mailer = new NotificationMailer(jdbc, notifications, messages, sender,
                new MailSettings(true, "abri@example.org", "https://abri.example.org/", null), transactions, jobs);
    }

    @AfterEach
    void stopSmtpServer() {
        smtp.stop();
    }

    @Test
    void eachUnreadNotificationIsEmailedOnceInItsUsersLanguageWithoutTheChildsData() throws Exception {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        ChildCase child = registry.register(fixtures.signIn(caseworker), fixtures.child("Zénabou", "Ouédraogo-Mail"));
        SecurityContextHolder.clearContext();
        UserAccount arabic = withAddress(fixtures.userSpeaking("ar", agency, Role.SUPERVISOR), "sup-ar@example.org");
        UserAccount french = withAddress(fixtures.user(agency, Role.CASEWORKER), "cw-fr@example.org");
        UserAccount readEverything = withAddress(fixtures.user(agency, Role.CASEWORKER), "reader@example.org");
        UserAccount noAddress = fixtures.user(agency, Role.CASEWORKER);
        Map<String, Object> arguments = Map.of("caseNumber", child.caseNumber(), "by", "Awa Superviseure");
        notifications.notify(arabic.id(), "plan_submitted", child.id(), "/cases/" + child.id(), arguments);
        notifications.notifyAll(List.of(french.id(), readEverything.id(), noAddress.id()), "plan_returned", child.id(),
                null, arguments);
        notifications.markAllRead(fixtures.signIn(readEverything));

        assertThat(mailer.sendPending()).isGreaterThanOrEqualTo(2);

        MimeMessage toArabic = only(smtp.getReceivedMessages(), "sup-ar@example.org");
        String arabicText = "قدّم Awa Superviseure خطة الحالة " + child.caseNumber() + " لموافقتك.";
        assertThat(toArabic.getSubject()).isEqualTo("Abri: " + arabicText);
        assertThat(toArabic.getFrom()[0].toString()).isEqualTo("abri@example.org");
        String arabicBody = (String) toArabic.getContent();
        assertThat(arabicBody).contains(arabicText, "https://abri.example.org/cases/" + child.id(),
                "لا تحتوي هذه الرسالة على أي بيانات شخصية");

        MimeMessage toFrench = only(smtp.getReceivedMessages(), "cw-fr@example.org");
        assertThat(toFrench.getSubject()).isEqualTo("Abri : Plan d'intervention du cas " + child.caseNumber()
                + " renvoyé par Awa Superviseure pour être revu.");
        assertThat((String) toFrench.getContent()).contains("https://abri.example.org/notifications",
                "aucune donnée personnelle");

        for (MimeMessage message : smtp.getReceivedMessages()) {
            String all = message.getSubject() + message.getContent();
            assertThat(all).doesNotContain("Zénabou", "Ouédraogo", "Tante test");
        }
        assertThat(recipients(smtp.getReceivedMessages())).doesNotContain("reader@example.org");
        assertThat(emailed(arabic)).isTrue();
        assertThat(emailed(noAddress)).as("no address, nothing sent, nothing marked").isFalse();

        int before = smtp.getReceivedMessages().length;
        mailer.sendPending();
        assertThat(smtp.getReceivedMessages()).as("never twice").hasSize(before);
    }

    @Test
    void anUnreachableServerLeavesTheNotificationForTheNextRound() {
        UserAccount user = withAddress(fixtures.user(fixtures.agency(), Role.CASEWORKER), "later@example.org");
        notifications.notify(user.id(), "post_closure_review_due", null, null, Map.of("caseNumber", "TST-2026-00001"));
        smtp.stop();

        mailer.sendPending();
        assertThat(emailed(user)).isFalse();

        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        new NotificationMailer(jdbc, notifications, messages, sender,
                new MailSettings(true, "abri@example.org", "", null), transactions, jobs).sendPending();
        assertThat(recipients(smtp.getReceivedMessages())).contains("later@example.org");
        assertThat(emailed(user)).isTrue();
    }

    @Test
    void eMailIsOffByDefaultAndNeedsASenderAddressWhenOn() {
        UserAccount user = withAddress(fixtures.user(fixtures.agency(), Role.CASEWORKER), "off@example.org");
        notifications.notify(user.id(), "step_overdue", null, null, Map.of("caseNumber", "TST-2026-00002"));
        applicationMailer.sendOnSchedule();
        assertThat(emailed(user)).as("the application's own mailer is off in the default configuration").isFalse();
        assertThatThrownBy(() -> new NotificationMailer(jdbc, notifications, messages, applicationSender,
                new MailSettings(true, " ", "", null), transactions, jobs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ABRI_MAIL_FROM");
    }

    private UserAccount withAddress(UserAccount user, String email) {
        jdbc.sql("update app_user set email = ? where id = ?").params(email, user.id()).update();
        return user;
    }

    private boolean emailed(UserAccount user) {
        return jdbc.sql("select bool_and(emailed_at is not null) from notification where user_id = ?")
                .param(user.id()).query(Boolean.class).single();
    }

    private static MimeMessage only(MimeMessage[] messages, String recipient) {
        List<MimeMessage> matching = Arrays.stream(messages).filter(m -> recipients(new MimeMessage[] {m})
                .contains(recipient)).toList();
        assertThat(matching).as("e-mails to " + recipient).hasSize(1);
        return matching.get(0);
    }

    private static List<String> recipients(MimeMessage[] messages) {
        return Arrays.stream(messages).flatMap(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
