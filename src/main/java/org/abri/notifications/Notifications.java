package org.abri.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.abri.identity.CurrentUser;
import org.abri.platform.NotFoundException;
import org.abri.platform.Page;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells users of what concerns them, and lets each read and clear their own notifications.
 *
 * <p>A kind is a free code (e.g. {@code plan_returned}) whose text is {@code notification.<kind>}
 * in the bundles, filled with the arguments in the order of {@link #ARGUMENTS}: {@code {0}} the
 * case number, {@code {1}} the staff member who acted, {@code {2}} a step. No other argument is
 * accepted, so that no child's name or personal data can reach a notification or an e-mail.
 */
@Service
public class Notifications {

    /** The only message arguments a notification may carry, in the order of {@code {0}, {1}, {2}}. */
    public static final List<String> ARGUMENTS = List.of("caseNumber", "by", "step");

    private static final Pattern KIND = Pattern.compile("[a-z0-9_]{1,60}");
    private static final int MAX_ARGUMENT_LENGTH = 200;
    private static final TypeReference<Map<String, Object>> ARGUMENT_MAP = new TypeReference<>() {
    };
    private static final String SELECT = """
            select id, user_id, kind, case_id, link, arguments::text as arguments, created_at, read_at
            from notification""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MessageSource messages;

    Notifications(JdbcClient jdbc, JsonMapper json, MessageSource messages) {
        this.jdbc = jdbc;
        this.json = json;
        this.messages = messages;
    }

    /** The bundle key of the text of a kind. */
    public static String messageKey(String kind) {
        return "notification." + kind;
    }

    /**
     * Notifies one user, in the caller's transaction (a notification lands only if the change it
     * tells of does). {@code link} is a path inside Abri such as {@code /cases/…}, or null.
     *
     * @throws IllegalArgumentException for a malformed kind or link, or an argument outside {@link #ARGUMENTS}
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void notify(UUID userId, String kind, UUID caseId, String link, Map<String, Object> arguments) {
        notifyAll(List.of(Objects.requireNonNull(userId, "userId")), kind, caseId, link, arguments);
    }

    /** Notifies each of these users once (duplicates and nulls are ignored), like {@link #notify}. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void notifyAll(Collection<UUID> userIds, String kind, UUID caseId, String link,
            Map<String, Object> arguments) {
        String argumentsJson = json.writeValueAsString(checked(kind, link, arguments));
        Set<UUID> recipients = new LinkedHashSet<>();
        userIds.stream().filter(Objects::nonNull).forEach(recipients::add);
        for (UUID userId : recipients) {
            // clock_timestamp(), not now(): several notifications of one transaction keep their order.
            jdbc.sql("""
                    insert into notification (id, user_id, kind, case_id, link, arguments, created_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, clock_timestamp())""")
                    .params(UUID.randomUUID(), userId, kind, caseId, link, argumentsJson)
                    .update();
        }
    }

    /** How many notifications this user has not read yet (the badge of the page header). */
    public long unreadCount(UUID userId) {
        return jdbc.sql("select count(*) from notification where user_id = ? and read_at is null")
                .param(userId).query(Long.class).single();
    }

    /** The caller's own notifications, newest first. */
    public Page<Notification> list(CurrentUser me, int page, int size) {
        int limit = Math.max(1, Math.min(size, 200));
        int number = Math.max(0, page);
        List<Notification> items = jdbc.sql(SELECT + " where user_id = ? order by created_at desc, id desc limit ? offset ?")
                .params(me.id(), limit, (long) number * limit).query(this::map).list();
        long total = jdbc.sql("select count(*) from notification where user_id = ?").param(me.id())
                .query(Long.class).single();
        return new Page<>(items, number, limit, total);
    }

    /** One of the caller's own notifications; someone else's answers 404, like one that does not exist. */
    public Notification getOwn(CurrentUser me, UUID id) {
        return jdbc.sql(SELECT + " where id = ? and user_id = ?").params(id, me.id()).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("notification.not_found"));
    }

    /** Marks one of the caller's notifications read (again is harmless); someone else's answers 404. */
    @Transactional
    public void markRead(CurrentUser me, UUID id) {
        int updated = jdbc.sql("update notification set read_at = coalesce(read_at, now()) where id = ? and user_id = ?")
                .params(id, me.id()).update();
        if (updated == 0) {
            throw new NotFoundException("notification.not_found");
        }
    }

    /** Marks every notification of the caller read. */
    @Transactional
    public void markAllRead(CurrentUser me) {
        jdbc.sql("update notification set read_at = now() where user_id = ? and read_at is null").param(me.id())
                .update();
    }

    /** The text of a notification in this language; an unknown kind shows its code. */
    public String text(Notification notification, Locale locale) {
        return text(notification.kind(), notification.arguments(), locale);
    }

    String text(String kind, Map<String, Object> arguments, Locale locale) {
        Object[] values = ARGUMENTS.stream().map(name -> arguments.getOrDefault(name, "")).toArray();
        // A step is stored as a code (e.g. follow_up) and worded in the reader's language, when it has words.
        int step = ARGUMENTS.indexOf("step");
        if (step >= 0 && values[step] instanceof String code && !code.isEmpty()) {
            values[step] = messages.getMessage("tasks.kind." + code, null, code, locale);
        }
        return messages.getMessage(messageKey(kind), values, kind, locale);
    }

    Map<String, Object> readArguments(String text) {
        return text == null ? Map.of() : json.readValue(text, ARGUMENT_MAP);
    }

    private static Map<String, Object> checked(String kind, String link, Map<String, Object> arguments) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("A notification kind is a code of a-z, 0-9 and _: " + kind);
        }
        if (link != null && !isInternalPath(link)) {
            throw new IllegalArgumentException("A notification link is a path inside Abri: " + link);
        }
        Map<String, Object> values = arguments == null ? Map.of() : arguments;
        for (Map.Entry<String, Object> argument : values.entrySet()) {
            if (!ARGUMENTS.contains(argument.getKey())) {
                // Never a child's name or any other personal data: only what the shipped texts use.
                throw new IllegalArgumentException("A notification argument is one of " + ARGUMENTS + ", not "
                        + argument.getKey());
            }
            Object value = argument.getValue();
            if (!(value instanceof String || value instanceof Number)
                    || String.valueOf(value).length() > MAX_ARGUMENT_LENGTH) {
                throw new IllegalArgumentException("A notification argument is a short text or a number: "
                        + argument.getKey());
            }
        }
        return values;
    }

    /** A path of this application: starts with one slash, never an address of another site. */
    static boolean isInternalPath(String link) {
        return link.length() > 1 && link.length() <= 500 && link.charAt(0) == '/' && link.charAt(1) != '/'
                && link.indexOf('\\') < 0 && link.chars().noneMatch(Character::isISOControl);
    }

    private Notification map(ResultSet rs, int row) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new Notification(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("kind"), rs.getObject("case_id", UUID.class), rs.getString("link"),
                readArguments(rs.getString("arguments")), rs.getTimestamp("created_at").toInstant(),
                readAt == null ? null : readAt.toInstant());
    }
}
