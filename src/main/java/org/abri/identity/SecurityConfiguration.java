package org.abri.identity;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.abri.platform.Languages;

/**
 * Deny by default. Two doors: the browser signs in with a form and a session cookie
 * (with CSRF protection); the API takes personal bearer tokens only, never the cookie,
 * so that no other site can make a signed-in browser call it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * The browsable API documentation (Swagger UI) sets inline styles while it renders, which the
     * strict policy blocks. Its pages alone may apply inline styles; scripts stay 'self' only,
     * and no page of the application itself is relaxed.
     */
    static final String API_DOCUMENTATION_CSP = CONTENT_SECURITY_POLICY.replace("style-src 'self';",
            "style-src 'self' 'unsafe-inline';");

    /** Spring Session's cookie (sessions live in PostgreSQL, see OpenSessions). */
    static final String SESSION_COOKIE = "SESSION";

    /**
     * The session cookie is marked Secure (ABRI_SECURE_COOKIE): Abri is served over HTTPS, so every
     * answer also carries Strict-Transport-Security, even when TLS ends at a proxy in front of Abri
     * (which Spring Security's default, HSTS on HTTPS requests only, would leave out).
     */
    private final boolean httpsOnly;

    SecurityConfiguration(org.springframework.core.env.Environment environment) {
        this.httpsOnly = environment.getProperty("server.servlet.session.cookie.secure", Boolean.class, false);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new LongPasswordEncoder(new BCryptPasswordEncoder(12));
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }

    /**
     * Actuator: the health probes are public and say only UP or DOWN (load balancers and
     * orchestrators call them); Prometheus metrics need the metrics token or the local management
     * port ({@link MetricsAccess}); nothing else of the actuator answers. No session, no cookie.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http, MetricsAccess metrics) throws Exception {
        http.securityMatcher("/actuator", "/actuator/**", "/livez", "/readyz")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/livez", "/readyz").permitAll()
                        .requestMatchers("/actuator/prometheus").access((authentication, context) ->
                                new AuthorizationDecision(metrics.allows(context.getRequest())))
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                    response.setStatus(401);
                }));
        strictHeaders(http);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, MessageSource messages) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterAfter(new ApiTokenAuthenticationFilter(tokens), SecurityContextHolderFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                writeJsonError(response, messages, request, 401, "auth.required"))
                        .accessDeniedHandler((request, response, e) ->
                                writeJsonError(response, messages, request, 403, "auth.forbidden")));
        strictHeaders(http);
        return http.build();
    }

    /** Swagger UI at /api-docs: public static pages (the API itself still needs a token). */
    @Bean
    @Order(2)
    SecurityFilterChain apiDocumentation(HttpSecurity http) throws Exception {
        http.securityMatcher("/swagger-ui/**", "/swagger-ui.html", "/api-docs")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        headers(http, API_DOCUMENTATION_CSP);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain web(HttpSecurity http, UserAccounts accounts, OpenSessions sessions, ThrottledSignIn signIn,
            ApplicationEventPublisher events) throws Exception {
        SessionExpiry expiry = new SessionExpiry();
        // As defaultSuccessUrl("/", false) would, after noting where the new session was opened from.
        SavedRequestAwareAuthenticationSuccessHandler onwards = new SavedRequestAwareAuthenticationSuccessHandler();
        onwards.setDefaultTargetUrl("/");
        org.springframework.security.web.savedrequest.HttpSessionRequestCache requestCache = savedPages();
        onwards.setRequestCache(requestCache);
        // The page asked for before signing in was saved as a full address, built from the Host header
        // the sender chose: go back to its path only.
        onwards.setRedirectStrategy((request, response, url) -> {
            java.net.URI target = java.net.URI.create(url);
            String path = target.isAbsolute()
                    ? target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                    : request.getContextPath() + url;
            // Never "//host/…", which a browser reads as another site.
            String local = "/" + path.replaceFirst("^/+", "");
            response.sendRedirect(response.encodeRedirectURL(local));
        });
        AuthenticationSuccessHandler signedIn = (request, response, authentication) -> {
            sessions.remember(request);
            // Signing in again from the "session expired" page, the htmx message or the idle warning:
            // back to the page named (a path on this site only, see ReturnPath).
            java.util.Optional<String> back = ReturnPath.of(request.getParameter(ReturnPath.PARAMETER));
            if (back.isPresent()) {
                requestCache.removeRequest(request, response);
                jakarta.servlet.http.HttpSession session = request.getSession(false);
                if (session != null) {
                    session.removeAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION);
                }
                response.sendRedirect(response.encodeRedirectURL(back.get()));
                return;
            }
            onwards.onAuthenticationSuccess(request, response, authentication);
        };
        // A mistyped password on the way back keeps the way back.
        org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler failed =
                new org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler("/login?error");
        org.springframework.security.web.authentication.AuthenticationFailureHandler refused = (request, response, e) -> {
            java.util.Optional<String> back = ReturnPath.of(request.getParameter(ReturnPath.PARAMETER));
            if (back.isEmpty()) {
                failed.onAuthenticationFailure(request, response, e);
                return;
            }
            request.getSession().setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION, e);
            response.sendRedirect(request.getContextPath() + "/login?error&" + ReturnPath.PARAMETER + "="
                    + java.net.URLEncoder.encode(back.get(), java.nio.charset.StandardCharsets.UTF_8));
        };
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error",
                                SessionExpiry.PAGE)
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").successHandler(signedIn)
                        .failureHandler(refused).permitAll())
                // Its own manager, with no parent to fall back on: a throttled or refused attempt is final.
                .authenticationManager(new org.springframework.security.authentication.ProviderManager(signIn))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
                                events.publishEvent(SecurityEvent.by(SecurityEvent.Kind.SIGN_OUT, user, user.id(),
                                        user.agencyId(), java.util.Map.of()));
                            }
                        })
                        .deleteCookies(SESSION_COOKIE))
                .addFilterAfter(new CurrentUserRefreshFilter(accounts), SecurityContextHolderFilter.class)
                .requestCache(cache -> cache.requestCache(requestCache))
                // A form sent after its session ended is not a role problem, and htmx gets a notice
                // (401) rather than the sign-in page to swap in: see SessionExpiry.
                .exceptionHandling(errors -> errors.authenticationEntryPoint(expiry).accessDeniedHandler(expiry))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        strictHeaders(http);
        return http.build();
    }

    /**
     * The pages worth going back to after signing in: a page asked for with GET, never an htmx
     * fragment (a page of its own would be a bare piece of one) nor a script's call.
     */
    private static org.springframework.security.web.savedrequest.HttpSessionRequestCache savedPages() {
        org.springframework.security.web.savedrequest.HttpSessionRequestCache cache =
                new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && !SessionExpiry.isHtmx(request)
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                && !request.getRequestURI().endsWith("/favicon.ico")
                && !request.getRequestURI().startsWith(request.getContextPath() + "/.well-known/"));
        return cache;
    }

    private void strictHeaders(HttpSecurity http) throws Exception {
        headers(http, CONTENT_SECURITY_POLICY);
    }

    private void headers(HttpSecurity http, String contentSecurityPolicy) throws Exception {
        if (httpsOnly) {
            http.headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts
                    .requestMatcher(org.springframework.security.web.util.matcher.AnyRequestMatcher.INSTANCE)
                    .maxAgeInSeconds(31_536_000).includeSubDomains(true)));
        }
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")));
    }

    private static void writeJsonError(HttpServletResponse response, MessageSource messages,
            HttpServletRequest request, int status, String code) throws IOException {
        Locale locale = Languages.fromAcceptLanguage(request.getHeader("Accept-Language")).orElse(Locale.FRENCH);
        String message = messages.getMessage("error." + code, null, code, locale);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"code\":\"" + code + "\",\"message\":\"" + jsonEscape(message) + "\"}");
    }

    private static String jsonEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
