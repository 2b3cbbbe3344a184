package io.tradeloop.learn.seq;

import java.util.Arrays;

/**
 * The inference pass of one trained {@link SequenceNet} in plain Java: the serving path's batch-1 call,
 * where DJL's per-call cost (native calls, array handles, a thread hop per operator) is most of the time
 * for a network this small. DJL stays the training engine; this class copies the trained weights and
 * computes the same function (agreement with DJL's forward is tested to 1e−5):
 * <pre>
 *   conv_t   = ReLU(b_c + Σ_j Σ_f W_c[·, f, j] · x[t + j − k/2, f])            (zero padding)
 *   gates_t  = W_ih conv_t + b_ih + W_hh h_{t−1} + b_hh = (i, f, g, o)         (PyTorch's gate order)
 *   c_t      = σ(f) c_{t−1} + σ(i) tanh(g),  h_t = σ(o) tanh(c_t)              (h_0 = c_0 = 0)
 *   q        = W_q h_T + b_q;  per head n: p_n,t = softmax_t(q_n · (W_k h_t + b_k)_n / √d)
 *   a        = W_r [Σ_t p_n,t (W_v h_t + b_v)_n]_n + b_r
 *   logits   = W_head (h_T + a) + b_head
 * </pre>
 * How it is fast (about 20× fewer operations than the plain formula, and vectorised):
 * <ul>
 *   <li>Only the last time step feeds the head, so attention is evaluated for the last query alone, with
 *       the key and value projections folded (q_n · W_k h_t = (W_kₙᵀ q_n) · h_t; Σ_t p W_v h_t = W_v Σ_t p h_t).</li>
 *   <li>Serving slides the window by one bar per call. The convolution and the LSTM's input projection of
 *       a row depend only on that row and its neighbours, so when the new window is the previous one
 *       shifted by one row (checked by comparing the values, not assumed) only the rows at the window's
 *       edges (where the zero padding changes) are recomputed; the LSTM recurrence always runs in full.</li>
 *   <li>Weights are stored transposed, one array per row, and the inner loops run over a row with
 *       matching indices in blocks of four inputs, which is the form the JIT turns into SIMD code.</li>
 *   <li>σ and tanh use a rational approximation of tanh (|error| &lt; 4e−7; σ(x) = ½ + ½ tanh(x/2)) that
 *       vectorises, where {@code Math.exp} does not.</li>
 * </ul>
 * The sums run in a different order than PyTorch's, so results agree to float rounding, not bit for bit.
 * One instance holds its scratch buffers: use it from one thread at a time; it allocates nothing per call.
 */
public final class SequenceNetForward {

    /** A network's weights in PyTorch's layouts: conv (C, F, K), LSTM (4H, ·), linear layers (out, in). */
    public record Weights(float[] convW, float[] convB, float[] wIh, float[] wHh, float[] bIh, float[] bHh, float[] wQ, float[] bQ,
                          float[] wK, float[] bK, float[] wV, float[] bV, float[] wR, float[] bR, float[] wHead, float[] bHead) {
    }

    private final int window;
    private final int features;
    private final int filters;
    private final int kernel;
    private final int hidden;
    private final int heads;
    private final int classes;
    private final int g4;
    // weights: transposed rows for the saxpy loops
    private final float[][] convT;   // [j·F + f][c]
    private final float[] convB;
    private final float[][] wIhT;    // [c][4H]
    private final float[][] wHhT;    // [h][4H]
    private final float[] bGates;    // b_ih + b_hh
    private final float[] actScale;  // tanh argument scale per gate: ½ for σ gates (i, f, o), 1 for g
    private final float[] actShift;  // a + b·tanh: (½, ½) for σ gates, (0, 1) for g
    private final float[] actMult;
    private final double[] wQ;       // [d·E + e]
    private final double[] bQ;
    private final double[] wK;
    private final double[] bK;
    private final double[] wV;
    private final double[] bV;
    private final double[] wR;
    private final double[] bR;
    private final double[] wHead;    // [k·E + e]
    private final double[] bHead;
    // scratch
    private final float[] previous;  // the last window seen (for the sliding check)
    private boolean havePrevious;
    private final float[][] conv;    // [t][C]
    private final float[][] xGates;  // [t][4H]: W_ih conv_t + b_ih + b_hh
    private final float[][] hs;      // [t][H]
    private final float[] gates;
    private final float[] gi;
    private final float[] gf;
    private final float[] gg;
    private final float[] go;
    private final float[] cell;
    private final double[] q;
    private final double[] u;        // [n·E + e]: W_kₙᵀ q_n
    private final double[] scores;   // [n·T + t]
    private final double[] hBar;     // [n·E + e]: Σ_t p_n,t h_t
    private final double[] attended;
    private final double[] last;
    private final double[] logits;

