package org.abri.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.abri.platform.DatabaseFailures;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First of all filters, so that a database failure met anywhere — loading the session or the
 * signed-in user, before any controller — still gets the plain 503 page instead of the
 * container's bare error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final DatabaseUnavailablePage page;

    DatabaseUnavailableFilter(DatabaseUnavailablePage page) {
        this.page = page;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            Optional<DatabaseFailures.Cause> cause = DatabaseFailures.of(failure);
            if (cause.isEmpty()) {
                throw failure;
            }
            page.write(cause.get(), failure, request, response);
        }
    }
}
