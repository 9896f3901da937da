package org.abri.web;

import java.io.IOException;

/** A request body (not a form nor an upload) longer than {@code abri.web.max-body-size}. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("request body over " + limit + " bytes");
    }
}
