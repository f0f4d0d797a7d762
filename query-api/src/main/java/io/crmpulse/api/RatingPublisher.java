package io.crmpulse.api;

import io.crmpulse.records.ScorecardRating;

/** Writes a manager's rating to {@code pulse.scorecard-ratings}, from where the counter task of its office reads it. */
public interface RatingPublisher {

    /** Returns once the rating is durably written. */
    void publish(ScorecardRating rating);
}
