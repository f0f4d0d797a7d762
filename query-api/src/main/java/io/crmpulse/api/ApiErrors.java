package io.crmpulse.api;

import io.micronaut.http.HttpStatus;

/** Errors a caller can cause or meet; each becomes an {@code application/problem+json} answer. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** Base: an HTTP status, a title and the detail for the caller. */
    public abstract static class ApiException extends RuntimeException {
        private final HttpStatus status;

        ApiException(HttpStatus status, String detail) {
            this(status, detail, null);
        }

        ApiException(HttpStatus status, String detail, Throwable cause) {
            super(detail, cause, false, false);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }

    /** 400, naming the parameter. */
    public static final class BadParameter extends ApiException {
        private final String parameter;

        public BadParameter(String parameter, String detail) {
            super(HttpStatus.BAD_REQUEST, parameter + ": " + detail);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** 404: an unknown customer, office or group. */
    public static final class NotFound extends ApiException {
        public NotFound(String detail) {
            super(HttpStatus.NOT_FOUND, detail);
        }
    }

    /** 403: the key's scope does not cover what was asked. */
    public static final class Forbidden extends ApiException {
        public Forbidden(String detail) {
            super(HttpStatus.FORBIDDEN, detail);
        }
    }

    /** 409: the request is valid but the data does not allow it yet. */
    public static final class Conflict extends ApiException {
        public Conflict(String detail) {
            super(HttpStatus.CONFLICT, detail);
        }
    }

    /** 503 with Retry-After: a store is migrating (rebalance) or not yet queryable. */
    public static final class Unavailable extends ApiException {
        public Unavailable(String detail) {
            super(HttpStatus.SERVICE_UNAVAILABLE, detail);
        }

        public Unavailable(String detail, Throwable cause) {
            super(HttpStatus.SERVICE_UNAVAILABLE, detail, cause);
        }
    }
}
