package io.crmpulse.streams.risk;

import java.util.function.ToDoubleFunction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over positive parameters: Hipparchus's Nelder–Mead on the logarithms of
 * the parameters (restarted until it stops improving), then Newton steps on finite-difference
 * derivatives to settle on the optimum, as the reference fit does. Nelder–Mead alone stalls early in
 * the flat direction of b, well above the 1e-4 agreement the reference asks for.
 */
final class MaximumLikelihood {

    private static final int MAX_EVALUATIONS = 50_000;
    private static final int NEWTON_STEPS = 50;

    private MaximumLikelihood() {
    }

    /** The parameters maximising {@code logLikelihood}, starting from {@code start}; all must be positive. */
    static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        ToDoubleFunction<double[]> ofLogs = logs -> {
            double ll = logLikelihood.applyAsDouble(exp(logs));
            return Double.isFinite(ll) ? ll : Double.NEGATIVE_INFINITY;
        };
        double[] logs = log(start);
        double best = Double.NEGATIVE_INFINITY;
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-14, 1e-14);
        for (int round = 0; round < 20; round++) {
            PointValuePair p = optimizer.optimize(new MaxEval(MAX_EVALUATIONS),
                    new ObjectiveFunction(v -> -ofLogs.applyAsDouble(v)), GoalType.MINIMIZE,
                    new InitialGuess(logs), new NelderMeadSimplex(logs.length, 0.1));
            double value = -p.getValue();
            logs = p.getPoint();
            if (value - best < 1e-10) {
                break;
            }
            best = value;
        }
        return exp(newton(ofLogs, logs));
    }

    /** Newton's method on the gradient, with central differences; stops when a step no longer improves. */
    private static double[] newton(ToDoubleFunction<double[]> f, double[] point) {
        double[] x = point.clone();
        double fx = f.applyAsDouble(x);
        for (int step = 0; step < NEWTON_STEPS; step++) {
            RealVector gradient = gradient(f, x);
            RealMatrix hessian = hessian(f, x);
            RealVector delta;
            try {
                delta = new LUDecomposition(hessian).getSolver().solve(gradient.mapMultiply(-1));
            } catch (RuntimeException singular) {
                return x;
            }
            double[] next = new ArrayRealVector(x).add(delta).toArray();
            double fNext = f.applyAsDouble(next);
            if (!(fNext >= fx - 1e-12)) {
                return x;
            }
            boolean converged = delta.getLInfNorm() < 1e-12;
            x = next;
            fx = fNext;
            if (converged) {
                break;
            }
        }
        return x;
    }

    private static final double H = 1e-5;

    private static RealVector gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (f.applyAsDouble(shift(x, i, H)) - f.applyAsDouble(shift(x, i, -H))) / (2 * H);
        }
        return new ArrayRealVector(g);
    }

    private static RealMatrix hessian(ToDoubleFunction<double[]> f, double[] x) {
        int n = x.length;
        double[][] h = new double[n][n];
        double fx = f.applyAsDouble(x);
        for (int i = 0; i < n; i++) {
            h[i][i] = (f.applyAsDouble(shift(x, i, H)) - 2 * fx + f.applyAsDouble(shift(x, i, -H))) / (H * H);
            for (int j = i + 1; j < n; j++) {
                double pp = f.applyAsDouble(shift(shift(x, i, H), j, H));
                double pm = f.applyAsDouble(shift(shift(x, i, H), j, -H));
                double mp = f.applyAsDouble(shift(shift(x, i, -H), j, H));
                double mm = f.applyAsDouble(shift(shift(x, i, -H), j, -H));
                h[i][j] = (pp - pm - mp + mm) / (4 * H * H);
                h[j][i] = h[i][j];
            }
        }
        return new Array2DRowRealMatrix(h, false);
    }

    private static double[] shift(double[] x, int i, double by) {
        double[] y = x.clone();
        y[i] += by;
        return y;
    }

    private static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i]);
        }
        return out;
    }

    private static double[] log(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log(v[i]);
        }
        return out;
    }
}
