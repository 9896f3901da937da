package org.abri.identity;

import java.net.URI;
import java.util.Optional;

/**
 * The page to go back to after signing in again, carried as a {@code continue} parameter. Only a
 * path on this site is taken: it starts with a single "/", holds no backslash, no control
 * character and no scheme, so that no link can send a user who signs in to another site
 * (browsers read "//host", "/\host" and a path with a tab or a newline in it as another host).
 */
final class ReturnPath {

    static final String PARAMETER = "continue";

    private static final int LONGEST = 2000;

    private ReturnPath() {
    }

    static Optional<String> of(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > LONGEST
                || candidate.charAt(0) != '/' || candidate.startsWith("//") || candidate.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(candidate);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return Optional.empty();
            }
            // Never back to signing in or out (a signed-in user sent to /login goes on to continue).
            String path = uri.getRawPath();
            if (path.endsWith("/login") || path.endsWith("/logout") || path.endsWith(SessionExpiry.PAGE)) {
                return Optional.empty();
            }
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /** The path and query of a full address (htmx's HX-Current-URL), if it is one of this site's. */
    static Optional<String> ofAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(address);
            String path = uri.getRawPath();
            if (path == null || path.isEmpty()) {
                return Optional.empty();
            }
            return of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
