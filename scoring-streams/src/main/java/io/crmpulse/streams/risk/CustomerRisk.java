package io.crmpulse.streams.risk;

import io.crmpulse.records.ChurnRiskModel;

/**
 * One customer's churn risk under a fitted model: P(alive), purchases expected over the horizon, the
 * expected value per purchase (Gamma-Gamma), their product, and the risk score the at-risk lists rank
 * by, (1 − P(alive)) × expected value: what a customer who may be leaving is worth over the horizon.
 * Customers certainly gone and customers certainly staying both score near zero.
 */
public record CustomerRisk(double pAlive, double expectedPurchases, double expectedSpend, double expectedValue, double riskScore) {

    public static CustomerRisk of(Rfm rfm, ChurnRiskModel model, double horizonWeeks) {
        BgNbd purchases = new BgNbd(RiskSettings.variantNamed(model.getModel()), model.getR(), model.getAlpha(), model.getA(), model.getB());
        double pAlive = purchases.pAlive(rfm);
        double expected = purchases.expectedPurchases(horizonWeeks, rfm);
        double spend = model.getSpend() == null ? Double.NaN
                : new GammaGamma(model.getSpend().getP(), model.getSpend().getQ(), model.getSpend().getGamma(), Double.NaN,
                        model.getSpend().getCustomers()).expectedSpend(rfm);
        double value = expected * spend;
        return new CustomerRisk(pAlive, expected, spend, value, (1 - pAlive) * value);
    }
}
