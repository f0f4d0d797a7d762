package io.crmpulse.streams.risk;

/** A fitted purchase model with its maximised log-likelihood and how many customers it was fitted on. */
public record ModelFit(BgNbd model, double logLikelihood, long customers) {
}
