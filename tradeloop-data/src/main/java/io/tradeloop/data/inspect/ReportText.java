package io.tradeloop.data.inspect;

import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.DataIssue;

import java.util.List;
import java.util.Locale;

/** Renders a {@link DataReport} as the plain text {@code tradeloop data inspect} prints. */
public final class ReportText {
    private static final int SAMPLES_SHOWN = 10;

    private ReportText() {
    }

    public static String render(DataReport report) {
        StringBuilder sb = new StringBuilder();
        line(sb, "file", report.file().toString());
        switch (report) {
            case DataReport.Bars b -> {
                line(sb, "layout", b.layout() + " (bars), name " + b.name());
                bars(sb, b.stats(), "");
            }
            case DataReport.Trades t -> {
                line(sb, "layout", t.layout() + " (trade prints), name " + t.name());
                line(sb, "rows", n(t.rows()) + " (malformed " + n(t.malformed()) + ")");
                if (t.rows() > t.malformed()) {
                    line(sb, "span", iso(t.firstMs()) + " .. " + iso(t.lastMs()) + " (" + duration(t.lastMs() - t.firstMs()) + ")");
                }
                line(sb, "amount", String.format(Locale.ROOT, "%,.6f in total", t.totalAmount()));
                gaps(sb, t.gaps(), "empty " + t.barTimeframe() + " periods", "");
                line(sb, "checks", "out-of-order " + n(t.outOfOrder()) + ", NaN/Inf " + n(t.nonFinite()) + ", non-positive prices "
                        + n(t.nonPositivePrices()) + ", negative amounts " + n(t.negativeAmounts()) + ", zero amounts " + n(t.zeroAmounts())
                        + ", prints sharing a timestamp " + n(t.sameTimePrints()));
            }
            case DataReport.Funding f -> {
                line(sb, "layout", f.layout() + " (funding), " + f.venue() + " " + f.base());
                funding(sb, f.stats(), "");
            }
            case DataReport.CrossExchange x -> {
                line(sb, "layout", x.layout() + " (candles + funding), " + x.markets().size() + " contracts");
                line(sb, "rows", n(x.rows()) + " (malformed " + n(x.malformed()) + ")");
                for (DataReport.Market m : x.markets()) {
                    sb.append('\n').append(m.key()).append(" (").append(m.kind().name().toLowerCase(Locale.ROOT)).append(")\n");
                    bars(sb, m.bars(), "  ");
                    if (m.funding() != null) {
                        funding(sb, m.funding(), "  ");
                    }
                }
                sb.append("\ncross-venue clock check (closes vs the same contract on other venues)\n");
                for (VenueAlignment.Result a : x.alignment()) {
                    line(sb, "  ", a.key(), a.note());
                }
                sb.append('\n');
            }
        }
        DataReport.Verdict v = report.verdict();
        line(sb, "strict read", v.strictOk() ? "ok" : "refuses: " + v.strictError());
        line(sb, "repair read", v.repairDropped() < 0 ? "cannot read the file"
                : "drops " + n(v.repairDropped()) + ", re-sorts " + n(v.repairResorted()) + ", warns " + n(v.warnings()));
        List<DataIssue> s = report.samples();
        if (!s.isEmpty()) {
            sb.append("problem rows (first ").append(Math.min(SAMPLES_SHOWN, s.size())).append("):\n");
            for (int i = 0; i < Math.min(SAMPLES_SHOWN, s.size()); i++) {
                sb.append("  ").append(s.get(i).describe()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void bars(StringBuilder sb, BarStats s, String indent) {
        line(sb, indent, "rows", n(s.rows()) + " (malformed " + n(s.malformed()) + ")");
        if (s.firstOpenMs() == Long.MIN_VALUE) {
            return;
        }
        String lastClose = s.interval() == null ? "" : " (last close " + iso(s.lastOpenMs() + s.interval().millis()) + ")";
        line(sb, indent, "span", iso(s.firstOpenMs()) + " .. " + iso(s.lastOpenMs()) + lastClose);
        if (s.interval() != null) {
            line(sb, indent, "interval", s.interval() + (s.intervalStated() ? " (stated)" : " (most common spacing)") + "; "
                    + n(s.distinctBars()) + " of " + n(s.expectedBars()) + " bars from first to last present"
                    + (s.misaligned() > 0 ? "; " + n(s.misaligned()) + " not on " + s.interval() + " boundaries (UTC)" : "")
                    + (s.offGridSpacings() > 0 ? "; " + n(s.offGridSpacings()) + " spacings not a whole number of intervals" : ""));
            gaps(sb, s.gaps(), "missing bars", indent);
        }
        line(sb, indent, "checks", "duplicates " + n(s.duplicates()) + ", out-of-order " + n(s.outOfOrder()) + ", NaN/Inf " + n(s.nonFinite())
                + ", non-positive prices " + n(s.nonPositivePrices()) + ", high<low " + n(s.highBelowLow())
                + ", open/close outside [low,high] " + n(s.openCloseOutsideRange()) + ", negative volume " + n(s.negativeVolume())
                + ", zero volume " + n(s.zeroVolume()));
    }

    private static void funding(StringBuilder sb, FundingStats f, String indent) {
        line(sb, indent, "settlements", n(f.settlements()) + " (malformed " + n(f.malformed()) + ")");
        if (f.firstMs() == Long.MIN_VALUE) {
            return;
        }
        line(sb, indent, "span", iso(f.firstMs()) + " .. " + iso(f.lastMs()));
        line(sb, indent, "interval", String.format(Locale.ROOT, "%.0f h (median spacing)", f.intervalHours()));
        gaps(sb, f.gaps(), "missed settlements", indent);
        line(sb, indent, "rates / 8h", String.format(Locale.ROOT, "min %.6f, mean %.6f, max %.6f; %s beyond ±%.4f",
                f.minRate8h(), f.meanRate8h(), f.maxRate8h(), n(f.extremeRates()), f.threshold8h()));
        if (!f.mostExtreme().isEmpty()) {
            StringBuilder x = new StringBuilder();
            for (int i = 0; i < Math.min(5, f.mostExtreme().size()); i++) {
                FundingStats.Rate r = f.mostExtreme().get(i);
                if (i > 0) x.append(", ");
                x.append(String.format(Locale.ROOT, "%+.6f at %s", r.rate8h(), iso(r.timeMs())));
            }
            line(sb, indent, "most extreme", x.toString());
        }
        line(sb, indent, "checks", "duplicates " + n(f.duplicates()) + ", out-of-order " + n(f.outOfOrder()) + ", NaN/Inf " + n(f.nonFinite()));
    }

    private static void gaps(StringBuilder sb, GapSummary g, String unit, String indent) {
        if (g.count() == 0) {
            line(sb, indent, "gaps", "none");
            return;
        }
        Gap l = g.longest();
        line(sb, indent, "gaps", n(g.count()) + " (" + n(g.missing()) + " " + unit
                + (g.weekendOnly() > 0 ? ", " + n(g.weekendOnly()) + " of the gaps within weekends" : "")
                + "); longest " + duration(l.durationMs()) + " from " + iso(l.fromMs()));
        for (Gap x : g.largest()) {
            sb.append(indent).append(String.format(Locale.ROOT, "    %s .. %s  %6s missing  %s%s%n", iso(x.fromMs()), iso(x.toMs()),
                    n(x.missing()), duration(x.durationMs()), x.weekendOnly() ? "  (weekend)" : ""));
        }
    }

    /** {@code 2d 4h}, {@code 12h}, {@code 21m 22s}. */
    public static String duration(long ms) {
        long s = ms / 1000;
        long d = s / 86_400;
        long h = s % 86_400 / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (d > 0) b.append(d).append("d ");
        if (h > 0) b.append(h).append("h ");
        if (m > 0 && d == 0) b.append(m).append("m ");
        if (sec > 0 && d == 0 && h == 0) b.append(sec).append("s ");
        if (b.isEmpty()) b.append(ms).append("ms ");
        return b.toString().trim();
    }

    private static String iso(long ms) {
        return TimeFormat.iso(ms);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static void line(StringBuilder sb, String label, String value) {
        line(sb, "", label, value);
    }

    private static void line(StringBuilder sb, String indent, String label, String value) {
        sb.append(indent).append(String.format(Locale.ROOT, "%-12s %s%n", label + ":", value));
    }
}
