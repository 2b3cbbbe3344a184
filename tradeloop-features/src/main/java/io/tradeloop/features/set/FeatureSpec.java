package io.tradeloop.features.set;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.features.indicator.AverageTrueRange;
import io.tradeloop.features.indicator.BarIndicator;
import io.tradeloop.features.indicator.BollingerBands;
import io.tradeloop.features.indicator.DirectionalMovement;
import io.tradeloop.features.indicator.LogReturn;
import io.tradeloop.features.indicator.OnBalanceVolumeSlope;
import io.tradeloop.features.indicator.RealisedVolatility;
import io.tradeloop.features.indicator.RelativeStrengthIndex;
import io.tradeloop.features.indicator.StochasticOscillator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a feature-set definition: an indicator kind with its parameters, as data. Each spec
 * names its columns, builds a fresh incremental indicator, and has a canonical text that enters the
 * feature-set version hash. The defaults are the conventional ones (Wilder 14, MACD 12/26/9, Bollinger
 * 20/2, stochastic 14/3).
 */
public sealed interface FeatureSpec {
    /** The kind as written in a definition file, e.g. {@code rsi}. */
    String kind();

    /** Parameters in a fixed order (for the canonical text and the JSON form). */
    Map<String, Object> parameters();

    /** The column-name stem, e.g. {@code rsi_14}; a column is stem + "_" + output for multi-output kinds. */
    String stem();

    /** A new indicator computing this spec on one bar series. */
    BarIndicator newIndicator();

    /** The timeframe the spec is computed on: null for the base series. */
    default Timeframe timeframe() {
        return null;
    }

    /** The column names, in the indicator's output order. */
    default List<String> columns() {
        BarIndicator indicator = newIndicator();
        List<String> names = new ArrayList<>(indicator.outputs());
        String suffix = timeframe() == null ? "" : "@" + timeframe();
        for (int k = 0; k < indicator.outputs(); k++) {
            names.add(indicator.outputs() == 1 ? stem() + suffix : stem() + "_" + indicator.outputName(k) + suffix);
        }
        return names;
    }

    /** {@code kind(p1=v1,p2=v2)} plus {@code @tf} for another timeframe: what the version hash covers. */
    default String canonical() {
        StringBuilder sb = new StringBuilder(kind()).append('(');
        boolean first = true;
        for (var e : parameters().entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(e.getKey()).append('=').append(format(e.getValue()));
        }
        sb.append(')');
        if (timeframe() != null) sb.append('@').append(timeframe());
        return sb.toString();
    }

