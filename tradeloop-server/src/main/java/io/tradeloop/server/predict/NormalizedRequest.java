package io.tradeloop.server.predict;

import java.util.List;

/**
 * A validated predict-multi request with every optional field filled (see {@link PredictMultiRequest}):
 * what an observation encoder reads. Rates are per interval; percentages are percent.
 *
 * @param opportunities at most 10, in request order (ENTER i refers to element i)
 * @param positions     at most 5, in request order (EXIT i refers to element i)
 * @param portfolio     the account
 * @param config        the five contract config values
 * @param derived       every field that was derived or defaulted, with how
 */
public record NormalizedRequest(List<OpportunityState> opportunities, List<PositionState> positions, PortfolioState portfolio,
                                TradingConfig config, List<String> derived) {
    public NormalizedRequest {
        opportunities = List.copyOf(opportunities);
        positions = List.copyOf(positions);
        derived = List.copyOf(derived);
    }

    /** The 20 opportunity quantities of the contract (before an encoder's scaling) plus the legs' prices (NaN when not given). */
    public record OpportunityState(String symbol, String longExchange, String shortExchange, double longFundingRate,
                                   double shortFundingRate, double longFundingIntervalHours, double shortFundingIntervalHours,
                                   double fundProfit8h, double fundProfit8h24hProj, double fundProfit8h3dProj, double fundApr,
                                   double fundApr24hProj, double fundApr3dProj, double spread30SampleAvg, double priceSpread24hAvg,
                                   double priceSpread3dAvg, double spreadVolatilityStddev, double volume24h, double bidAskSpreadPct,
                                   double orderbookDepthUsd, double estimatedProfitPct, double positionCostPct, double longPrice,
                                   double shortPrice) {
    }

    /** An open position with its derived P&amp;L and liquidation distance (fraction of price). */
    public record PositionState(String symbol, String longExchange, String shortExchange, double positionSizeUsd, double hoursHeld,
                                double longEntryPrice, double shortEntryPrice, double longCurrentPrice, double shortCurrentPrice,
                                double longFundingRate, double shortFundingRate, double leverage, double netFundingUsd,
                                double entryFeesUsd, double netPnlPct, double longPnlPct, double shortPnlPct,
                                double liquidationDistance) {
    }

    /** The account. */
    public record PortfolioState(double totalCapital, double availableCapital, double initialCapital, double usedMargin,
                                 double maxDrawdownPct, double episodeProgress) {
    }

    /** The five config values. */
    public record TradingConfig(double maxLeverage, double targetUtilization, int maxPositions, double stopLossThreshold,
                                double liquidationBuffer) {
    }
}
