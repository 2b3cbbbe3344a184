package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.portfolio.Portfolio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Serving's entry point ({@code POST /api/predict-multi}): builds a {@link FundingState} from plain records (the
 * opportunities, the open positions, the account, the config) so the observation and the mask come from the
 * very code the environment trains with ({@link FundingState#writeObservation}, {@link FundingState#writeMask}).
 * More than the layout's opportunities are ranked by {@link Opportunity#compositeScore} and cut to the slots;
 * opportunities whose short leg does not out-earn the long leg are not valid, as in training.
 */
public final class FundingSnapshots {
    private FundingSnapshots() {
    }

    /**
     * The account.
     *
     * @param initialCapitalUsd   capital at the start of the session (the reference of the ratios and P&amp;L %)
     * @param availableCapitalUsd free cash, not locked as margin
     * @param maxDrawdown         deepest drawdown of the session so far, as a positive fraction (0.02 = 2%)
     * @param hoursElapsed        hours since the session (episode) started
     * @param episodeHours        the session's horizon in hours (episode_progress = elapsed / horizon)
     * @param timeMs              now, epoch ms
     */
    public record PortfolioSnapshot(double initialCapitalUsd, double availableCapitalUsd, double maxDrawdown, double hoursElapsed,
                                    double episodeHours, long timeMs) {
        public PortfolioSnapshot {
            Checks.positive("initial_capital_usd", initialCapitalUsd);
            Checks.inRange("available_capital_usd", availableCapitalUsd, -1e15, 1e15);
            Checks.inRange("max_drawdown", maxDrawdown, 0, 1);
            Checks.nonNegative("hours_elapsed", hoursElapsed);
            Checks.positive("episode_hours", episodeHours);
        }
    }

    /**
     * An open arbitrage position.
     *
     * @param slot             its execution slot (0 … slots − 1)
     * @param longVenue        long leg, as in {@link Opportunity} ({@code venue:SYMBOL}; a {@code -inverse} symbol is coin-margined)
     * @param shortVenue       short leg
     * @param sizeUsd          USD notional per leg at entry
     * @param leverage         leverage of both legs
     * @param longEntryPrice   the long leg's fill price
     * @param shortEntryPrice  the short leg's fill price
     * @param longMarkPrice    the long leg's mark now
     * @param shortMarkPrice   the short leg's mark now
     * @param longRate8h       the long leg's latest settled funding rate per 8 h (fraction)
     * @param shortRate8h      the short leg's, per 8 h
     * @param fundingUsd       funding received by both legs so far (negative when paid)
     * @param feesUsd          fees paid by both legs so far (entry fees included)
     * @param entryFeesUsd     fees paid at entry
     * @param hoursHeld        hours since entry
     * @param entrySpreadPct   abs(long − short) / mean × 100 at entry, from the marks
     */
    public record PositionSnapshot(int slot, String longVenue, String shortVenue, double sizeUsd, double leverage,
                                   double longEntryPrice, double shortEntryPrice, double longMarkPrice, double shortMarkPrice,
                                   double longRate8h, double shortRate8h, double fundingUsd, double feesUsd, double entryFeesUsd,
                                   double hoursHeld, double entrySpreadPct) {
        public PositionSnapshot {
            Checks.inRange("position.slot", slot, 0, 4);
            Checks.notBlank("position.long_venue", longVenue);
            Checks.notBlank("position.short_venue", shortVenue);
            Checks.positive("position.size_usd", sizeUsd);
            Checks.inRange("position.leverage", leverage, 1, 100);
            Checks.positive("position.long_entry_price", longEntryPrice);
            Checks.positive("position.short_entry_price", shortEntryPrice);
            Checks.positive("position.long_mark_price", longMarkPrice);
            Checks.positive("position.short_mark_price", shortMarkPrice);
            Checks.inRange("position.long_rate_8h", longRate8h, -1, 1);
            Checks.inRange("position.short_rate_8h", shortRate8h, -1, 1);
            Checks.inRange("position.funding_usd", fundingUsd, -1e15, 1e15);
            Checks.nonNegative("position.fees_usd", feesUsd);
            Checks.nonNegative("position.entry_fees_usd", entryFeesUsd);
            Checks.nonNegative("position.hours_held", hoursHeld);
            Checks.nonNegative("position.entry_spread_pct", entrySpreadPct);
        }
    }

    /** The state the observation and the mask are written from. */
    public static FundingState state(EnvConfig env, TradingConfig config, PortfolioSnapshot account, List<PositionSnapshot> positions,
                                     List<Opportunity> opportunities) {
        EnvLayout layout = env.layout();
        FundingState s = new FundingState(env);
        // the account: fresh books holding the positions, cash left at the available capital
        double locked = 0;
        for (PositionSnapshot p : positions) {
            if (p.slot() >= layout.executionSlots()) {
                throw new ConfigException("position.slot", "value " + p.slot() + " is outside [0, " + (layout.executionSlots() - 1) + "]");
            }
            locked += 2 * p.sizeUsd() / p.leverage() + p.feesUsd() - p.fundingUsd();
        }
        Portfolio portfolio = new Portfolio(Math.max(1e-6, account.availableCapitalUsd() + locked), 2 * layout.executionSlots());
        s.beginEpisode(config, account.timeMs(), account.episodeHours(), portfolio, account.initialCapitalUsd());
        s.hoursElapsed = account.hoursElapsed();
        s.maxDrawdown = account.maxDrawdown();
        for (PositionSnapshot p : positions) {
            int k = p.slot();
            if (s.active[k]) {
                throw new ConfigException("position.slot", "two positions in slot " + k);
            }
            Instrument li = instrument(p.longVenue(), env.feeRatePerSide());
            Instrument si = instrument(p.shortVenue(), env.feeRatePerSide());
            double ql = p.sizeUsd() / p.longEntryPrice();
            double qs = p.sizeUsd() / p.shortEntryPrice();
            portfolio.fill(2 * k, li, ql, p.longEntryPrice(), p.feesUsd() / 2, p.leverage());
            portfolio.fill(2 * k + 1, si, -qs, p.shortEntryPrice(), p.feesUsd() / 2, p.leverage());
            if (p.fundingUsd() != 0) {
                // a rate that pays exactly the funding received so far (a long receives −qty × price × rate)
                portfolio.settleFunding(2 * k, -p.fundingUsd() / (ql * p.longEntryPrice()), p.longEntryPrice());
            }
            portfolio.mark(2 * k, p.longMarkPrice());
            portfolio.mark(2 * k + 1, p.shortMarkPrice());
            s.positionOpened(k);
            s.active[k] = true;
            s.sizeUsd[k] = p.sizeUsd();
            s.entryFeesUsd[k] = p.entryFeesUsd();
            s.entrySpreadPct[k] = p.entrySpreadPct();
            s.entryHour[k] = account.hoursElapsed() - p.hoursHeld();
            s.longRate8h[k] = p.longRate8h();
            s.shortRate8h[k] = p.shortRate8h();
            s.longLeg[k] = -1;
            s.shortLeg[k] = -1;
        }
        // the opportunities: valid ones ranked by the composite score, cut to the slots, encoded by the one encoder
        List<Opportunity> valid = new ArrayList<>();
        for (Opportunity o : opportunities) {
            if (o.profit8h() > 0) {
                valid.add(o);
            }
        }
        valid.sort(Comparator.comparingDouble((Opportunity o) -> o.compositeScore(env.qualityVolumeUsd(), env.qualityBidAskPct())).reversed());
        int n = Math.min(valid.size(), layout.opportunitySlots());
        s.oppSource = new float[layout.opportunitySlots() * EnvLayout.OPPORTUNITY_FEATURES];
        s.oppSourceOffset = 0;
        s.setRiskClasses(layout.opportunitySlots());
        for (int i = 0; i < n; i++) {
            Opportunity o = valid.get(i);
            o.encode(s.oppSource, i * EnvLayout.OPPORTUNITY_FEATURES);
            s.oppValid[i] = true;
            s.oppClass[i] = i;
            s.classUnit[i] = FundingState.unitProposal(instrument(o.longVenue(), o.longFeeRate()), instrument(o.shortVenue(), o.shortFeeRate()),
                    s.leverage, account.timeMs());
        }
        return s;
    }

    /** The opportunities {@link #state} keeps, in slot order (for naming the chosen action in a response). */
    public static List<Opportunity> ranked(EnvConfig env, List<Opportunity> opportunities) {
        return opportunities.stream().filter(o -> o.profit8h() > 0)
                .sorted(Comparator.comparingDouble((Opportunity o) -> o.compositeScore(env.qualityVolumeUsd(), env.qualityBidAskPct())).reversed())
                .limit(env.layout().opportunitySlots()).toList();
    }

    /** A perpetual named {@code venue:SYMBOL}; a symbol ending in {@code -inverse} is coin-margined. */
    static Instrument instrument(String name, double feeRate) {
        int colon = name.indexOf(':');
        String venue = colon > 0 ? name.substring(0, colon) : name;
        String symbol = colon > 0 ? name.substring(colon + 1) : name;
        boolean inverse = symbol.endsWith("-inverse");
        return new Instrument(symbol, venue, inverse ? InstrumentKind.INVERSE_PERPETUAL : InstrumentKind.LINEAR_PERPETUAL,
                symbol.replace("USD-inverse", "").replace("USDT", ""), inverse ? "USD" : "USDT", 1e-8, 1e-12, feeRate, feeRate, 8);
    }
}
