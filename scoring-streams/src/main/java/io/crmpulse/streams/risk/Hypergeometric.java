package io.crmpulse.streams.risk;

/** Gauss's hypergeometric function by its power series, for |z| < 1. */
final class Hypergeometric {

    private static final int MAX_TERMS = 1_000_000;
    private static final double TOLERANCE = 1e-16;

    private Hypergeometric() {
    }

    /**
     * ₂F₁(a, b; c; z) = Σ (a)ⱼ (b)ⱼ / (c)ⱼ zʲ / j!. The arguments the models use have z = t/(α+T+t) < 1,
     * where the series converges; close to 1 it needs many terms, which is why the bound is generous.
     */
    static double hyp2f1(double a, double b, double c, double z) {
        if (!(Math.abs(z) < 1)) {
            throw new IllegalArgumentException("2F1 series needs |z| < 1, got " + z);
        }
        double term = 1;
        double sum = 1;
        for (int j = 0; j < MAX_TERMS; j++) {
            term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
            sum += term;
            if (Math.abs(term) <= TOLERANCE * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }
}
