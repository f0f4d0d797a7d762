package io.crmpulse.api;

import io.crmpulse.records.ChurnRiskModel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The churn-risk model in use (CONTRACT.md): read it, or (admin) refit it now. */
@Controller("/api/v1/models/churn-risk")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModelsController {

    private final FiguresSource source;
    private final ChurnRiskFits fits;
    private final ApiSettings settings;

    ModelsController(FiguresSource source, ChurnRiskFits fits, ApiSettings settings) {
        this.source = source;
        this.fits = fits;
        this.settings = settings;
    }

    @Get
    Map<String, Object> model() {
        return json(source.model().orElseThrow(() -> new ApiErrors.NotFound("no churn-risk model has been fitted yet")));
    }

    /** {@code as_of=YYYY-MM-DD} is 00:00 of that day in analytics.zone; without it, the current stream time. */
    @Post("/fit")
    Map<String, Object> fit(HttpRequest<?> request, @Nullable @QueryValue("as_of") String asOf) {
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        if (caller.role() != ApiKey.Role.ADMIN) {
            throw new ApiErrors.Forbidden("refitting the model needs an admin key");
        }
        Instant at;
        if (asOf == null || asOf.isBlank()) {
            at = source.asOf().orElseThrow(() -> new ApiErrors.Conflict("no events yet: nothing to fit a model on"));
        } else {
            try {
                at = LocalDate.parse(asOf).atStartOfDay(settings.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ApiErrors.BadParameter("as_of", "'" + asOf + "' is not an ISO date (YYYY-MM-DD)");
            }
        }
        return json(fits.fit(at));
    }

    static Map<String, Object> json(ChurnRiskModel m) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("r", m.getR());
        params.put("alpha", m.getAlpha());
        params.put("a", m.getA());
        params.put("b", m.getB());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", m.getModel());
        body.put("params", params);
        body.put("log_likelihood", m.getLogLikelihood());
        body.put("customers", m.getCustomers());
        if (m.getSpend() != null) {
            body.put("spend_model", Map.of("model", "gamma-gamma", "p", m.getSpend().getP(), "q", m.getSpend().getQ(),
                    "gamma", m.getSpend().getGamma(), "customers", m.getSpend().getCustomers()));
        } else {
            body.put("spend_model", null);
        }
        body.put("calibration_end", m.getCalibrationEnd().toString());
        body.put("fitted_at", m.getFittedAt().toString());
        return body;
    }
}
