package org.abri.notifications;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.platform.Languages;
import org.abri.platform.ScheduledJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends, when {@code abri.mail.enabled} is true, each unread notification not yet e-mailed to its
 * user if they have an e-mail address, in their language, then marks it {@code emailed_at}. The
 * e-mail holds the notification's text (case number, never a child's data) and a link, nothing
 * else. Rows are claimed with {@code for update skip locked}, so several servers never send one
 * twice; notifications older than two days are not e-mailed (no backlog when e-mail is turned on).
 * An unreachable SMTP server stops the round; what was not sent is tried again at the next one.
 */
@Component
class NotificationMailer {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final MessageSource messages;
    private final JavaMailSender sender;
    private final MailSettings settings;
    private final TransactionTemplate transaction;
    private final ScheduledJobs jobs;

    NotificationMailer(JdbcClient jdbc, Notifications notifications, MessageSource messages, JavaMailSender sender,
            MailSettings settings, PlatformTransactionManager transactions, ScheduledJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.messages = messages;
        this.sender = sender;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        if (settings.enabled() && settings.from().isEmpty()) {
            throw new IllegalStateException("ABRI_MAIL_FROM (abri.mail.from) is required when e-mail is enabled");
        }
    }

    /** A notification waiting for its e-mail, with what the e-mail needs of its user. */
    record Pending(UUID id, String kind, String link, Map<String, Object> arguments, String email, String locale) {
    }

    @Scheduled(initialDelayString = "${abri.mail.interval:PT1M}", fixedDelayString = "${abri.mail.interval:PT1M}")
    void sendOnSchedule() {
        if (settings.enabled()) {
            // On one server at a time (rows are claimed with skip locked besides); a failure is logged there.
            jobs.run("notification-mailer", settings.interval(), this::sendPending);
        }
    }

    /** Sends what is waiting; answers how many e-mails went out. */
    int sendPending() {
        int total = 0;
        while (true) {
            int[] round = transaction.execute(status -> sendBatch());
            total += round[0];
            if (round[1] < BATCH || round[0] == 0) {
                return total;
            }
        }
    }

    /** One batch in one transaction: {sent, claimed}. */
    private int[] sendBatch() {
        List<Pending> pending = jdbc.sql("""
                select n.id, n.kind, n.link, n.arguments::text as arguments, u.email, u.locale
                from notification n join app_user u on u.id = n.user_id
                where n.emailed_at is null and n.read_at is null and n.created_at > now() - interval '2 days'
                  and u.active and u.email is not null and u.email like '%_@_%'
                order by n.created_at
                limit ?
                for update of n skip locked""")
                .param(BATCH)
                .query((rs, row) -> new Pending(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getString("link"), notifications.readArguments(rs.getString("arguments")),
                        rs.getString("email"), rs.getString("locale")))
                .list();
        int sent = 0;
        for (Pending notification : pending) {
            try {
                sender.send(compose(notification));
                sent++;
            } catch (MailParseException | MailPreparationException unsendable) {
                // A malformed address will never work: give up on this one, not on the others.
                log.warn("Notification {} cannot be e-mailed: {}", notification.id(), unsendable.getMessage());
            } catch (MailException unreachable) {
                log.warn("SMTP server refused or unreachable, notification e-mails wait for the next round: {}",
                        unreachable.getMessage());
                return new int[] {sent, 0};
            }
            jdbc.sql("update notification set emailed_at = now() where id = ?").param(notification.id()).update();
        }
        return new int[] {sent, pending.size()};
    }

    /** The e-mail of one notification, in its user's language: its text and a link, nothing more. */
    SimpleMailMessage compose(Pending notification) {
        Locale locale = Languages.supported(notification.locale());
        String text = notifications.text(notification.kind(), notification.arguments(), locale);
        String path = notification.link() != null && Notifications.isInternalPath(notification.link())
                ? notification.link() : "/notifications";
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(settings.from());
        mail.setTo(notification.email());
        mail.setSubject(messages.getMessage("notifications.mail.subject", new Object[] {text}, locale));
        mail.setText(text + "\n\n" + settings.publicUrl() + path + "\n\n"
                + messages.getMessage("notifications.mail.footer", null, locale) + "\n");
        return mail;
    }
}
