package io.mlops.labels.drift;

/**
 * The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x), from which the
 * chi-square distribution's tail follows: {@code P(X > x) = Q(k/2, x/2)} for k degrees of freedom.
 *
 * <p>The series for P when x &lt; a + 1 and Lentz's continued fraction for Q otherwise, as in
 * Numerical Recipes (3rd ed., section 6.2): each converges fast in its region, and computing Q
 * directly keeps tiny p-values accurate instead of losing them in 1 - P. The log-gamma function
 * uses Lanczos' approximation (g = 7, nine coefficients), accurate to about 15 digits.
 */
public final class IncompleteGamma {
    private static final double EPSILON = 1e-16;
    private static final double TINY = Double.MIN_NORMAL / EPSILON;
    private static final int MAX_ITERATIONS = 10_000;
    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private IncompleteGamma() {}

    /**
     * The natural logarithm of the gamma function.
     *
     * @param x a positive number
     * @return ln Γ(x)
     */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs a positive argument: " + x);
        }
        if (x < 0.5) {
            // reflection: Γ(x) Γ(1 - x) = π / sin(π x)
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * The regularized lower incomplete gamma function.
     *
     * @param a the shape, positive
     * @param x the bound, not negative
     * @return P(a, x)
     */
    public static double lower(double a, double x) {
        check(a, x);
        if (x == 0) {
            return 0;
        }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x);
    }

    /**
     * The regularized upper incomplete gamma function.
     *
     * @param a the shape, positive
     * @param x the bound, not negative
     * @return Q(a, x)
     */
    public static double upper(double a, double x) {
        check(a, x);
        if (x == 0) {
            return 1;
        }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
    }

    private static double series(double a, double x) {
        double term = 1 / a;
        double sum = term;
        double ap = a;
        for (int n = 0; n < MAX_ITERATIONS; n++) {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
            }
        }
        throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
    }

    private static double continuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
            }
        }
        throw new ArithmeticException("incomplete gamma fraction did not converge for a=" + a + ", x=" + x);
    }

    private static void check(double a, double x) {
        if (!(a > 0) || !(x >= 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("incomplete gamma needs a > 0 and finite x >= 0: a=" + a + ", x=" + x);
        }
    }
}
