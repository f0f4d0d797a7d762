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
    Map<String, Object> model(HttpRequest<?> request) {
        return json(source.model().orElseThrow(() -> new ApiErrors.NotFound("no churn-risk model has been fitted yet")), caller(request));
    }

    private static ApiKey caller(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
    }

    /** {@code as_of=YYYY-MM-DD} is 00:00 of that day in analytics.zone; without it, the current stream time. */
    @Post("/fit")
    Map<String, Object> fit(HttpRequest<?> request, @Nullable @QueryValue("as_of") String asOf) {
        ApiKey caller = caller(request);
        if (caller.role() != ApiKey.Role.ADMIN || !caller.unscoped()) {
            throw new ApiErrors.Forbidden("refitting the model needs an admin key for all offices");
        }
        Instant at;
        if (asOf == null || asOf.isBlank()) {
            at = java.util.Optional.ofNullable(source.progress().streamTime()).orElseThrow(() -> new ApiErrors.Conflict("no events yet: nothing to fit a model on"));
        } else {
            try {
                at = LocalDate.parse(asOf).atStartOfDay(settings.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ApiErrors.BadParameter("as_of", "'" + asOf + "' is not an ISO date (YYYY-MM-DD)");
            }
        }
        return json(fits.fit(at), caller);
    }

    /**
     * The model as JSON. Its parameters describe the whole customer base, not one office; for a key scoped to offices
     * the company-wide totals it was fitted on (customers, log-likelihood) are left out.
     */
    static Map<String, Object> json(ChurnRiskModel m, ApiKey caller) {
        boolean totals = caller.unscoped();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("r", m.getR());
        params.put("alpha", m.getAlpha());
        params.put("a", m.getA());
        params.put("b", m.getB());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", m.getModel());
        body.put("params", params);
        if (totals) {
            body.put("log_likelihood", m.getLogLikelihood());
            body.put("customers", m.getCustomers());
        }
        Map<String, Object> spend = null;
        if (m.getSpend() != null) {
            spend = new LinkedHashMap<>();
            spend.put("model", "gamma-gamma");
            spend.put("p", m.getSpend().getP());
            spend.put("q", m.getSpend().getQ());
            spend.put("gamma", m.getSpend().getGamma());
            if (totals) {
                spend.put("customers", m.getSpend().getCustomers());
            }
        }
        body.put("spend_model", spend);
        body.put("calibration_end", m.getCalibrationEnd().toString());
        body.put("fitted_at", m.getFittedAt().toString());
        return body;
    }
}
