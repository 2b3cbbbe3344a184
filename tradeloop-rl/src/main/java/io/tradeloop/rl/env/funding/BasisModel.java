package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;

/**
 * The documented model for the price of a perpetual the data has no prices for (the rates-only venues):
 * mark = reference × (1 + basis), the basis anchored on the measured venues of the same asset (which carry the
 * common part: the USDT/USD rate and the market-wide premium) and moved by the venue's own funding and a
 * mean-reverting residual,
 * <pre>
 *   basis_t = anchorBasis_t + alpha + kappa × (rate8h_t − anchorRate8h_t) + u_t,
 *   u_t = phiHourly × u_{t−1h} + sigmaInnovation × N(0, 1)
 * </pre>
 * where anchorBasis and anchorRate8h are the means over the measured linear perpetuals (a perpetual trades
 * rich when its funding is high: funding is the premium averaged over the interval). alpha and kappa come
 * from a least-squares fit, on the measured venues, of each venue's basis deviation from the others' mean on
 * its funding deviation; the residual's autocorrelation and spread from what is left (see {@link RealMarketLoader}).
 *
 * @param alpha            deviation at equal funding (fraction)
 * @param kappa            deviation per unit of 8-hour funding-rate deviation
 * @param phiHourly        hourly autocorrelation of the residual
 * @param sigmaStationary  standard deviation of the residual (fraction)
 * @param samples          how many measured bases the fit used
 */
public record BasisModel(double alpha, double kappa, double phiHourly, double sigmaStationary, int samples) {
    public BasisModel {
        Checks.inRange("basis.alpha", alpha, -0.1, 0.1);
        Checks.inRange("basis.kappa", kappa, -1000, 1000);
        Checks.inRange("basis.phi_hourly", phiHourly, 0, 0.9999);
        Checks.inRange("basis.sigma_stationary", sigmaStationary, 0, 0.1);
    }

    /** Standard deviation of the residual's hourly innovation, keeping the stationary spread. */
    public double sigmaInnovation() {
        return sigmaStationary * Math.sqrt(1 - phiHourly * phiHourly);
    }

    /** The basis given the anchor, the venue's funding and its residual {@code u}. */
    public double basis(double anchorBasis, double anchorRate8h, double rate8h, double u) {
        return anchorBasis + alpha + kappa * (rate8h - anchorRate8h) + u;
    }

    /** The residual one hour later given a standard normal draw. */
    public double nextResidual(double u, double normal) {
        return phiHourly * u + sigmaInnovation() * normal;
    }

    /**
     * Fits the model to paired samples: ordinary least squares of the basis deviation {@code basis} on the funding
     * deviation {@code rate8h}, then the lag-1
     * autocorrelation of the residuals within each series (samples {@code cadenceHours} apart, series
     * separated by {@code seriesId}), turned into an hourly coefficient phi^(1 / cadence).
     */
    public static BasisModel fit(double[] basis, double[] rate8h, int[] seriesId, int n, double cadenceHours) {
        if (n < 10) {
            throw new IllegalArgumentException("the basis model needs at least 10 measured bases, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += rate8h[i];
            my += basis[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (rate8h[i] - mx) * (rate8h[i] - mx);
            sxy += (rate8h[i] - mx) * (basis[i] - my);
        }
        double kappa = sxx > 0 ? sxy / sxx : 0;
        double alpha = my - kappa * mx;
        double ss = 0;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double e = basis[i] - alpha - kappa * rate8h[i];
            ss += e * e;
            if (i > 0 && seriesId[i] == seriesId[i - 1]) {
                double ep = basis[i - 1] - alpha - kappa * rate8h[i - 1];
                num += e * ep;
                den += ep * ep;
            }
        }
        double phi = den > 0 ? Math.max(0, Math.min(0.999, num / den)) : 0;
        double phiHourly = Math.min(0.9999, Math.pow(phi, 1 / cadenceHours));
        return new BasisModel(alpha, kappa, phiHourly, Math.sqrt(ss / n), n);
    }
}
