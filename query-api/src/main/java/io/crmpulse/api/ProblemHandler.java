package io.crmpulse.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps every {@link ApiErrors.ApiException} to an RFC 9457 problem document, once, for all controllers. */
@Singleton
@Produces(ProblemHandler.PROBLEM_JSON)
@Requires(classes = {ApiErrors.ApiException.class, ExceptionHandler.class})
final class ProblemHandler implements ExceptionHandler<ApiErrors.ApiException, HttpResponse<?>> {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String RETRY_AFTER_SECONDS = "2";

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiErrors.ApiException e) {
        return problem(e.status(), e.getMessage(), e instanceof ApiErrors.BadParameter bad ? bad.parameter() : null);
    }

    static MutableHttpResponse<Map<String, Object>> problem(HttpStatus status, String detail, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReason());
        body.put("status", status.getCode());
        body.put("detail", detail);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(status).body(body)
                .contentType(PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response;
    }
}
