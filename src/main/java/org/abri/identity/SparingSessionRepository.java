package org.abri.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * The sessions kept in PostgreSQL, with their last use written at most once a minute.
 *
 * <p>Spring Session sets a session's last access time on every request that reads it, so every
 * page ended with an UPDATE and a durable commit: 3 to 9 ms a page in the benchmark (bench/README.md),
 * on a disk that fsyncs. Expiry counts in minutes (30 by default), so a last use known to the minute
 * is enough: a request less than {@link #PRECISION} after the stored last use leaves it as it is,
 * and everything else a request changes (an attribute, a new id at sign-in, the timeout) is written
 * as before. The cost: a session may end up to a minute before its timeout counted from the very
 * last request.
 */
final class SparingSessionRepository implements FindByIndexNameSessionRepository<Session> {

    static final Duration PRECISION = Duration.ofMinutes(1);

    private final JdbcIndexedSessionRepository stored;

    SparingSessionRepository(JdbcIndexedSessionRepository stored) {
        this.stored = stored;
    }

    @Override
    public Session createSession() {
        return new SparingSession(stored.createSession());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void save(Session session) {
        // The repository only knows its own session type, which it does not make public.
        ((SessionRepository) stored).save(session instanceof SparingSession sparing ? sparing.stored : session);
    }

    @Override
    public Session findById(String id) {
        Session found = stored.findById(id);
        return found == null ? null : new SparingSession(found);
    }

    @Override
    public void deleteById(String id) {
        stored.deleteById(id);
    }

    @Override
    public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        return new LinkedHashMap<>(stored.findByIndexNameAndIndexValue(indexName, indexValue));
    }

    /** Deletes the rows of sessions that have expired (a job of {@link OpenSessions}). */
    void cleanUpExpiredSessions() {
        stored.cleanUpExpiredSessions();
    }

    /** A stored session whose last use moves only when it is at least {@link #PRECISION} newer. */
    static final class SparingSession implements Session {

        private final Session stored;

        SparingSession(Session stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            Instant known = stored.getLastAccessedTime();
            if (known == null || lastAccessedTime.isBefore(known)
                    || Duration.between(known, lastAccessedTime).compareTo(PRECISION) >= 0) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }

    /**
     * Puts the sparing repository in place of the one Spring Boot configures, which stays as it is
     * configured (table, timeout, serialisation): the session filter and {@link OpenSessions} then
     * use it.
     */
    @Component
    static class InPlaceOfTheJdbcRepository implements SmartInstantiationAwareBeanPostProcessor {

        /** Says so before the repository is made, so that it is found by this type. */
        @Override
        public Class<?> predictBeanType(Class<?> beanClass, String beanName) {
            return JdbcIndexedSessionRepository.class.isAssignableFrom(beanClass) ? SparingSessionRepository.class : null;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof JdbcIndexedSessionRepository jdbc ? new SparingSessionRepository(jdbc) : bean;
        }
    }
}