    public SequenceNetForward(SequenceModelConfig c, int features, int classes, Weights w) {
        this.window = c.window();
        this.features = features;
        this.filters = c.convFilters();
        this.kernel = c.kernel();
        this.hidden = c.lstmHidden();
        this.heads = c.heads();
        this.classes = classes;
        this.g4 = 4 * hidden;
        int e = hidden;
        check("conv weight", w.convW(), filters * features * kernel);
        check("conv bias", w.convB(), filters);
        check("LSTM input weight", w.wIh(), g4 * filters);
        check("LSTM hidden weight", w.wHh(), g4 * hidden);
        check("LSTM input bias", w.bIh(), g4);
        check("LSTM hidden bias", w.bHh(), g4);
        for (float[] m : new float[][] {w.wQ(), w.wK(), w.wV(), w.wR()}) check("attention projection", m, e * e);
        for (float[] b : new float[][] {w.bQ(), w.bK(), w.bV(), w.bR()}) check("attention bias", b, e);
        check("head weight", w.wHead(), classes * e);
        check("head bias", w.bHead(), classes);
        convT = new float[kernel * features][filters];
        for (int ch = 0; ch < filters; ch++) {
            for (int f = 0; f < features; f++) {
                for (int j = 0; j < kernel; j++) convT[j * features + f][ch] = w.convW()[(ch * features + f) * kernel + j];
            }
        }
        convB = w.convB().clone();
        wIhT = transposedRows(w.wIh(), g4, filters);
        wHhT = transposedRows(w.wHh(), g4, hidden);
        bGates = new float[g4];
        for (int g = 0; g < g4; g++) bGates[g] = w.bIh()[g] + w.bHh()[g];
        actScale = new float[g4];
        actShift = new float[g4];
        actMult = new float[g4];
        for (int g = 0; g < g4; g++) {
            boolean tanhGate = g >= 2 * hidden && g < 3 * hidden;
            actScale[g] = tanhGate ? 1f : 0.5f;
            actShift[g] = tanhGate ? 0f : 0.5f;
            actMult[g] = tanhGate ? 1f : 0.5f;
        }
        wQ = doubles(w.wQ());
        bQ = doubles(w.bQ());
        wK = doubles(w.wK());
        bK = doubles(w.bK());
        wV = doubles(w.wV());
        bV = doubles(w.bV());
        wR = doubles(w.wR());
        bR = doubles(w.bR());
        wHead = doubles(w.wHead());
        bHead = doubles(w.bHead());
        previous = new float[window * features];
        conv = new float[window][filters];
        xGates = new float[window][g4];
        hs = new float[window][hidden];
        gates = new float[g4];
        gi = new float[hidden];
        gf = new float[hidden];
        gg = new float[hidden];
        go = new float[hidden];
        cell = new float[hidden];
        q = new double[e];
        u = new double[heads * e];
        scores = new double[heads * window];
        hBar = new double[heads * e];
        attended = new double[e];
        last = new double[e];
        logits = new double[classes];
    }

    private static void check(String what, float[] a, int expected) {
        if (a == null || a.length != expected) {
            throw new IllegalArgumentException(what + " has " + (a == null ? 0 : a.length) + " values, the configuration needs " + expected);
        }
    }

