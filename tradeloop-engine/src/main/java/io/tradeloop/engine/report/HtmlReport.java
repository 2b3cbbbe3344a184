package io.tradeloop.engine.report;

import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.metrics.ClosedTrade;
import io.tradeloop.engine.metrics.EquityCurve;
import io.tradeloop.engine.metrics.PerformanceMetrics;
import io.tradeloop.engine.venue.JournalEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The backtest report: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched
 * when it is opened) with the headline figures, the equity curve, the drawdown, each traded
 * instrument's price with its fills, the metrics table, the order and risk summary and the trade list.
 */
public final class HtmlReport {
    private static final int WIDTH = 1100;
    private static final int MAX_PRICE_PANELS = 6;
    private static final int MAX_TRADE_ROWS = 200;

    private HtmlReport() {
    }

    public static void write(BacktestResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(BacktestResult r) {
        PerformanceMetrics m = r.metrics();
        StringBuilder sb = new StringBuilder(256 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>tradeloop backtest: ").append(Html.escape(r.strategy())).append("</title><style>").append(CSS)
                .append("</style></head><body><main>");
        sb.append("<h1>Backtest: ").append(Html.escape(r.strategy())).append("</h1>");
        sb.append("<p class=\"sub\">").append(day(m.startMs())).append(" → ").append(day(m.endMs()))
                .append(String.format(Locale.ROOT, " · %.2f years · %,d events · capital %,.0f USD", m.years(), r.events(), m.initialEquityUsd()))
                .append("</p>");

        // Headline cards.
        sb.append("<section class=\"cards\">");
        card(sb, "Total return", pct(m.totalReturn()), m.totalReturn());
        card(sb, "CAGR", pct(m.cagr()), m.cagr());
        card(sb, "Sharpe", num(m.sharpe()), m.sharpe());
        card(sb, "Max drawdown", pct(-m.maxDrawdown()), -m.maxDrawdown());
        card(sb, "Trades", String.format(Locale.ROOT, "%,d", m.trades()), Double.NaN);
        card(sb, "Win rate", pct(m.winRate()), Double.NaN);
        card(sb, "Fees paid", String.format(Locale.ROOT, "%,.0f USD", m.feesPaidUsd()), Double.NaN);
        sb.append("</section>");

        EquityCurve curve = r.curve();
        long[] t = curve.times();
        double[] eq = curve.equity();
        var equity = new SvgChart(WIDTH, 340, "Equity (USD)", false)
                .line(t, eq, t.length, "#1f5fbf", 2, false, "strategy");
        if (r.feeds().size() == 1) {
            BarSeries b = r.feeds().getFirst().bars();
            if (!b.isEmpty()) {
                long[] bt = new long[b.size() + 1];
                double[] bh = new double[b.size() + 1];
                bt[0] = b.openTimeMs(0);
                bh[0] = m.initialEquityUsd();
                for (int i = 0; i < b.size(); i++) {
                    bt[i + 1] = b.closeTimeMs(i);
                    bh[i + 1] = m.initialEquityUsd() * b.close(i) / b.open(0);
                }
                equity.line(bt, bh, bt.length, "#999999", 1.2, true, "buy & hold " + r.feeds().getFirst().instrument().id());
            }
        }
        sb.append("<section><h2>Equity</h2>").append(equity.logScaleAbove(20).render()).append("</section>");

        double[] dd = drawdownSeries(eq);
        sb.append("<section><h2>Drawdown</h2>")
                .append(new SvgChart(WIDTH, 200, "Drawdown from the running peak", true).area(t, dd, t.length, "#c0392b", null).render())
                .append("</section>");

        sb.append("<section><h2>Trades on price</h2><p class=\"note\">▲ buy · ▼ sell · ✕ liquidation; markers sit at the fill time and price (hover for details).</p>");
        int panels = 0;
        for (int f = 0; f < r.feeds().size() && panels < MAX_PRICE_PANELS; f++) {
            MarketFeed feed = r.feeds().get(f);
            List<SvgChart.Marker> marks = markers(r, f);
            if (marks.isEmpty() && r.feeds().size() > 1) continue;
            BarSeries b = feed.bars();
            long[] ct = new long[b.size()];
            for (int i = 0; i < b.size(); i++) ct[i] = b.closeTimeMs(i);
            String title = feed.instrument().id() + " close, " + b.timeframe() + " bars (" + marks.size() + " fills)";
            sb.append(new SvgChart(WIDTH, r.feeds().size() > 1 ? 230 : 320, title, false)
                    .line(ct, b.closes(), b.size(), "#34495e", 1, false, null).markers(marks).logScaleAbove(20).render());
            panels++;
        }
        sb.append("</section>");

        sb.append("<section class=\"two\"><div><h2>Metrics</h2><table class=\"metrics\">");
        for (MetricTable.Row row : MetricTable.rows(m)) {
            sb.append("<tr><th>").append(Html.escape(row.label())).append("</th><td>").append(Html.escape(row.formatted()))
                    .append("</td></tr>");
        }
        sb.append("</table></div><div><h2>Orders and risk</h2>");
        OrderStats s = OrderStats.of(r.journal());
        sb.append("<table class=\"metrics\">");
        row(sb, "Proposals", s.proposals());
        row(sb, "approved", s.approved());
        row(sb, "scaled down by risk", s.adjusted());
        row(sb, "refused by risk", s.refused());
        row(sb, "Orders accepted by the venue", s.ordersAccepted());
        row(sb, "Fills", s.fills());
        row(sb, "Rejected by the venue", s.rejected());
        row(sb, "Cancelled / expired", s.cancelled());
        row(sb, "Liquidations", s.liquidations());
        row(sb, "Funding payments", s.fundingPayments());
        sb.append("</table>");
        if (!s.refusedByRule().isEmpty()) {
            sb.append("<h3>Refusals by rule</h3><ul>");
            s.refusedByRule().forEach((rule, c) -> sb.append("<li><b>").append(Html.escape(rule)).append("</b> × ").append(c.count())
                    .append(": ").append(Html.escape(c.firstReason())).append("</li>"));
            sb.append("</ul>");
        }
        List<String> rej = OrderStats.rejectionReasons(r.journal(), 5);
        if (!rej.isEmpty()) {
            sb.append("<h3>Venue rejections</h3><ul>");
            rej.forEach(x -> sb.append("<li>").append(Html.escape(x)).append("</li>"));
            sb.append("</ul>");
        }
        sb.append("<h3>Set-up</h3><ul>");
        for (MarketFeed f : r.feeds()) {
            var i = f.instrument();
            sb.append("<li>").append(Html.escape(i.id())).append(" (").append(i.kind().name().toLowerCase(Locale.ROOT)).append("), ")
                    .append(f.bars().size()).append(" × ").append(f.bars().timeframe()).append(" bars, ").append(f.funding().size())
                    .append(" funding settlements; fees maker ").append(bp(i.makerFeeRate())).append(" / taker ").append(bp(i.takerFeeRate()))
                    .append("</li>");
        }
        var sl = r.config().slippage();
        sb.append(String.format(Locale.ROOT, "<li>Slippage: %.2f bp + %.2f × range × √(qty / volume), cap %.0f bp</li>",
                sl.baseBps(), sl.impactCoefficient(), sl.maxBps()));
        sb.append("<li>Risk rules: ").append(Html.escape(String.join(", ", r.riskRules()))).append("</li>");
        sb.append(String.format(Locale.ROOT, "<li>Annualisation: %.1f periods per year (365-day year)</li>", m.periodsPerYear()));
        sb.append("<li>Fills: decided at a bar's close, executed at the next bar's open ± slippage (never outside that bar's range); "
                + "limits fill only when a later bar trades through them.</li></ul></div></section>");

        sb.append("<section><h2>Closed trades</h2>");
        List<ClosedTrade> trades = r.trades();
        if (trades.size() > MAX_TRADE_ROWS) {
            sb.append("<p class=\"note\">The last ").append(MAX_TRADE_ROWS).append(" of ").append(trades.size())
                    .append(" trades; the JSON output lists them all.</p>");
        }
        sb.append("<table class=\"trades\"><tr><th>#</th><th>entry</th><th>exit</th><th>trade</th><th>notional</th>")
                .append("<th>price P&amp;L</th><th>funding</th><th>fees</th><th>net P&amp;L</th><th>return</th></tr>");
        for (int i = Math.max(0, trades.size() - MAX_TRADE_ROWS); i < trades.size(); i++) {
            ClosedTrade c = trades.get(i);
            sb.append("<tr><td>").append(i + 1).append("</td><td>").append(minute(c.entryMs())).append("</td><td>").append(minute(c.exitMs()))
                    .append("</td><td>").append(Html.escape(c.description())).append(c.liquidated() ? " <b>liquidated</b>" : "")
                    .append("</td><td>").append(usd(c.entryNotionalUsd())).append("</td><td>").append(usd(c.pricePnlUsd()))
                    .append("</td><td>").append(usd(c.fundingUsd())).append("</td><td>").append(usd(c.feesUsd()))
                    .append("</td><td class=\"").append(c.pnlUsd() >= 0 ? "pos" : "neg").append("\">").append(usd(c.pnlUsd()))
                    .append("</td><td>").append(pct(c.returnOnNotional())).append("</td></tr>");
        }
        sb.append("</table>");
        if (!r.openPositions().isEmpty()) {
            sb.append("<h3>Open at the end (marked at the last close)</h3><ul>");
            r.openPositions().forEach(p -> sb.append("<li>").append(Html.escape(p.instrument().id())).append(": ")
                    .append(String.format(Locale.ROOT, "%.6g @ %.6g, unrealised %s USD", p.qty(), p.entryPrice(), usd(p.unrealisedPnlUsd())))
                    .append("</li>"));
            sb.append("</ul>");
        }
        sb.append("</section><footer>Written by tradeloop. A self-contained file: no scripts, nothing loaded from the network.</footer>");
        sb.append("</main></body></html>\n");
        return sb.toString();
    }

    /** (E_k − peak_k) / peak_k at every point (0 at a new peak, negative below it). */
    static double[] drawdownSeries(double[] equity) {
        double[] dd = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            dd[i] = peak > 0 ? (equity[i] - peak) / peak : 0;
        }
        return dd;
    }

    private static List<SvgChart.Marker> markers(BacktestResult r, int feed) {
        List<SvgChart.Marker> out = new ArrayList<>();
        for (JournalEntry e : r.journal().entries()) {
            Fill f;
            boolean liq;
            if (e instanceof JournalEntry.Filled x) {
                f = x.fill();
                liq = false;
            } else if (e instanceof JournalEntry.Liquidated x) {
                f = x.fill();
                liq = true;
            } else {
                continue;
            }
            if (f.book() != feed) continue;
            String title = (liq ? "LIQUIDATION " : "") + f.side() + " " + String.format(Locale.ROOT, "%.6g @ %.6g, fee %.2f USD, ",
                    f.qty(), f.price(), f.feeUsd()) + TimeFormat.iso(f.timeMs());
            out.add(new SvgChart.Marker(f.timeMs(), f.price(), f.side() == Side.BUY, liq, title));
        }
        return out;
    }

    private static void card(StringBuilder sb, String label, String value, double sign) {
        String cls = Double.isNaN(sign) ? "" : sign >= 0 ? " pos" : " neg";
        sb.append("<div class=\"card\"><div class=\"cl\">").append(Html.escape(label)).append("</div><div class=\"cv").append(cls)
                .append("\">").append(Html.escape(value)).append("</div></div>");
    }

    private static void row(StringBuilder sb, String label, int v) {
        sb.append("<tr><th>").append(Html.escape(label)).append("</th><td>").append(String.format(Locale.ROOT, "%,d", v)).append("</td></tr>");
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "–";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String bp(double rate) {
        return String.format(Locale.ROOT, "%.1f bp", rate * 1e4);
    }

    private static String day(long ms) {
        return TimeFormat.iso(ms).substring(0, 10);
    }

    private static String minute(long ms) {
        return TimeFormat.iso(ms).substring(0, 16).replace('T', ' ');
    }

    private static final String CSS = """
            body{margin:0;background:#f4f6f9;color:#1d2430;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
            main{max-width:1140px;margin:0 auto;padding:18px 20px 40px}
            h1{font-size:24px;margin:4px 0 2px}h2{font-size:17px;margin:22px 0 8px}h3{font-size:14px;margin:14px 0 4px}
            .sub{color:#5a6575;margin:0 0 14px}.note{color:#5a6575;margin:0 0 6px;font-size:13px}
            section{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:10px 16px 14px;margin:14px 0}
            .cards{display:flex;flex-wrap:wrap;gap:10px;background:none;border:none;padding:0}
            .card{flex:1 1 110px;background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:10px 12px}
            .cl{color:#5a6575;font-size:12px;text-transform:uppercase;letter-spacing:.04em}.cv{font-size:21px;font-weight:600;margin-top:2px;white-space:nowrap}
            .pos{color:#13804a}.neg{color:#b8322a}
            .chart{display:block;max-width:100%;height:auto;margin:6px 0}
            .chart .ct{font-size:13px;font-weight:600;fill:#1d2430}.chart .ax{font-size:11px;fill:#5a6575}.chart .lg{font-size:12px;fill:#1d2430}
            .chart .grid{stroke:#e6eaf0;stroke-width:1}.chart .legend{fill:#fff;fill-opacity:.9;stroke:#dde3ea}.chart .frame{fill:none;stroke:#c5ced9}
            .mk-buy{fill:#13a35a;stroke:#0b5e34;stroke-width:.8}.mk-sell{fill:#d8443a;stroke:#7d1f19;stroke-width:.8}.mk-x{stroke:#000;stroke-width:2}
            .two{display:grid;grid-template-columns:1fr 1fr;gap:24px}
            table{border-collapse:collapse;width:100%}th,td{padding:3px 8px;border-bottom:1px solid #edf0f4;text-align:left}
            .metrics th{font-weight:normal;color:#3b4656}.metrics td{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
            .trades{font-size:12.5px}.trades td{font-variant-numeric:tabular-nums;white-space:nowrap}.trades td:nth-child(4){white-space:normal}
            ul{margin:4px 0;padding-left:20px}footer{color:#8a94a3;font-size:12px;margin-top:18px}
            """;
}
