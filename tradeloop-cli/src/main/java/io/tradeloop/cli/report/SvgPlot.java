package io.tradeloop.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain line chart as a standalone SVG document (no scripts, no network) for the training and evaluation
 * reports: several named series over a shared x axis, min/max labels on both axes, a legend.
 */
public final class SvgPlot {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int W = 900;
    private static final int H = 320;
    private static final int L = 70;
    private static final int R = 20;
    private static final int T = 36;
    private static final int B = 40;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final List<Series> series = new ArrayList<>();

    public SvgPlot(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** Adds a series; NaN values break the line. */
    public SvgPlot add(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    public String render() {
        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY, ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.y[i]) && Double.isFinite(s.x[i])) {
                    xmin = Math.min(xmin, s.x[i]);
                    xmax = Math.max(xmax, s.x[i]);
                    ymin = Math.min(ymin, s.y[i]);
                    ymax = Math.max(ymax, s.y[i]);
                }
            }
        }
        if (!(xmax > xmin)) { xmax = xmin + 1; }
        if (!(ymax > ymin)) { ymax = ymin + 1; }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", L, esc(title)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", L, T, W - L - R, H - T - B));
        if (ymin < 0 && ymax > 0) {
            double y0 = py(0, ymin, ymax);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\" stroke-dasharray=\"4 3\"/>%n", L, W - R, y0, y0));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", L - 4, T + 10, num(ymax)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", L - 4, H - B, num(ymin)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", L, H - B + 16, num(xmin)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", W - R, H - B + 16, num(xmax)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (L + W - R) / 2, H - 8, esc(xLabel)));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String color = COLORS[k % COLORS.length];
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i])) {
                    pen = false;
                    continue;
                }
                double x = L + (s.x[i] - xmin) / (xmax - xmin) * (W - L - R);
                double y = py(s.y[i], ymin, ymax);
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                pen = true;
            }
            sb.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", path.toString().trim(), color));
            int lx = L + 10 + k * 180;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"30\" y2=\"30\" stroke=\"%s\" stroke-width=\"3\"/>", lx + 300, lx + 318, color));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"34\">%s</text>%n", lx + 322, esc(s.name)));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double py(double y, double ymin, double ymax) {
        return T + (1 - (y - ymin) / (ymax - ymin)) * (H - T - B);
    }

    private static String num(double v) {
        double a = Math.abs(v);
        return a >= 1e6 ? String.format(Locale.ROOT, "%.3g", v) : a >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
