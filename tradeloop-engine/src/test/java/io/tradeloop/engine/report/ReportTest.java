package io.tradeloop.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.engine.Scripted;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.venue.SlippageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTest {
    static BacktestResult result() {
        var bars = Scripted.bars(new double[] {100, 102, 98, 100, 100}, new double[] {101, 104, 100, 103, 100},
                new double[] {103, 105, 99, 100, 100}, new double[] {99, 101, 95, 96, 100});
        var s = new Scripted().at(0, OrderRequest.market(0, Side.BUY, 4, 1)).at(1, OrderRequest.close(0, Side.SELL, 4))
                .at(2, OrderRequest.close(0, Side.SELL, 1)); // refused: nothing left to reduce
        return new Backtest(List.of(MarketFeed.of(Instrument.spot("test", "BTC", "USD"), bars)), s, DefaultRisk.directional(),
                new BacktestConfig(10_000, SlippageModel.defaults(), Double.NaN)).run();
    }

    @Test
    void theHtmlIsSelfContainedAndCarriesEverySection(@TempDir Path dir) throws Exception {
        var r = result();
        Path file = dir.resolve("report.html");
        HtmlReport.write(r, file);
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Equity").contains("Drawdown").contains("Trades on price")
                .contains("Metrics").contains("Orders and risk").contains("Closed trades");
        assertThat(html.split("<svg", -1)).hasSize(1 + 3); // equity, drawdown, one price panel
        assertThat(html).contains("class=\"mk-buy\"").contains("class=\"mk-sell\"");
        // Nothing is fetched when the file is opened: no scripts, no links, no remote URLs but the SVG namespace.
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
        for (MetricTable.Row row : MetricTable.rows(r.metrics())) {
            assertThat(html).contains(Html.escape(row.label())).contains(Html.escape(row.formatted()));
        }
        assertThat(html).contains("order-request"); // the refused proposal and its rule
    }

    @Test
    void theJsonCarriesTheSameNumbers(@TempDir Path dir) throws Exception {
        var r = result();
        Path file = dir.resolve("r.json");
        JsonReport.write(r, file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode metrics = root.get("metrics");
        for (MetricTable.Row row : MetricTable.rows(r.metrics())) {
            JsonNode v = metrics.get(row.key());
            assertThat(v).as(row.key()).isNotNull();
            if (Double.isFinite(row.value())) assertThat(v.asDouble()).as(row.key()).isCloseTo(row.value(), within(1e-9));
            else assertThat(v.isNull()).as(row.key()).isTrue();
        }
        assertThat(root.get("trades")).hasSize(r.trades().size());
        assertThat(root.get("trades").get(0).get("pnl_usd").asDouble()).isCloseTo(r.trades().getFirst().pnlUsd(), within(1e-9));
        assertThat(root.get("orders").get("refused").asInt()).isEqualTo(1);
        assertThat(root.get("equity_curve").get("equity_usd")).hasSize(r.curve().size());
    }

    @Test
    void longCurvesAreReducedToPixelColumnsKeepingTheExtremes() {
        int n = 100_000;
        long[] x = new long[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 500.0);
        }
        y[54_321] = 9; // a spike
        long[][] xs = new long[1][];
        double[] out = SvgChart.decimate(x, y, n, 1000, xs);
        assertThat(out.length).isLessThanOrEqualTo(2002);
        assertThat(out).contains(9.0);
        assertThat(xs[0]).isSorted();
    }
}
