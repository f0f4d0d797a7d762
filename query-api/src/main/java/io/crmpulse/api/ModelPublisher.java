package io.crmpulse.api;

import io.crmpulse.records.ChurnRiskModel;

/** Writes a fitted model to {@code pulse.models.churn-risk}, from where every instance's global table reads it. */
public interface ModelPublisher {

    /** Returns once the model is durably written. */
    void publish(ChurnRiskModel model);
}
