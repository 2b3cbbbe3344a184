package io.tradeloop.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.metrics.ClosedTrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backtest's numbers as JSON: the same metric rows as the HTML table (undefined or infinite values
 * as {@code null}), the set-up, the order and risk counts, every closed trade and the equity curve
 * reduced to at most {@value #MAX_POINTS} points (the pixel-column min/max the report draws).
 */
public final class JsonReport {
    static final int MAX_POINTS = 2000;

    private JsonReport() {
    }

    public static void write(BacktestResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> toMap(BacktestResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("strategy", r.strategy());
        List<Map<String, Object>> feeds = new ArrayList<>();
        for (MarketFeed f : r.feeds()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("instrument", f.instrument().id());
            fm.put("kind", f.instrument().kind().name().toLowerCase(java.util.Locale.ROOT));
            fm.put("timeframe", f.bars().timeframe().toString());
            fm.put("bars", f.bars().size());
            fm.put("from", f.bars().isEmpty() ? null : TimeFormat.iso(f.bars().firstOpenTimeMs()));
            fm.put("to", f.bars().isEmpty() ? null : TimeFormat.iso(f.bars().lastCloseTimeMs()));
            fm.put("funding_settlements", f.funding().size());
            fm.put("maker_fee_rate", f.instrument().makerFeeRate());
            fm.put("taker_fee_rate", f.instrument().takerFeeRate());
            feeds.add(fm);
        }
        root.put("feeds", feeds);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("initial_cash_usd", r.config().initialCashUsd());
        cfg.put("slippage_base_bps", r.config().slippage().baseBps());
        cfg.put("slippage_impact", r.config().slippage().impactCoefficient());
        cfg.put("slippage_max_bps", r.config().slippage().maxBps());
        cfg.put("periods_per_year", r.metrics().periodsPerYear());
        cfg.put("risk_rules", r.riskRules());
        root.put("config", cfg);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("start", TimeFormat.iso(r.metrics().startMs()));
        metrics.put("end", TimeFormat.iso(r.metrics().endMs()));
        for (MetricTable.Row row : MetricTable.rows(r.metrics())) {
            metrics.put(row.key(), finite(row.value()));
        }
        metrics.put("max_drawdown_recovered", r.metrics().maxDrawdownRecovered());
        root.put("metrics", metrics);
        OrderStats s = OrderStats.of(r.journal());
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("proposals", s.proposals());
        orders.put("approved", s.approved());
        orders.put("adjusted", s.adjusted());
        orders.put("refused", s.refused());
        Map<String, Object> byRule = new LinkedHashMap<>();
        s.refusedByRule().forEach((k, v) -> byRule.put(k, Map.of("count", v.count(), "first_reason", v.firstReason())));
        orders.put("refused_by_rule", byRule);
        orders.put("orders_accepted", s.ordersAccepted());
        orders.put("fills", s.fills());
        orders.put("rejected", s.rejected());
        orders.put("cancelled", s.cancelled());
        orders.put("liquidations", s.liquidations());
        orders.put("funding_payments", s.fundingPayments());
        root.put("orders", orders);
        List<Map<String, Object>> trades = new ArrayList<>();
        for (ClosedTrade c : r.trades()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("entry", TimeFormat.iso(c.entryMs()));
            tm.put("exit", TimeFormat.iso(c.exitMs()));
            tm.put("trade", c.description());
            tm.put("legs", c.legs());
            tm.put("entry_notional_usd", c.entryNotionalUsd());
            tm.put("price_pnl_usd", c.pricePnlUsd());
            tm.put("funding_usd", c.fundingUsd());
            tm.put("fees_usd", c.feesUsd());
            tm.put("pnl_usd", c.pnlUsd());
            tm.put("return_on_notional", finite(c.returnOnNotional()));
            tm.put("liquidated", c.liquidated());
            trades.add(tm);
        }
        root.put("trades", trades);
        long[] t = r.curve().times();
        double[] eq = r.curve().equity();
        long[][] xs = new long[1][];
        double[] ye = SvgChart.decimate(t, eq, t.length, MAX_POINTS / 2, xs);
        List<String> times = new ArrayList<>(xs[0].length);
        for (long x : xs[0]) times.add(TimeFormat.iso(x));
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("points_in_run", t.length);
        curve.put("time", times);
        curve.put("equity_usd", ye);
        root.put("equity_curve", curve);
        return root;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
