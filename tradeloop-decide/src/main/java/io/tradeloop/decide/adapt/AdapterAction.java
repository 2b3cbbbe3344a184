package io.tradeloop.decide.adapt;

/** The adapter's actions: leave the parameters, or nudge one of them up or down by its step. */
public enum AdapterAction {
    HOLD, CONFIDENCE_UP, CONFIDENCE_DOWN, SIZE_UP, SIZE_DOWN, STOP_WIDER, STOP_TIGHTER, TAKE_PROFIT_WIDER, TAKE_PROFIT_TIGHTER, RISK_UP,
    RISK_DOWN;

    /** The parameters after this action, clamped into the bounds. */
    public AdaptedParameters apply(AdaptedParameters p, ParameterBounds b) {
        AdaptedParameters s = b.step();
        AdaptedParameters n = switch (this) {
            case HOLD -> p;
            case CONFIDENCE_UP -> new AdaptedParameters(p.confidenceThreshold() + s.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier(),
                    p.takeProfitMultiplier(), p.riskMultiplier());
            case CONFIDENCE_DOWN -> new AdaptedParameters(p.confidenceThreshold() - s.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier(),
                    p.takeProfitMultiplier(), p.riskMultiplier());
            case SIZE_UP -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier() + s.sizeMultiplier(), p.stopMultiplier(),
                    p.takeProfitMultiplier(), p.riskMultiplier());
            case SIZE_DOWN -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier() - s.sizeMultiplier(), p.stopMultiplier(),
                    p.takeProfitMultiplier(), p.riskMultiplier());
            case STOP_WIDER -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier() + s.stopMultiplier(),
                    p.takeProfitMultiplier(), p.riskMultiplier());
            case STOP_TIGHTER -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier() - s.stopMultiplier(),
                    p.takeProfitMultiplier(), p.riskMultiplier());
            case TAKE_PROFIT_WIDER -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier(),
                    p.takeProfitMultiplier() + s.takeProfitMultiplier(), p.riskMultiplier());
            case TAKE_PROFIT_TIGHTER -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier(),
                    p.takeProfitMultiplier() - s.takeProfitMultiplier(), p.riskMultiplier());
            case RISK_UP -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier(), p.takeProfitMultiplier(),
                    p.riskMultiplier() + s.riskMultiplier());
            case RISK_DOWN -> new AdaptedParameters(p.confidenceThreshold(), p.sizeMultiplier(), p.stopMultiplier(), p.takeProfitMultiplier(),
                    p.riskMultiplier() - s.riskMultiplier());
        };
        return b.clamp(n);
    }
}
