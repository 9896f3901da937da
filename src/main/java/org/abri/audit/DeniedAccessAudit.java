package org.abri.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.abri.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Audits a refusal on a case-bound route: when a page or an API call about a case (its id in
 * the path, or the id of one of its records, referrals, transfers or case discussions) answers
 * 403 or 404 to a signed-in user and the case exists, an {@code access_denied} line is written
 * on the case, with the route (its pattern, not the address typed), the status and the case id.
 * Never the child's data. A refusal for a case that does not exist leaves no line: there is no
 * case whose trail it would belong to.
 *
 * <p>It runs once the answer is decided, outside the request's transaction (which the refusal
 * rolled back), so the line is written in a transaction of its own.
 */
@Configuration(proxyBeanMethods = false)
class DeniedAccessAudit implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DeniedAccessAudit.class);

    private final AuditLog audit;
    private final JdbcClient jdbc;

    DeniedAccessAudit(AuditLog audit, JdbcClient jdbc) {
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        int status = response.getStatus();
        if ((status != 403 && status != 404) || !(handler instanceof HandlerMethod)
                || CurrentUser.inContext().isEmpty()) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(pattern instanceof String route) || !(variables instanceof Map<?, ?> vars)) {
            return;
        }
        try {
            caseOf(route, vars).ifPresent(target -> {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("route", request.getMethod() + " " + route);
                detail.put("status", status);
                detail.put(AuditLog.CASE_ID, target.caseId().toString());
                audit.record(AuditAction.ACCESS_DENIED, "child_case", target.caseId(), target.agencyId(), detail);
            });
        } catch (RuntimeException e) {
            // The refusal stands whatever happens here; a lost line is said loudly in the log.
            log.error("Could not audit a refused access to {} {}", request.getMethod(), route, e);
        }
    }

    private record Target(UUID caseId, UUID agencyId) {
    }

    /** The existing case a case-bound route is about, if any. */
    private Optional<Target> caseOf(String route, Map<?, ?> vars) {
        UUID caseId = uuid(vars.get("caseId"));
        if (caseId == null) {
            UUID recordId = uuid(vars.get("recordId"));
            UUID id = uuid(vars.get("id"));
            if (recordId != null) {
                caseId = caseIdOf("form_record", recordId);
            } else if (id != null) {
                String path = route.startsWith("/api/v1/") ? route.substring("/api/v1".length()) : route;
                if (path.startsWith("/cases/{id}")) {
                    caseId = id;
                } else if (path.startsWith("/referrals/{id}")) {
                    caseId = caseIdOf("referral", id);
                } else if (path.startsWith("/transfers/{id}")) {
                    caseId = caseIdOf("case_transfer", id);
                } else if (path.startsWith("/supervision/records/{id}")) {
                    caseId = caseIdOf("staff_record", id);
                }
            }
        }
        if (caseId == null) {
            return Optional.empty();
        }
        UUID found = caseId;
        return jdbc.sql("select agency_id from child_case where id = ?").param(found).query(UUID.class).optional()
                .map(agency -> new Target(found, agency));
    }

    /** The case of one of its records; the table name is one of the constants above, never input. */
    private UUID caseIdOf(String table, UUID id) {
        return jdbc.sql("select case_id from " + table + " where id = ? and case_id is not null").param(id).query(UUID.class).optional()
                .orElse(null);
    }

    private static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
