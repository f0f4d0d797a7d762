package io.crmpulse.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;

/**
 * Every {@code /api/} and {@code /ingest/} call needs {@code Authorization: Bearer KEY}; a missing or unknown key is
 * 401, and publishing through {@code /ingest/} needs an admin key (else 403). The key found travels with the request
 * for scope checks: as {@link #CALLER}, and its offices (empty: all) as {@link #CALLER_OFFICES} for the ingest module,
 * which does not know this one. Instance-to-instance routes take no user key ({@link InstanceFilter}).
 */
@ServerFilter({"/api/**", "/ingest/**"})
final class AuthFilter implements Ordered {

    static final String CALLER = "pulse.caller";
    /** The caller's offices as a {@code Set<String>}, empty for every office; read by the ingest endpoint. */
    static final String CALLER_OFFICES = "pulse.caller.offices";
    private static final String BEARER = "Bearer ";

    private final ApiSettings settings;

    AuthFilter(ApiSettings settings) {
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().getAuthorization();
        if (header.isEmpty() || !header.get().startsWith(BEARER)) {
            return unauthorized("missing Authorization: Bearer KEY header");
        }
        Optional<ApiKey> key = settings.keyFor(header.get().substring(BEARER.length()).strip());
        if (key.isEmpty()) {
            return unauthorized("unknown API key");
        }
        if (request.getPath().startsWith("/ingest/") && key.get().role() != ApiKey.Role.ADMIN) {
            return ProblemHandler.problem(HttpStatus.FORBIDDEN, "publishing events needs an admin key", null);
        }
        request.setAttribute(CALLER, key.get());
        request.setAttribute(CALLER_OFFICES, key.get().offices());
        return null;
    }

    @Override
    public int getOrder() {
        return InstanceFilter.ORDER + 1;
    }

    private static HttpResponse<?> unauthorized(String detail) {
        return ProblemHandler.problem(HttpStatus.UNAUTHORIZED, detail, null).header("WWW-Authenticate", "Bearer");
    }
}
