package io.crmpulse.api;

import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.lifecycle.CustomerStatus;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.CustomerRisk;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Optional;

/**
 * One customer as the API shows it: lifecycle state, activity, assignment, last contact (and the follow-up it set), purchase
 * summary (METRICS.md section 8, weeks) and churn risk under the newest model (null before the first fit
 * and for customers without activity, with {@code riskNote} saying why).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record CustomerRow(
        String customerId, String state, @Nullable String firstActivity, @Nullable String lastActivity, int activities,
        @Nullable String office, @Nullable String staff, @Nullable String lastContact, @Nullable String nextFollowUp,
        @Nullable Integer frequency, @Nullable Double recencyWeeks, @Nullable Double ageWeeks, @Nullable Double meanSpend,
        @Nullable String model, @Nullable Double pAlive, @Nullable Double expectedPurchases, @Nullable Double horizonWeeks,
        @Nullable Double expectedSpend, @Nullable Double expectedValue, @Nullable Double riskScore, @Nullable String riskNote) {

    static CustomerRow of(CustomerState customer, Instant asOf, LifecycleSettings lifecycle, Optional<ChurnRiskModel> model,
                          double horizonWeeks) {
        CustomerStatus status = CustomerStatus.of(customer, asOf, lifecycle);
        Optional<Rfm> rfm = PurchaseSummary.of(customer, asOf, lifecycle.zone());
        CustomerRisk risk = rfm.isPresent() && model.isPresent() ? CustomerRisk.of(rfm.get(), model.get(), horizonWeeks) : null;
        String note = rfm.isEmpty() ? "no purchase yet" : model.isEmpty() ? "no churn-risk model fitted yet" : null;
        return new CustomerRow(status.customerId(), status.state().name(), text(status.firstActivity()), text(status.lastActivity()),
                status.activities(), status.office(), status.staff(), text(status.lastContact()), text(status.nextFollowUp()),
                rfm.map(Rfm::x).orElse(null), rfm.map(Rfm::tx).orElse(null), rfm.map(Rfm::age).orElse(null),
                rfm.map(Rfm::meanSpend).filter(Double::isFinite).orElse(null),
                model.map(ChurnRiskModel::getModel).orElse(null),
                risk == null ? null : risk.pAlive(), risk == null ? null : risk.expectedPurchases(), risk == null ? null : horizonWeeks,
                risk == null ? null : finite(risk.expectedSpend()), risk == null ? null : finite(risk.expectedValue()),
                risk == null ? null : finite(risk.riskScore()), note);
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
