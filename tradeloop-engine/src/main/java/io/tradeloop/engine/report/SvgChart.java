package io.tradeloop.engine.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small time-series chart drawn as inline SVG (no scripts, no network): lines, a filled area,
 * trade markers, time and value axes, linear or log scale. Long series are reduced to the minimum and
 * maximum of each pixel column first, so spikes survive and the file stays small.
 */
final class SvgChart {
    private record Line(long[] x, double[] y, String color, double width, boolean dashed, boolean area, String label) {
    }

    /** A trade marker: {@code up} draws ▲ (buy), else ▼ (sell); {@code cross} draws ✕ (liquidation). */
    record Marker(long x, double y, boolean up, boolean cross, String title) {
    }

    private static final int LEFT = 78;
    private static final int RIGHT = 18;
    private static final int TOP = 30;
    private static final int BOTTOM = 28;

    private final int width;
    private final int height;
    private final String title;
    private final boolean percentAxis;
    private boolean logY;
    private final List<Line> lines = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    SvgChart(int width, int height, String title, boolean percentAxis) {
        this.width = width;
        this.height = height;
        this.title = title;
        this.percentAxis = percentAxis;
    }

    SvgChart line(long[] x, double[] y, int n, String color, double strokeWidth, boolean dashed, String label) {
        long[][] xs = new long[1][];
        double[] yy = decimate(x, y, n, (width - LEFT - RIGHT), xs);
        lines.add(new Line(xs[0], yy, color, strokeWidth, dashed, false, label));
        return this;
    }

    SvgChart area(long[] x, double[] y, int n, String color, String label) {
        long[][] xs = new long[1][];
        double[] yy = decimate(x, y, n, (width - LEFT - RIGHT), xs);
        lines.add(new Line(xs[0], yy, color, 1, false, true, label));
        return this;
    }

    SvgChart markers(List<Marker> m) {
        markers.addAll(m);
        return this;
    }