    /** (rows × cols) row-major → cols arrays of rows values. */
    private static float[][] transposedRows(float[] m, int rows, int cols) {
        float[][] t = new float[cols][rows];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c][r] = m[r * cols + c];
        return t;
    }

    private static double[] doubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /**
     * Class probabilities (soft-max of the logits) for one window of {@code window × features} values,
     * oldest row first, starting at {@code offset}; written into {@code probs[0 .. classes)}.
     */
    public void probabilities(float[] x, int offset, double[] probs) {
        inputGates(x, offset);
        lstm();
        attendLast();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double s = bHead[k];
            for (int e = 0; e < hidden; e++) s += wHead[k * hidden + e] * last[e];
            logits[k] = s;
            max = Math.max(max, s);
        }
        double z = 0;
        for (int k = 0; k < classes; k++) {
            probs[k] = Math.exp(logits[k] - max);
            z += probs[k];
        }
        for (int k = 0; k < classes; k++) probs[k] /= z;
    }

    /** The LSTM's input part of the gates for every time step: all of them, or only the edge rows when the window slid by one. */
    private void inputGates(float[] x, int offset) {
        int f = features;
        int pad = kernel / 2;
        boolean slid = havePrevious && window > 2 * pad + 1
                && Arrays.equals(x, offset, offset + (window - 1) * f, previous, f, window * f);
        if (slid) {
            // position t of the new window is position t + 1 of the old one; rows away from both edges keep their values
            float[] g0 = xGates[0];
            System.arraycopy(xGates, 1, xGates, 0, window - 1);
            xGates[window - 1] = g0;
            // the new first rows lost their left neighbours, the old last rows gained right ones, the new last row is new
            for (int t = 0; t < pad; t++) rowGates(x, offset, t);
            for (int t = window - 1 - pad; t < window; t++) rowGates(x, offset, t);
        } else {
            for (int t = 0; t < window; t++) rowGates(x, offset, t);
        }
        System.arraycopy(x, offset, previous, 0, window * f);
        havePrevious = true;
    }

    /** conv_t = ReLU(conv1d(x))_t, then xGates_t = W_ih conv_t + b_ih + b_hh. */
    private void rowGates(float[] x, int offset, int t) {
        int f = features;
        int pad = kernel / 2;
        float[] out = conv[t];
        System.arraycopy(convB, 0, out, 0, filters);
        for (int j = 0; j < kernel; j++) {
            int s = t + j - pad;
            if (s < 0 || s >= window) continue;
            int row = offset + s * f;
            int base = j * f;
            int k = 0;
            for (; k + 3 < f; k += 4) {
                saxpy4(out, convT[base + k], x[row + k], convT[base + k + 1], x[row + k + 1], convT[base + k + 2], x[row + k + 2],
                        convT[base + k + 3], x[row + k + 3]);
            }
            for (; k < f; k++) saxpy(out, convT[base + k], x[row + k]);
        }
        for (int ch = 0; ch < filters; ch++) out[ch] = Math.max(out[ch], 0f);
        float[] gx = xGates[t];
        System.arraycopy(bGates, 0, gx, 0, g4);
        int ch = 0;
        for (; ch + 3 < filters; ch += 4) saxpy4(gx, wIhT[ch], out[ch], wIhT[ch + 1], out[ch + 1], wIhT[ch + 2], out[ch + 2], wIhT[ch + 3], out[ch + 3]);
        for (; ch < filters; ch++) saxpy(gx, wIhT[ch], out[ch]);
    }

    private void lstm() {
        int h = hidden;
        Arrays.fill(cell, 0f);
        for (int t = 0; t < window; t++) {
            System.arraycopy(xGates[t], 0, gates, 0, g4);
            if (t > 0) {
                float[] hp = hs[t - 1];
                int j = 0;
                for (; j + 3 < h; j += 4) saxpy4(gates, wHhT[j], hp[j], wHhT[j + 1], hp[j + 1], wHhT[j + 2], hp[j + 2], wHhT[j + 3], hp[j + 3]);
                for (; j < h; j++) saxpy(gates, wHhT[j], hp[j]);
            }
            // σ(x) = ½ + ½ tanh(x / 2) for i, f, o; tanh for g: one vectorised loop over all gates
            for (int g = 0; g < g4; g++) gates[g] = actShift[g] + actMult[g] * tanh(actScale[g] * gates[g]);
            System.arraycopy(gates, 0, gi, 0, h);
            System.arraycopy(gates, h, gf, 0, h);
            System.arraycopy(gates, 2 * h, gg, 0, h);
            System.arraycopy(gates, 3 * h, go, 0, h);
            float[] ht = hs[t];
            for (int d = 0; d < h; d++) {
                float c = gf[d] * cell[d] + gi[d] * gg[d];
                cell[d] = c;
                ht[d] = go[d] * tanh(c);
            }
        }
    }

    /** y += w · a (a vectorisable loop: matching indices, one array per row). */
    private static void saxpy(float[] y, float[] w, float a) {
        for (int i = 0; i < y.length; i++) y[i] += w[i] * a;
    }

    /** y += w0·a0 + w1·a1 + w2·a2 + w3·a3 (four inputs per pass over y). */
    private static void saxpy4(float[] y, float[] w0, float a0, float[] w1, float a1, float[] w2, float a2, float[] w3, float a3) {
        for (int i = 0; i < y.length; i++) y[i] += w0[i] * a0 + w1[i] * a1 + w2[i] * a2 + w3[i] * a3;
    }

    /** The attention output for the last query, added to the last hidden state (the residual), into {@code last}. */
    private void attendLast() {
        int e = hidden;
        int dh = e / heads;
        float[] hl = hs[window - 1];
        for (int d = 0; d < e; d++) {
            double s = bQ[d];
            for (int k = 0; k < e; k++) s += wQ[d * e + k] * hl[k];
            q[d] = s;
        }
        double scale = 1 / Math.sqrt(dh);
        Arrays.fill(u, 0);
        Arrays.fill(hBar, 0);
        for (int n = 0; n < heads; n++) {
            int un = n * e;
            for (int d = n * dh; d < (n + 1) * dh; d++) {
                double qd = q[d];
                for (int k = 0; k < e; k++) u[un + k] += qd * wK[d * e + k];
            }
            // q_n · b_k,n is the same for every t and cancels in the soft-max
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < window; t++) {
                float[] ht = hs[t];
                double s = 0;
                for (int k = 0; k < e; k++) s += u[un + k] * ht[k];
                s *= scale;
                scores[n * window + t] = s;
                max = Math.max(max, s);
            }
            double z = 0;
            for (int t = 0; t < window; t++) {
                double p = Math.exp(scores[n * window + t] - max);
                scores[n * window + t] = p;
                z += p;
            }
            for (int t = 0; t < window; t++) {
                double p = scores[n * window + t] / z;
                float[] ht = hs[t];
                for (int k = 0; k < e; k++) hBar[un + k] += p * ht[k];
            }
            for (int d = n * dh; d < (n + 1) * dh; d++) {
                double s = bV[d]; // the probabilities sum to 1, so the value bias passes through once
                for (int k = 0; k < e; k++) s += wV[d * e + k] * hBar[un + k];
                attended[d] = s;
            }
        }
        for (int d = 0; d < e; d++) {
            double s = bR[d];
            for (int k = 0; k < e; k++) s += wR[d * e + k] * attended[k];
            last[d] = hl[d] + s;
        }
    }

    private static final float TANH_CLAMP = 7.90531110763549805f;

    /**
     * tanh as the ratio x·P(x²)/Q(x²) of a degree-13 odd and a degree-6 even polynomial on x clamped to
     * ±7.905 (Eigen's float tanh, a minimax fit for single precision): |error| &lt; 4e−7 in float, and
     * pure arithmetic, so loops over it vectorise.
     */
    static float tanh(float v) {
        float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, v));
        float x2 = x * x;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 - 8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * x;
        float qq = 1.19825839466702e-06f;
        qq = qq * x2 + 1.18534705686654e-04f;
        qq = qq * x2 + 2.26843463243900e-03f;
        qq = qq * x2 + 4.89352518554385e-03f;
        return p / qq;
    }
}
