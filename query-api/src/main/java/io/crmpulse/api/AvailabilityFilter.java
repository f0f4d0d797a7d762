package io.crmpulse.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * While the streams client is not RUNNING (starting, rebalancing, broker gone, failed), every {@code /api/} call is
 * 503 with Retry-After: its stores may be stale, moving or closed, and a read of them must not become a 500.
 */
@ServerFilter("/api/**")
final class AvailabilityFilter implements Ordered {

    private final FiguresSource source;

    AvailabilityFilter(FiguresSource source) {
        this.source = source;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check() {
        String state = source.state();
        return FiguresSource.RUNNING.equals(state) ? null
                : ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE, "the streams are " + state + ", not RUNNING; try again shortly", null);
    }

    @Override
    public int getOrder() {
        return InstanceFilter.ORDER + 2;
    }
}
