package io.tradeloop.data.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.DataIssue;

import java.io.UncheckedIOException;
import java.util.Locale;

/** Renders a {@link DataReport} as the JSON {@code tradeloop data inspect --json} prints; times are ISO-8601 UTC. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String render(DataReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the report as JSON: " + e.getMessage(), e);
        }
    }

    public static ObjectNode tree(DataReport report) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", report.file().toString());
        o.put("layout", report.layout().name());
        o.put("kind", report.layout().kind());
        switch (report) {
            case DataReport.Bars b -> {
                o.put("name", b.name());
                o.set("bars", bars(b.stats()));
            }
            case DataReport.Trades t -> {
                o.put("name", t.name());
                o.put("rows", t.rows());
                o.put("malformed", t.malformed());
                time(o, "first", t.firstMs());
                time(o, "last", t.lastMs());
                o.put("outOfOrder", t.outOfOrder());
                o.put("sameTimePrints", t.sameTimePrints());
                o.put("nonFinite", t.nonFinite());
                o.put("nonPositivePrices", t.nonPositivePrices());
                o.put("negativeAmounts", t.negativeAmounts());
                o.put("zeroAmounts", t.zeroAmounts());
                o.put("totalAmount", t.totalAmount());
                o.put("gapBarTimeframe", t.barTimeframe().toString());
                o.set("gaps", gaps(t.gaps()));
            }
            case DataReport.Funding f -> {
                o.put("venue", f.venue());
                o.put("base", f.base());
                o.set("funding", funding(f.stats()));
            }
            case DataReport.CrossExchange x -> {
                o.put("rows", x.rows());
                o.put("malformed", x.malformed());
                ArrayNode a = o.putArray("markets");
                for (DataReport.Market m : x.markets()) {
                    ObjectNode mo = a.addObject();
                    mo.put("key", m.key());
                    mo.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
                    mo.set("bars", bars(m.bars()));
                    if (m.funding() != null) {
                        mo.set("funding", funding(m.funding()));
                    }
                }
                ArrayNode al = o.putArray("alignment");
                for (VenueAlignment.Result r : x.alignment()) {
                    ObjectNode ao = al.addObject();
                    ao.put("key", r.key());
                    ao.put("peers", r.peers());
                    ao.put("errBefore", r.errBefore());
                    ao.put("errSame", r.errSame());
                    ao.put("errAfter", r.errAfter());
                    ao.put("aligned", r.aligned());
                }
            }
        }
        DataReport.Verdict v = report.verdict();
        ObjectNode vo = o.putObject("verdict");
        vo.put("strictOk", v.strictOk());
        if (!v.strictOk()) vo.put("strictError", v.strictError());
        vo.put("repairDropped", v.repairDropped());
        vo.put("repairResorted", v.repairResorted());
        vo.put("warnings", v.warnings());
        ArrayNode s = o.putArray("samples");
        for (DataIssue i : report.samples()) {
            ObjectNode io = s.addObject();
            io.put("row", i.row());
            io.put("field", i.field());
            io.put("value", i.value());
            io.put("problem", i.problem());
            io.put("action", i.action().name().toLowerCase(Locale.ROOT));
        }
        return o;
    }

    private static ObjectNode bars(BarStats b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rows", b.rows());
        o.put("malformed", b.malformed());
        time(o, "firstOpen", b.firstOpenMs());
        time(o, "lastOpen", b.lastOpenMs());
        o.put("interval", b.interval() == null ? null : b.interval().toString());
        o.put("intervalStated", b.intervalStated());
        o.put("distinctBars", b.distinctBars());
        o.put("expectedBars", b.expectedBars());
        o.set("gaps", gaps(b.gaps()));
        o.put("duplicates", b.duplicates());
        o.put("outOfOrder", b.outOfOrder());
        o.put("misaligned", b.misaligned());
        o.put("offGridSpacings", b.offGridSpacings());
        o.put("nonFinite", b.nonFinite());
        o.put("nonPositivePrices", b.nonPositivePrices());
        o.put("highBelowLow", b.highBelowLow());
        o.put("openCloseOutsideRange", b.openCloseOutsideRange());
        o.put("negativeVolume", b.negativeVolume());
        o.put("zeroVolume", b.zeroVolume());
        return o;
    }

    private static ObjectNode funding(FundingStats f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("settlements", f.settlements());
        o.put("malformed", f.malformed());
        time(o, "first", f.firstMs());
        time(o, "last", f.lastMs());
        o.put("intervalHours", f.intervalHours());
        o.set("gaps", gaps(f.gaps()));
        o.put("duplicates", f.duplicates());
        o.put("outOfOrder", f.outOfOrder());
        o.put("nonFinite", f.nonFinite());
        o.put("extremeRates", f.extremeRates());
        o.put("extremeThreshold8h", f.threshold8h());
        o.put("minRate8h", f.minRate8h());
        o.put("meanRate8h", f.meanRate8h());
        o.put("maxRate8h", f.maxRate8h());
        ArrayNode a = o.putArray("mostExtreme");
        for (FundingStats.Rate r : f.mostExtreme()) {
            ObjectNode ro = a.addObject();
            time(ro, "time", r.timeMs());
            ro.put("rate", r.rate());
            ro.put("rate8h", r.rate8h());
        }
        return o;
    }

    private static ObjectNode gaps(GapSummary g) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("count", g.count());
        o.put("missing", g.missing());
        o.put("weekendOnly", g.weekendOnly());
        ArrayNode a = o.putArray("largest");
        for (Gap x : g.largest()) {
            ObjectNode go = a.addObject();
            time(go, "from", x.fromMs());
            time(go, "to", x.toMs());
            go.put("missing", x.missing());
            go.put("durationMs", x.durationMs());
            go.put("weekendOnly", x.weekendOnly());
        }
        return o;
    }

    private static void time(ObjectNode o, String field, long ms) {
        if (ms == Long.MIN_VALUE) o.putNull(field);
        else o.put(field, TimeFormat.iso(ms));
    }
}
