package org.abri.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The network address of the client of the current request, for the audit trail. */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The remote address as the servlet container sees it. Behind a reverse proxy, set
     * {@code server.forward-headers-strategy=native} so that it is the real client's.
     */
    public static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
