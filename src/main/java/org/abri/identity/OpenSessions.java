package org.abri.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.abri.platform.ScheduledJobs;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's open browser sessions, kept in PostgreSQL by Spring Session so that every application
 * server sees the same ones: listed on the user's profile and ended from there (each end is
 * audited through {@link SessionsEnded}), and ended all at once when the account is deactivated.
 * A session is named on the page by a digest of its id, never by the id, which is a credential.
 */
@Component
class OpenSessions {

    /** Recorded at sign-in, shown to the session's owner only. */
    static final String CLIENT_ADDRESS = "abri.clientAddress";
    static final String BROWSER = "abri.browser";

    private final SparingSessionRepository repository;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ScheduledJobs jobs;
    private final Clock clock;

    OpenSessions(SparingSessionRepository repository, JdbcClient jdbc, ApplicationEventPublisher events,
            ScheduledJobs jobs, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.events = events;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** One open session as its owner sees it; times in the deployment's time zone. */
    record OpenSession(String handle, LocalDateTime startedAt, LocalDateTime lastUsedAt, String clientAddress,
            String browser, boolean current) {
    }

    /** Notes where the session was opened from, right after a sign-in through the form. */
    void remember(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(CLIENT_ADDRESS, request.getRemoteAddr());
            session.setAttribute(BROWSER, browserOf(request.getHeader("User-Agent")));
        }
    }

    /** The open sessions of this user (never anyone else's), the current one first, then the latest used. */
    List<OpenSession> of(CurrentUser me, String currentSessionId) {
        return ownSessions(me).entrySet().stream()
                .map(entry -> view(entry.getValue(), entry.getValue().getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(OpenSession::current).reversed()
                        .thenComparing(OpenSession::lastUsedAt, Comparator.reverseOrder()))
                .toList();
    }

    /** Ends one of this user's own sessions; false when it is not theirs or already ended. */
    @Transactional
    boolean end(CurrentUser me, String handle) {
        for (Session session : ownSessions(me).values()) {
            // Deleted here rather than through the repository (its own transaction) so that the end
            // and its audit line land together.
            if (handle(session.getId()).equals(handle) && jdbc.sql(
                    "delete from spring_session where session_id = ? and principal_name = ?")
                    .params(session.getId(), me.getUsername()).update() > 0) {
                events.publishEvent(new SessionsEnded(me.id(), me.agencyId(), SessionsEnded.BY_OWNER, 1));
                return true;
            }
        }
        return false;
    }

    /** Ends every session of the user, in the caller's transaction (a deactivation). Answers how many. */
    @Transactional(propagation = Propagation.MANDATORY)
    int endAll(UserAccount account, String reason) {
        int ended = jdbc.sql("delete from spring_session where principal_name = ?").param(account.username()).update();
        if (ended > 0) {
            events.publishEvent(new SessionsEnded(account.id(), account.agencyId(), reason, ended));
        }
        return ended;
    }

    /** Ends every session of the user but one (the caller's own, or none when null), in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    int endAllExcept(UserAccount account, String keptSessionId, String reason) {
        int ended = keptSessionId == null
                ? jdbc.sql("delete from spring_session where principal_name = ?").param(account.username()).update()
                : jdbc.sql("delete from spring_session where principal_name = ? and session_id <> ?")
                        .params(account.username(), keptSessionId).update();
        if (ended > 0) {
            events.publishEvent(new SessionsEnded(account.id(), account.agencyId(), reason, ended));
        }
        return ended;
    }

    /**
     * Expired sessions are refused as soon as they expire; their rows are deleted every ten
     * minutes, by one server (Spring Session's own clean-up, every minute on every node, is off).
     */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void deleteExpired() {
        jobs.run("session-cleanup", Duration.ofMinutes(10), repository::cleanUpExpiredSessions);
    }

    private Map<String, ? extends Session> ownSessions(CurrentUser me) {
        Map<String, ? extends Session> found = repository.findByPrincipalName(me.getUsername());
        found.values().removeIf(Session::isExpired);
        return found;
    }

    private OpenSession view(Session session, boolean current) {
        return new OpenSession(handle(session.getId()),
                LocalDateTime.ofInstant(session.getCreationTime(), clock.getZone()),
                LocalDateTime.ofInstant(session.getLastAccessedTime(), clock.getZone()),
                session.getAttribute(CLIENT_ADDRESS), session.getAttribute(BROWSER), current);
    }

    static String handle(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * "Firefox · Android": enough for a person to recognise their own device, without keeping the
     * whole User-Agent (which would help tell people apart). Null when nothing is recognised.
     */
    static String browserOf(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        String browser = agent.contains("edg/") ? "Edge"
                : agent.contains("opr/") || agent.contains("opera") ? "Opera"
                : agent.contains("samsungbrowser") ? "Samsung Internet"
                : agent.contains("firefox/") || agent.contains("fxios") ? "Firefox"
                : agent.contains("chrome/") || agent.contains("chromium") || agent.contains("crios") ? "Chrome"
                : agent.contains("safari/") ? "Safari"
                : null;
        String system = agent.contains("android") ? "Android"
                : agent.contains("iphone") || agent.contains("ipad") ? "iOS"
                : agent.contains("windows") ? "Windows"
                : agent.contains("mac os") ? "macOS"
                : agent.contains("cros") ? "ChromeOS"
                : agent.contains("linux") ? "Linux"
                : null;
        if (browser == null && system == null) {
            return null;
        }
        return browser == null ? system : system == null ? browser : browser + " · " + system;
    }
}
