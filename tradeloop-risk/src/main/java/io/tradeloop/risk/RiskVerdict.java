package io.tradeloop.risk;

/** What one risk rule says of a proposal: approve it, shrink it, or refuse it, always with the reason. */
public sealed interface RiskVerdict {
    /** The rule that gave the verdict. */
    String rule();

    record Approved(String rule) implements RiskVerdict {
    }

    /** Approve after scaling every leg by {@code scale} (0 &lt; scale &lt; 1). */
    record Adjusted(String rule, double scale, String reason) implements RiskVerdict {
        public Adjusted {
            if (!(scale > 0 && scale < 1)) {
                throw new IllegalArgumentException("an adjustment must scale into (0, 1), got " + scale + " from " + rule);
            }
        }
    }

    record Refused(String rule, String reason) implements RiskVerdict {
    }

    static RiskVerdict approved(String rule) {
        return new Approved(rule);
    }

    static RiskVerdict refused(String rule, String reason) {
        return new Refused(rule, reason);
    }
}