    /** Numbers in their shortest exact form (2.0 is {@code 2}). */
    static String format(Object v) {
        if (v instanceof Double d) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** Log return over {@code horizon} bars. */
    record Returns(int horizon) implements FeatureSpec {
        public Returns {
            Checks.inRange("returns.horizon", horizon, 1, 100_000);
        }

        public String kind() { return "returns"; }
        public Map<String, Object> parameters() { return params("horizon", horizon); }
        public String stem() { return "ret_" + horizon; }
        public BarIndicator newIndicator() { return new LogReturn(horizon); }
    }

    /** Wilder's RSI. */
    record Rsi(int period) implements FeatureSpec {
        public Rsi {
            Checks.inRange("rsi.period", period, 2, 100_000);
        }

        public String kind() { return "rsi"; }
        public Map<String, Object> parameters() { return params("period", period); }
        public String stem() { return "rsi_" + period; }
        public BarIndicator newIndicator() { return new RelativeStrengthIndex(period); }
    }

    /** MACD line, signal and histogram; {@code relative} divides them by the close. */
    record Macd(int fast, int slow, int signal, boolean relative) implements FeatureSpec {
        public Macd {
            Checks.inRange("macd.fast", fast, 1, 100_000);
            Checks.inRange("macd.slow", slow, fast + 1, 100_000);
            Checks.inRange("macd.signal", signal, 1, 100_000);
        }

        public String kind() { return "macd"; }
        public Map<String, Object> parameters() { return params("fast", fast, "slow", slow, "signal", signal, "relative", relative); }
        public String stem() { return "macd_" + fast + "_" + slow + "_" + signal + (relative ? "_rel" : ""); }
        public BarIndicator newIndicator() { return new io.tradeloop.features.indicator.Macd(fast, slow, signal, relative); }
    }

    /** Bollinger band width and %B. */
    record Bollinger(int period, double k) implements FeatureSpec {
        public Bollinger {
            Checks.inRange("bollinger.period", period, 2, 100_000);
            Checks.inRange("bollinger.k", k, 0.1, 10.0);
        }

        public String kind() { return "bollinger"; }
        public Map<String, Object> parameters() { return params("period", period, "k", k); }
        public String stem() { return "bb_" + period + "_" + format(k); }
        public BarIndicator newIndicator() { return new BollingerBands(period, k); }
    }

    /** Average true range; {@code relative} divides it by the close. */
    record Atr(int period, boolean relative) implements FeatureSpec {
        public Atr {
            Checks.inRange("atr.period", period, 1, 100_000);
        }

        public String kind() { return "atr"; }
        public Map<String, Object> parameters() { return params("period", period, "relative", relative); }
        public String stem() { return "atr_" + period + (relative ? "_rel" : ""); }
        public BarIndicator newIndicator() { return new AverageTrueRange(period, relative); }
    }

    /** ADX with +DI and -DI. */
    record Adx(int period, int adxPeriod) implements FeatureSpec {
        public Adx {
            Checks.inRange("adx.period", period, 1, 100_000);
            Checks.inRange("adx.adxPeriod", adxPeriod, 1, 100_000);
        }

        public String kind() { return "adx"; }
        public Map<String, Object> parameters() { return params("period", period, "adxPeriod", adxPeriod); }
        public String stem() { return "dmi_" + period + "_" + adxPeriod; }
        public BarIndicator newIndicator() { return new DirectionalMovement(period, adxPeriod); }
    }

    /** Stochastic %K and %D. */
    record Stochastic(int period, int smoothing) implements FeatureSpec {
        public Stochastic {
            Checks.inRange("stochastic.period", period, 1, 100_000);
            Checks.inRange("stochastic.smoothing", smoothing, 1, 1_000);
        }

        public String kind() { return "stochastic"; }
        public Map<String, Object> parameters() { return params("period", period, "smoothing", smoothing); }
        public String stem() { return "stoch_" + period + "_" + smoothing; }
        public BarIndicator newIndicator() { return new StochasticOscillator(period, smoothing); }
    }

    /** On-balance-volume slope in units of average volume. */
    record ObvSlope(int period) implements FeatureSpec {
        public ObvSlope {
            Checks.inRange("obvSlope.period", period, 1, 100_000);
        }

        public String kind() { return "obvSlope"; }
        public Map<String, Object> parameters() { return params("period", period); }
        public String stem() { return "obv_slope_" + period; }
        public BarIndicator newIndicator() { return new OnBalanceVolumeSlope(period); }
    }

    /** Volume z-score. */
    record VolumeZScore(int period) implements FeatureSpec {
        public VolumeZScore {
            Checks.inRange("volumeZScore.period", period, 2, 100_000);
        }

        public String kind() { return "volumeZScore"; }
        public Map<String, Object> parameters() { return params("period", period); }
        public String stem() { return "volume_z_" + period; }
        public BarIndicator newIndicator() { return new io.tradeloop.features.indicator.VolumeZScore(period); }
    }

    /** Realised volatility per bar. */
    record RealisedVol(int period) implements FeatureSpec {
        public RealisedVol {
            Checks.inRange("realisedVol.period", period, 1, 100_000);
        }

        public String kind() { return "realisedVol"; }
        public Map<String, Object> parameters() { return params("period", period); }
        public String stem() { return "rv_" + period; }
        public BarIndicator newIndicator() { return new RealisedVolatility(period); }
    }

    /**
     * {@code spec} computed on a coarser timeframe: its value at a base bar is the coarse indicator's
     * value after the last coarse bar whose close time is at or before the base bar's close time.
     */
    record OnTimeframe(Timeframe timeframe, FeatureSpec spec) implements FeatureSpec {
        public OnTimeframe {
            Checks.notNull("timeframe", timeframe);
            Checks.notNull("spec", spec);
            if (spec instanceof OnTimeframe) {
                throw new IllegalArgumentException("timeframe: a feature can be moved to one other timeframe only, got "
                        + spec.canonical() + "@" + timeframe);
            }
        }

        public String kind() { return spec.kind(); }
        public Map<String, Object> parameters() { return spec.parameters(); }
        public String stem() { return spec.stem(); }
        public BarIndicator newIndicator() { return spec.newIndicator(); }
    }
}
