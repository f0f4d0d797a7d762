package io.crmpulse.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Keeps the two listeners apart. {@code /internal/} routes, which read any group's or customer's stores for another
 * instance, are served only on the internal listener and only with the instance secret in {@link #SECRET_HEADER}; a
 * user's key opens nothing there. The public routes are not served on the internal listener.
 */
@ServerFilter("/**")
final class InstanceFilter implements Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    static final String SECRET_HEADER = "X-Pulse-Instance-Secret";
    private static final String INTERNAL = "/internal/";

    private final ApiSettings settings;

    InstanceFilter(ApiSettings settings) {
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        boolean onInternalListener = request.getServerAddress().getPort() == settings.internal().port();
        boolean internalRoute = request.getPath().startsWith(INTERNAL);
        if (onInternalListener != internalRoute) {
            return ProblemHandler.problem(HttpStatus.NOT_FOUND, onInternalListener
                    ? "the internal listener serves only instance-to-instance routes"
                    : "not found: " + request.getPath(), null);
        }
        if (internalRoute && !settings.internal().secretIs(request.getHeaders().get(SECRET_HEADER))) {
            return ProblemHandler.problem(HttpStatus.UNAUTHORIZED, "instance-to-instance routes need the instance secret", null);
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