    /** Uses a log value axis when the positive values span more than {@code ratio}×. */
    SvgChart logScaleAbove(double ratio) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (double v : l.y) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                } else if (!Double.isNaN(v)) {
                    return this; // a zero or negative value rules out a log axis
                }
            }
        }
        logY = hi / lo > ratio;
        return this;
    }

    /** Min/max per pixel column, in time order within each column. */
    static double[] decimate(long[] x, double[] y, int n, int columns, long[][] xOut) {
        if (n <= 2L * columns) {
            xOut[0] = java.util.Arrays.copyOf(x, n);
            return java.util.Arrays.copyOf(y, n);
        }
        long[] ox = new long[2 * columns + 2];
        double[] oy = new double[2 * columns + 2];
        int m = 0;
        long x0 = x[0];
        double span = Math.max(1, x[n - 1] - x0);
        int i = 0;
        for (int c = 0; c < columns && i < n; c++) {
            long end = x0 + (long) Math.ceil(span * (c + 1) / columns);
            int lo = i;
            int hi = i;
            int j = i;
            for (; j < n && (x[j] <= end || c == columns - 1); j++) {
                if (y[j] < y[lo]) lo = j;
                if (y[j] > y[hi]) hi = j;
            }
            if (j == i) {
                continue;
            }
            int a = Math.min(lo, hi);
            int b = Math.max(lo, hi);
            ox[m] = x[a];
            oy[m++] = y[a];
            if (b != a) {
                ox[m] = x[b];
                oy[m++] = y[b];
            }
            i = j;
        }
        xOut[0] = java.util.Arrays.copyOf(ox, m);
        return java.util.Arrays.copyOf(oy, m);
    }

    String render() {
        long xmin = Long.MAX_VALUE;
        long xmax = Long.MIN_VALUE;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.x.length; i++) {
                xmin = Math.min(xmin, l.x[i]);
                xmax = Math.max(xmax, l.x[i]);
                if (Double.isFinite(l.y[i])) {
                    ymin = Math.min(ymin, l.y[i]);
                    ymax = Math.max(ymax, l.y[i]);
                }
            }
            if (l.area) {
                ymin = Math.min(ymin, 0);
                ymax = Math.max(ymax, 0);
            }
        }
        for (Marker mk : markers) {
            ymin = Math.min(ymin, mk.y());
            ymax = Math.max(ymax, mk.y());
        }
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">");
        sb.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"ct\">").append(Html.escape(title))
                .append(logY ? " (log scale)" : "").append("</text>");
        if (xmin == Long.MAX_VALUE || !(ymax >= ymin)) {
            sb.append("<text x=\"").append(width / 2).append("\" y=\"").append(height / 2).append("\" class=\"ax\">no data</text></svg>");
            return sb.toString();
        }
        if (xmax == xmin) xmax = xmin + 1;
        if (ymax == ymin) {
            double pad = ymax == 0 ? 1 : Math.abs(ymax) * 0.01;
            ymin -= pad;
            ymax += pad;
        }
        final double fy0 = logY ? Math.log10(ymin) : ymin;
        final double fy1 = logY ? Math.log10(ymax) : ymax;
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        final long fx0 = xmin;
        final double fxSpan = xmax - xmin;
        java.util.function.LongToDoubleFunction px = t -> LEFT + plotW * (t - fx0) / fxSpan;
        java.util.function.DoubleUnaryOperator py = v -> {
            double f = logY ? Math.log10(Math.max(v, 1e-300)) : v;
            return TOP + plotH * (1 - (f - fy0) / (fy1 - fy0 == 0 ? 1 : fy1 - fy0));
        };
        // Grid and value axis.
        for (double v : logY ? logTicks(ymin, ymax) : niceTicks(ymin, ymax, 5)) {
            double y = py.applyAsDouble(v);
            sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"").append(f1(y))
                    .append("\" y2=\"").append(f1(y)).append("\" class=\"grid\"/>");
            sb.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f1(y + 4)).append("\" class=\"ax\" text-anchor=\"end\">")
                    .append(Html.escape(formatValue(v))).append("</text>");
        }
        // Time axis.
        for (long t : timeTicks(xmin, xmax)) {
            double x = px.applyAsDouble(t);
            sb.append("<line x1=\"").append(f1(x)).append("\" x2=\"").append(f1(x)).append("\" y1=\"").append(TOP)
                    .append("\" y2=\"").append(height - BOTTOM).append("\" class=\"grid\"/>");
            // Labels near the right edge are right-aligned so they stay inside the picture.
            String anchor = x > width - RIGHT - 30 ? "end" : "middle";
            sb.append("<text x=\"").append(f1(Math.min(x, width - 2.0))).append("\" y=\"").append(height - BOTTOM + 16)
                    .append("\" class=\"ax\" text-anchor=\"").append(anchor).append("\">").append(timeLabel(t, xmax - xmin)).append("</text>");
        }
        sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(f1(plotW))
                .append("\" height=\"").append(f1(plotH)).append("\" class=\"frame\"/>");
        for (Line l : lines) {
            StringBuilder pts = new StringBuilder(l.x.length * 14);
            for (int i = 0; i < l.x.length; i++) {
                if (!Double.isFinite(l.y[i])) continue;
                pts.append(f1(px.applyAsDouble(l.x[i]))).append(',').append(f1(py.applyAsDouble(l.y[i]))).append(' ');
            }
            if (l.area && l.x.length > 0) {
                double zero = py.applyAsDouble(0);
                sb.append("<polygon points=\"").append(f1(px.applyAsDouble(l.x[0]))).append(',').append(f1(zero)).append(' ')
                        .append(pts).append(f1(px.applyAsDouble(l.x[l.x.length - 1]))).append(',').append(f1(zero))
                        .append("\" fill=\"").append(l.color).append("\" fill-opacity=\"0.35\" stroke=\"").append(l.color)
                        .append("\" stroke-width=\"1\"/>");
            } else {
                sb.append("<polyline fill=\"none\" stroke=\"").append(l.color).append("\" stroke-width=\"").append(l.width)
                        .append('"').append(l.dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(pts).append("\"/>");
            }
        }
        // The legend goes on top of the lines.
        int legendWidth = 0;
        for (Line l : lines) {
            if (l.label != null) legendWidth += 34 + 7 * l.label.length();
        }
        if (legendWidth > 0) {
            sb.append("<rect x=\"").append(LEFT + 3).append("\" y=\"").append(TOP + 3).append("\" width=\"").append(legendWidth)
                    .append("\" height=\"19\" class=\"legend\"/>");
        }
        int legendX = LEFT + 8;
        for (Line l : lines) {
            if (l.label == null) continue;
            sb.append("<line x1=\"").append(legendX).append("\" x2=\"").append(legendX + 18).append("\" y1=\"").append(TOP + 12)
                    .append("\" y2=\"").append(TOP + 12).append("\" stroke=\"").append(l.color).append("\" stroke-width=\"3\"")
                    .append(l.dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>");
            sb.append("<text x=\"").append(legendX + 23).append("\" y=\"").append(TOP + 16).append("\" class=\"lg\">")
                    .append(Html.escape(l.label)).append("</text>");
            legendX += 34 + 7 * l.label.length();
        }
        for (Marker mk : markers) {
            double x = px.applyAsDouble(mk.x());
            double y = py.applyAsDouble(mk.y());
            sb.append("<g><title>").append(Html.escape(mk.title())).append("</title>");
            if (mk.cross()) {
                sb.append("<path d=\"M").append(f1(x - 5)).append(',').append(f1(y - 5)).append("l10,10m0,-10l-10,10\" class=\"mk-x\"/>");
            } else if (mk.up()) {
                sb.append("<path d=\"M").append(f1(x)).append(',').append(f1(y)).append("l-5,9h10z\" class=\"mk-buy\"/>");
            } else {
                sb.append("<path d=\"M").append(f1(x)).append(',').append(f1(y)).append("l-5,-9h10z\" class=\"mk-sell\"/>");
            }
            sb.append("</g>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private String formatValue(double v) {
        if (percentAxis) {
            return String.format(Locale.ROOT, "%.0f%%", 100 * v);
        }
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (a >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static List<Double> niceTicks(double lo, double hi, int target) {
        double raw = (hi - lo) / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks;
    }

    static List<Double> logTicks(double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        double[] mult = Math.log10(hi / lo) > 3 ? new double[] {1} : new double[] {1, 2, 5};
        for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
            for (double m : mult) {
                double v = m * Math.pow(10, e);
                if (v >= lo && v <= hi) ticks.add(v);
            }
        }
        return ticks;
    }

    static List<Long> timeTicks(long from, long to) {
        long day = 86_400_000L;
        long[] steps = {3_600_000L, 4 * 3_600_000L, 12 * 3_600_000L, day, 7 * day, 30 * day, 91 * day, 182 * day, 365 * day, 730 * day};
        long span = to - from;
        long step = steps[steps.length - 1];
        for (long s : steps) {
            if (span / s <= 8) {
                step = s;
                break;
            }
        }
        List<Long> ticks = new ArrayList<>();
        if (step >= 30 * day) {
            // Calendar months / years so labels fall on the 1st.
            int months = (int) Math.max(1, Math.round(step / (30.4 * day)));
            var d = Instant.ofEpochMilli(from).atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
            if (months >= 12) d = d.withMonth(1);
            while (d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() < from) d = d.plusMonths(months);
            for (long t; (t = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()) <= to; d = d.plusMonths(months)) {
                ticks.add(t);
            }
        } else {
            for (long t = Math.floorDiv(from + step - 1, step) * step; t <= to; t += step) ticks.add(t);
        }
        return ticks;
    }

    private static String timeLabel(long t, long span) {
        String pattern = span > 3L * 365 * 86_400_000L ? "yyyy" : span > 60L * 86_400_000L ? "yyyy-MM" : span > 2L * 86_400_000L ? "MM-dd" : "MM-dd HH:mm";
        if (pattern.equals("yyyy") && Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getMonthValue() != 1) {
            pattern = "yyyy-MM";
        }
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(t));
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
