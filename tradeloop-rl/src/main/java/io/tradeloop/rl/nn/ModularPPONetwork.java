package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;

import java.util.Arrays;

import static io.tradeloop.rl.nn.ModularNetworkSpec.ATTENTION_HEADS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.CONFIG_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.EXECUTION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_IN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_OUT;
import static io.tradeloop.rl.nn.ModularNetworkSpec.HEAD_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.LAYER_NORM_EPS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.OPPORTUNITY_EMBED;
import static io.tradeloop.rl.nn.ModularNetworkSpec.OPPORTUNITY_OUT;
import static io.tradeloop.rl.nn.ModularNetworkSpec.PORTFOLIO_HIDDEN;

/**
 * The plan's {@code ModularPPONetwork}, hand-written for the JVM with a fused forward and backward
 * (the reference implementation in DJL is {@code io.tradeloop.rl.djl.DjlModularPPONetwork}; a test holds
 * outputs and gradients of the two within 1e-5).
 *
 * <pre>
 * config 5 -> Linear 16, ReLU                         portfolio 10 -> Linear 32, ReLU
 * executions 5 x 12 -> Linear 24, ReLU per slot -> max over slots (24)
 * opportunities 10 x 20 -> Linear 40, ReLU -> 4-head self-attention (40) -> mean over slots -> Linear 64, ReLU
 * fusion: concat 136 -> Linear 128, LayerNorm, ReLU, Dropout -> Linear 64, LayerNorm, ReLU
 * actor 64 -> Linear 32, ReLU -> Linear 36 (logits)    critic 64 -> Linear 32, ReLU -> Linear 1
 * </pre>
 *
 * <p>Fusion: the attention output is only used through its mean over slots, and the value and output
 * projections are linear, so {@code mean_t(out(sum_u A[t,u] v_u)) = out(v(sum_u abar_u h_u))} with
 * {@code abar_u = mean_t A[t,u]} (the attention rows sum to one, so the value bias passes unchanged).
 * That removes the per-slot value and output projections (a quarter of the arithmetic) without changing
 * the function. Each layer runs over the whole batch through {@link Kernels} (SIMD through the Vector
 * API when the JVM has it); weights are stored {@code [in][out]}, one array per row.
 *
 * <p>Layouts: the encoders of the config, the portfolio and the executions, the fusion and the heads keep
 * one row per sample. The opportunity encoder (embedding, query/key/value projections, attention) works in
 * the <em>lane layout</em>: one row per (slot, feature) holding that feature of every sample, sample b in
 * lane b, so the per-slot products of the attention (10 x 10 scores per head, 10-wide softmaxes) are
 * element-wise over samples and fill whole SIMD registers, with no block-diagonal or padded per-sample
 * matrices. Lanes are padded to a multiple of 16 with zero inputs whose gradients are zero. Inference of
 * fewer than 8 rows computes the opportunity encoder sample by sample in rows instead, with the same
 * operations in the same order (the same bits). Buffers grow to the largest batch seen and are reused.
 */
public final class ModularPPONetwork implements PolicyNetwork {
    private static final int HEAD_DIM = OPPORTUNITY_EMBED / ATTENTION_HEADS;

    private final ModularNetworkSpec spec;
    private final int obsSize;
    private final int actions;
    private final int slotsE;
    private final int slotsO;
    private final float attentionScale;
    private final Rng dropoutRng;
    private final float dropout;
    private final float keepScale;

    private final Parameters params;
    private final Dense config;
    private final Dense portfolio;
    private final Dense execution;
    private final Dense embed;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense attnOut;
    private final Dense oppFc;
    private final Dense fusion0;
    private final ParameterTensor ln0Gamma;
    private final ParameterTensor ln0Beta;
    private final Dense fusion1;
    private final ParameterTensor ln1Gamma;
    private final ParameterTensor ln1Beta;
    private final Dense actor0;
    private final Dense actor1;
    private final Dense critic0;
    private final Dense critic1;

    private final Kernels kernels;

    // activations, one row per sample (or per sample x slot); grown to the largest batch seen
    private int capacity;
    private int lanes;           // lane capacity: capacity rounded up to 16
    private int lastBatch = -1;
    private float[] input;       // the observations of the running forward
    private float[][] obsRows;   // [B][obs]
    private float[][] exIn;      // [B*S][12] execution slot inputs
    private float[][] fin;       // [B][136]: config 16 | portfolio 32 | executions 24 | opportunities 64 (post-ReLU)
    private float[][] exEnc;     // [B*S][24] post-ReLU slot encodings
    private int[][] exArg;       // [B][24] slot holding the max
    private float[][] ctx;       // [B][40] mean attention output before the output projection
    private float[][] pooled;    // [B][40] mean attention output after the output projection
    private float[][] xhat0;     // [B][128] fusion.0 output, normalised in place
    private float[] rstd0;       // [B]
    private float[][] act0;      // [B][128] after LayerNorm + ReLU
    private float[][] dropMask;  // [B][128] 0 or 1/(1-p)
    private float[][] drop0;     // [B][128] after dropout (input to fusion.1)
    private float[][] xhat1;     // [B][64]
    private float[] rstd1;       // [B]
    private float[][] feat;      // [B][64] fused features
    private float[][] actorH;    // [B][32]
    private float[][] criticH;   // [B][32]
    private float[][] logitRows; // [B][actions]
    private float[][] valueRows; // [B][1]
    // the opportunity encoder in the lane layout: [row][lane], lane = sample
    private float[][] xL;        // [T*20] opportunity inputs, row t*F + i
    private float[][] hL;        // [T*40] embedded opportunities (post-ReLU), row t*E + c
    private float[][] qL;        // [T*40] queries
    private float[][] kL;        // [T*40] keys
    private float[][] attnL;     // [heads*T*T] softmax weights, row (hd*T + t)*T + u
    private float[][] abarL;     // [heads*T] mean attention slot u receives from head hd, row hd*T + u
    private float[][] hbarL;     // [heads*40] attention-weighted mean of h per head, row hd*E + c
    private float[][] ctxL;      // [40] ctx before transposing to rows
    // gradients
    private float[][] dLog;
    private float[][] dVal;
    private float[][] dActorH;
    private float[][] dCriticH;
    private float[][] dFeat;
    private float[][] dZ1;
    private float[][] dD0;
    private float[][] dZ0;
    private float[][] dFin;
    private float[][] dEx;
    private float[][] dPooled;
    private float[][] dCtx;
    private float[][] dCtxL;     // [40]
    private float[][] dHbarL;    // [heads*40]
    private float[][] dAbarL;    // [heads*T]
    private float[][] dSL;       // [T*T] score gradients of one head, row t*T + u
    private float[][] dQL;       // [T*40]
    private float[][] dKL;       // [T*40]
    private float[][] dHL;       // [T*40]

    // one sample of the opportunity encoder in rows, for inference of small batches
    private static final int SMALL_BATCH = 8;
    private final float[][] sampleIn;    // [T][20]
    private final float[][] sampleH;     // [T][40]
    private final float[][] sampleQ;     // [T][40]
    private final float[][] sampleK;     // [T][40]
    private final float[][] sampleAttn;  // [T][T] one head's softmax weights
    private final float[] sampleAbar;    // [T]
    private final float[] sampleHbar;    // [40]

    private final double[] gradSquares = new double[2];
    private final int threads;
    private java.util.concurrent.ExecutorService worker;

    /** A freshly initialised single-threaded network; {@code rng} draws the weights and, later, the dropout masks. */
    public ModularPPONetwork(ModularNetworkSpec spec, Rng rng) {
        this(spec, rng, 1);
    }

    /**
     * A freshly initialised network computing batches of 32 rows or more on {@code threads} (1 or 2)
     * threads: each takes half the rows and its own gradient buffers, which are then added in a fixed
     * order, so results are deterministic (they differ from one thread's only in rounding).
     */
    public ModularPPONetwork(ModularNetworkSpec spec, Rng rng, int threads) {
        this(spec, rng, threads, Kernels.best());
    }

    /** With explicit kernels (tests compare the vector and scalar arithmetic). */
    ModularPPONetwork(ModularNetworkSpec spec, Rng rng, int threads, Kernels kernels) {
        io.tradeloop.core.config.Checks.inRange("threads", threads, 1, 2);
        this.kernels = kernels;
        this.params = new Parameters(kernels);
        this.spec = spec;
        obsSize = spec.observationSize();
        actions = spec.actions();
        slotsE = spec.executionSlots();
        slotsO = spec.opportunitySlots();
        attentionScale = (float) (1.0 / Math.sqrt(HEAD_DIM));
        dropout = (float) spec.fusionDropout();
        keepScale = dropout > 0 ? 1f / (1f - dropout) : 1f;

        config = params.dense("config", spec.configFeatures(), CONFIG_HIDDEN, false);
        portfolio = params.dense("portfolio", spec.portfolioFeatures(), PORTFOLIO_HIDDEN, false);
        execution = params.dense("execution", spec.executionFeatures(), EXECUTION_HIDDEN, false);
        embed = params.dense("opportunity.embed", spec.opportunityFeatures(), OPPORTUNITY_EMBED, false);
        query = params.dense("opportunity.attn.q", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED, false);
        key = params.dense("opportunity.attn.k", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED, false);
        value = params.dense("opportunity.attn.v", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED, false);
        attnOut = params.dense("opportunity.attn.out", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        oppFc = params.dense("opportunity.fc", OPPORTUNITY_EMBED, OPPORTUNITY_OUT);
        fusion0 = params.dense("fusion.0", FUSION_IN, FUSION_HIDDEN);
        ln0Gamma = params.vector("fusion.ln0.weight", FUSION_HIDDEN, 1f);
        ln0Beta = params.vector("fusion.ln0.bias", FUSION_HIDDEN, 0f);
        fusion1 = params.dense("fusion.1", FUSION_HIDDEN, FUSION_OUT);
        ln1Gamma = params.vector("fusion.ln1.weight", FUSION_OUT, 1f);
        ln1Beta = params.vector("fusion.ln1.bias", FUSION_OUT, 0f);
        actor0 = params.dense("actor.0", FUSION_OUT, HEAD_HIDDEN);
        actor1 = params.dense("actor.1", HEAD_HIDDEN, actions);
        critic0 = params.dense("critic.0", FUSION_OUT, HEAD_HIDDEN);
        critic1 = params.dense("critic.1", HEAD_HIDDEN, 1);
        initialise(rng);
        dropoutRng = rng.split();

        this.threads = threads;
        sampleIn = new float[slotsO][pad(spec.opportunityFeatures())];
        sampleH = new float[slotsO][pad(OPPORTUNITY_EMBED)];
        sampleQ = new float[slotsO][pad(OPPORTUNITY_EMBED)];
        sampleK = new float[slotsO][pad(OPPORTUNITY_EMBED)];
        sampleAttn = new float[slotsO][pad(slotsO)];
        sampleAbar = new float[pad(slotsO)];
        sampleHbar = new float[pad(OPPORTUNITY_EMBED)];
        ensureCapacity(1);
    }

    /**
     * PyTorch's defaults (nn.Linear: U(+-1/sqrt(in)); nn.MultiheadAttention: Xavier-uniform in-projection,
     * zero projection biases) except the actor's last layer, scaled by 0.01 so the first policy is near
     * uniform (CleanRL's practice for PPO).
     */
    private void initialise(Rng rng) {
        for (Dense d : new Dense[] {config, portfolio, execution, embed, attnOut, oppFc, fusion0, fusion1, actor0,
                critic0, critic1}) {
            d.init(rng, 1.0);
        }
        actor1.init(rng, 0.01);
        double xavier = Math.sqrt(6.0 / (OPPORTUNITY_EMBED + 3 * OPPORTUNITY_EMBED));
        for (Dense d : new Dense[] {query, key, value}) {
            d.w.uniform(rng, xavier);
            d.b.fill(0f);
            d.syncMirror();
        }
        attnOut.b.fill(0f);
    }

    private void ensureCapacity(int batch) {
        if (batch <= capacity) {
            return;
        }
        int c = Math.max(batch, capacity * 2);
        capacity = c;
        lanes = pad(c);
        int ef = spec.executionFeatures();
        int T = slotsO;
        obsRows = new float[c][pad(obsSize)];
        exIn = new float[c * slotsE][pad(ef)];
        fin = new float[c][pad(FUSION_IN)];
        exEnc = new float[c * slotsE][pad(EXECUTION_HIDDEN)];
        exArg = new int[c][EXECUTION_HIDDEN];
        ctx = new float[c][pad(OPPORTUNITY_EMBED)];
        pooled = new float[c][pad(OPPORTUNITY_EMBED)];
        xhat0 = new float[c][pad(FUSION_HIDDEN)];
        rstd0 = new float[c];
        act0 = new float[c][pad(FUSION_HIDDEN)];
        dropMask = new float[c][pad(FUSION_HIDDEN)];
        drop0 = new float[c][pad(FUSION_HIDDEN)];
        xhat1 = new float[c][pad(FUSION_OUT)];
        rstd1 = new float[c];
        feat = new float[c][pad(FUSION_OUT)];
        actorH = new float[c][pad(HEAD_HIDDEN)];
        criticH = new float[c][pad(HEAD_HIDDEN)];
        logitRows = new float[c][pad(actions)];
        valueRows = new float[c][pad(1)];
        xL = new float[T * spec.opportunityFeatures()][lanes];
        hL = new float[T * OPPORTUNITY_EMBED][lanes];
        qL = new float[T * OPPORTUNITY_EMBED][lanes];
        kL = new float[T * OPPORTUNITY_EMBED][lanes];
        attnL = new float[ATTENTION_HEADS * T * T][lanes];
        abarL = new float[ATTENTION_HEADS * T][lanes];
        hbarL = new float[ATTENTION_HEADS * OPPORTUNITY_EMBED][lanes];
        ctxL = new float[OPPORTUNITY_EMBED][lanes];
        dLog = new float[c][pad(actions)];
        dVal = new float[c][pad(1)];
        dActorH = new float[c][pad(HEAD_HIDDEN)];
        dCriticH = new float[c][pad(HEAD_HIDDEN)];
        dFeat = new float[c][pad(FUSION_OUT)];
        dZ1 = new float[c][pad(FUSION_OUT)];
        dD0 = new float[c][pad(FUSION_HIDDEN)];
        dZ0 = new float[c][pad(FUSION_HIDDEN)];
        dFin = new float[c][pad(FUSION_IN)];
        dEx = new float[c * slotsE][pad(EXECUTION_HIDDEN)];
        dPooled = new float[c][pad(OPPORTUNITY_EMBED)];
        dCtx = new float[c][pad(OPPORTUNITY_EMBED)];
        dCtxL = new float[OPPORTUNITY_EMBED][lanes];
        dHbarL = new float[ATTENTION_HEADS * OPPORTUNITY_EMBED][lanes];
        dAbarL = new float[ATTENTION_HEADS * T][lanes];
        dSL = new float[T * T][lanes];
        dQL = new float[T * OPPORTUNITY_EMBED][lanes];
        dKL = new float[T * OPPORTUNITY_EMBED][lanes];
        dHL = new float[T * OPPORTUNITY_EMBED][lanes];
    }

    private static int pad(int n) {
        return ParameterTensor.pad(n);
    }

    /** The arithmetic this JVM uses for the dense layers, e.g. {@code vector 512-bit} or {@code scalar}. */
    public static String kernelName() {
        return Kernels.best().name();
    }

    public ModularNetworkSpec spec() {
        return spec;
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actionCount() {
        return actions;
    }

    @Override
    public long parameterCount() {
        return params.count();
    }

    @Override
    public void predict(float[] obs, int batch, float[] logits, float[] values) {
        run(obs, batch, logits, values, false);
        lastBatch = -1;
    }

    @Override
    public void forward(float[] obs, int batch, float[] logits, float[] values) {
        run(obs, batch, logits, values, true);
        lastBatch = batch;
    }

    /** The forward pass, layer by layer over the batch (split over the worker threads). */
    private void run(float[] x, int batch, float[] logits, float[] values, boolean training) {
        ensureCapacity(batch);
        if (training && dropout > 0) {
            // masks drawn here, in row order, so they do not depend on the thread split
            for (int b = 0; b < batch; b++) {
                float[] mask = dropMask[b];
                for (int j = 0; j < FUSION_HIDDEN; j++) {
                    mask[j] = dropoutRng.nextDouble() >= dropout ? keepScale : 0f;
                }
            }
        }
        input = x;
        boolean lanes = training || batch >= SMALL_BATCH;
        parallel(batch, (from, to, w) -> forwardRows(from, to, laneEnd(to, batch), training, lanes));
        input = null;
        for (int b = 0; b < batch; b++) {
            System.arraycopy(logitRows[b], 0, logits, b * actions, actions);
            values[b] = valueRows[b][0];
        }
    }

    /** The end of the lanes of rows [from, to): the last range also takes the padding lanes up to a multiple of 16. */
    private static int laneEnd(int to, int batch) {
        return to == batch ? pad(batch) : to;
    }

    /**
     * Rows [r0, r1) of the forward pass (lanes [r0, l1) of the opportunity encoder, or sample by sample when
     * {@code lanes} is false), on the calling worker.
     */
    private void forwardRows(int r0, int r1, int l1, boolean training, boolean lanes) {
        Kernels kk = kernels;
        float[] x = input;
        int ef = spec.executionFeatures();
        int of = spec.opportunityFeatures();
        for (int b = r0; b < r1; b++) {
            int off = b * obsSize;
            System.arraycopy(x, off, obsRows[b], 0, spec.executionOffset());
            for (int s = 0; s < slotsE; s++) {
                System.arraycopy(x, off + spec.executionOffset() + s * ef, exIn[b * slotsE + s], 0, ef);
            }
        }
        // the opportunities, transposed into the lane layout (padding lanes get zero inputs)
        int oo = spec.opportunityOffset();
        for (int r = 0; lanes && r < slotsO * of; r++) {
            float[] row = xL[r];
            for (int b = r0; b < r1; b++) {
                row[b] = x[b * obsSize + oo + r];
            }
            for (int b = r1; b < l1; b++) {
                row[b] = 0f;
            }
        }
        // config and portfolio encoders
        config.forward(kk, obsRows, 0, r0, r1, fin, 0);
        portfolio.forward(kk, obsRows, spec.portfolioOffset(), r0, r1, fin, CONFIG_HIDDEN);
        // execution encoder per slot, then the max over slots (first maximum wins, as torch.max(dim))
        execution.forward(kk, exIn, 0, r0 * slotsE, r1 * slotsE, exEnc, 0);
        int fe = CONFIG_HIDDEN + PORTFOLIO_HIDDEN;
        for (int b = r0; b < r1; b++) {
            float[] f = fin[b];
            kk.relu(f, 0, fe);
            int[] arg = exArg[b];
            for (int s = 0; s < slotsE; s++) {
                float[] e = exEnc[b * slotsE + s];
                kk.relu(e, 0, EXECUTION_HIDDEN);
                for (int j = 0; j < EXECUTION_HIDDEN; j++) {
                    if (s == 0 || e[j] > f[fe + j]) {
                        f[fe + j] = e[j];
                        arg[j] = s;
                    }
                }
            }
        }
        // opportunity encoder (lane layout) -> ctx rows, then the output projection and fc
        if (lanes) {
            opportunityForward(r0, r1, l1);
        } else {
            for (int b = r0; b < r1; b++) {
                opportunitySample(b);
            }
        }
        attnOut.forward(kk, ctx, 0, r0, r1, pooled, 0);
        int fo = fe + EXECUTION_HIDDEN;
        oppFc.forward(kk, pooled, 0, r0, r1, fin, fo);
        for (int b = r0; b < r1; b++) {
            kk.relu(fin[b], fo, fo + OPPORTUNITY_OUT);
        }
        // fusion.0 -> LayerNorm -> ReLU -> dropout
        fusion0.forward(kk, fin, 0, r0, r1, xhat0, 0);
        for (int b = r0; b < r1; b++) {
            rstd0[b] = layerNorm(xhat0[b], FUSION_HIDDEN, ln0Gamma, ln0Beta, act0[b]);
            kk.relu(act0[b], 0, FUSION_HIDDEN);
            float[] d0 = drop0[b];
            if (training && dropout > 0) {
                float[] mask = dropMask[b];
                for (int j = 0; j < FUSION_HIDDEN; j++) {
                    d0[j] = act0[b][j] * mask[j];
                }
            } else {
                System.arraycopy(act0[b], 0, d0, 0, FUSION_HIDDEN);
                Arrays.fill(dropMask[b], 1f);
            }
        }
        // fusion.1 -> LayerNorm -> ReLU
        fusion1.forward(kk, drop0, 0, r0, r1, xhat1, 0);
        for (int b = r0; b < r1; b++) {
            rstd1[b] = layerNorm(xhat1[b], FUSION_OUT, ln1Gamma, ln1Beta, feat[b]);
            kk.relu(feat[b], 0, FUSION_OUT);
        }
        // heads
        actor0.forward(kk, feat, 0, r0, r1, actorH, 0);
        critic0.forward(kk, feat, 0, r0, r1, criticH, 0);
        for (int b = r0; b < r1; b++) {
            kk.relu(actorH[b], 0, HEAD_HIDDEN);
            kk.relu(criticH[b], 0, HEAD_HIDDEN);
        }
        actor1.forward(kk, actorH, 0, r0, r1, logitRows, 0);
        critic1.forward(kk, criticH, 0, r0, r1, valueRows, 0);
    }

    /**
     * The opportunity encoder up to the attention's mean output, for samples (lanes) [l0, l1); writes ctx rows
     * [l0, r1). Per head hd (dims hd*D .. hd*D+D): scores S[t][u] = q_t . k_u, A = softmax(S / sqrt(D)) over u,
     * abar[u] = mean_t A[t][u], hbar = sum_u abar[u] h_u, ctx[head dims] = hbar Wv[:, head dims] + bv[head dims].
     */
    private void opportunityForward(int l0, int r1, int l1) {
        Kernels kk = kernels;
        int T = slotsO;
        int F = spec.opportunityFeatures();
        int E = OPPORTUNITY_EMBED;
        int D = HEAD_DIM;
        for (int t = 0; t < T; t++) {
            kk.lanesGemm(xL, t * F, F, embed.w.value, 0, 0, E, hL, t * E, embed.b.value[0], false, l0, l1);
        }
        for (int r = 0; r < T * E; r++) {
            kk.relu(hL[r], l0, l1);
        }
        for (int t = 0; t < T; t++) {
            kk.lanesGemm(hL, t * E, E, query.w.value, 0, 0, E, qL, t * E, query.b.value[0], false, l0, l1);
            kk.lanesGemm(hL, t * E, E, key.w.value, 0, 0, E, kL, t * E, key.b.value[0], false, l0, l1);
        }
        float invT = 1f / T;
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            for (int t = 0; t < T; t++) {
                int row = (hd * T + t) * T;
                for (int u = 0; u < T; u++) {
                    kk.lanesDot(qL, t * E + hd * D, 1, kL, u * E + hd * D, 1, D, attnL[row + u], false, l0, l1);
                }
                kk.lanesSoftmax(attnL, row, T, attentionScale, l0, l1);
            }
            for (int u = 0; u < T; u++) {
                kk.lanesSum(attnL, hd * T * T + u, T, T, invT, abarL[hd * T + u], l0, l1);
            }
            for (int c = 0; c < E; c++) {
                kk.lanesDot(abarL, hd * T, 1, hL, c, E, T, hbarL[hd * E + c], false, l0, l1);
            }
            kk.lanesGemm(hbarL, hd * E, E, value.w.value, 0, hd * D, D, ctxL, hd * D, value.b.value[0], false, l0, l1);
        }
        for (int b = l0; b < r1; b++) {
            float[] c = ctx[b];
            for (int j = 0; j < E; j++) {
                c[j] = ctxL[j][b];
            }
        }
    }

    /**
     * {@link #opportunityForward} for one sample in rows (inference of small batches, where a 16-lane block would be
     * mostly padding): the same operations in the same order, so the results are the same bits.
     */
    private void opportunitySample(int b) {
        Kernels kk = kernels;
        int T = slotsO;
        int F = spec.opportunityFeatures();
        int E = OPPORTUNITY_EMBED;
        int D = HEAD_DIM;
        int from = b * obsSize + spec.opportunityOffset();
        for (int t = 0; t < T; t++) {
            System.arraycopy(input, from + t * F, sampleIn[t], 0, F);
        }
        embed.forward(kk, sampleIn, 0, 0, T, sampleH, 0);
        for (int t = 0; t < T; t++) {
            kk.relu(sampleH[t], 0, E);
        }
        query.forward(kk, sampleH, 0, 0, T, sampleQ, 0);
        key.forward(kk, sampleH, 0, 0, T, sampleK, 0);
        float invT = 1f / T;
        float[] bv = value.b.value[0];
        float[] c = ctx[b];
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            int o = hd * D;
            Arrays.fill(sampleAbar, 0f);
            for (int t = 0; t < T; t++) {
                float[] qt = sampleQ[t];
                float[] a = sampleAttn[t];
                float max = Float.NEGATIVE_INFINITY;
                for (int u = 0; u < T; u++) {
                    float[] ku = sampleK[u];
                    float sc = 0f;
                    for (int j = 0; j < D; j++) {
                        sc = Math.fma(qt[o + j], ku[o + j], sc);
                    }
                    a[u] = sc;
                    max = Math.max(max, sc);
                }
                for (int u = 0; u < T; u++) {
                    a[u] = (a[u] - max) * attentionScale;
                }
                kk.exp(a, T);
                float sum = 0f;
                for (int u = 0; u < T; u++) {
                    sum += a[u];
                }
                float inv = 1f / sum;
                for (int u = 0; u < T; u++) {
                    a[u] *= inv;
                }
            }
            for (int u = 0; u < T; u++) {
                float sum = 0f;
                for (int t = 0; t < T; t++) {
                    sum += sampleAttn[t][u];
                }
                sampleAbar[u] = sum * invT;
            }
            for (int ch = 0; ch < E; ch++) {
                float acc = 0f;
                for (int u = 0; u < T; u++) {
                    acc = Math.fma(sampleAbar[u], sampleH[u][ch], acc);
                }
                sampleHbar[ch] = acc;
            }
            float[][] wv = value.w.value;
            for (int j = o; j < o + D; j++) {
                float acc = bv[j];
                for (int ch = 0; ch < E; ch++) {
                    acc = Math.fma(sampleHbar[ch], wv[ch][j], acc);
                }
                c[j] = acc;
            }
        }
    }

    /** Work on rows [from, to) by worker w. */
    private interface RowTask {
        void run(int from, int to, int w);
    }

    /**
     * Runs {@code task} on all rows: for 32 rows or more on two threads, the first taking the rows up to half the
     * batch rounded up to a multiple of 16 (so that each thread owns whole lane blocks of the lane layout).
     */
    private void parallel(int batch, RowTask task) {
        if (threads == 1 || batch < 32) {
            task.run(0, batch, 0);
            return;
        }
        int half = pad(batch / 2);
        if (worker == null) {
            worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "modular-net-worker");
                t.setDaemon(true);
                return t;
            });
        }
        java.util.concurrent.Future<?> f = worker.submit(() -> task.run(half, batch, 1));
        task.run(0, half, 0);
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the network worker", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("network worker failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * LayerNorm of z in place: z becomes xhat = (z - mean) * rstd, y = xhat * gamma + beta; returns
     * rstd = 1/sqrt(var + eps) (biased variance, as PyTorch).
     */
    private static float layerNorm(float[] z, int n, ParameterTensor gamma, ParameterTensor beta, float[] y) {
        float[] xhat = z;
        float mean = 0f;
        for (int i = 0; i < n; i++) {
            mean += z[i];
        }
        mean /= n;
        float var = 0f;
        for (int i = 0; i < n; i++) {
            float d = z[i] - mean;
            var = Math.fma(d, d, var);
        }
        var /= n;
        float rstd = (float) (1.0 / Math.sqrt(var + LAYER_NORM_EPS));
        float[] g = gamma.value[0];
        float[] be = beta.value[0];
        for (int i = 0; i < n; i++) {
            float xh = (z[i] - mean) * rstd;
            xhat[i] = xh;
            y[i] = Math.fma(xh, g[i], be[i]);
        }
        return rstd;
    }

    /**
     * LayerNorm backward: dgamma += dy * xhat, dbeta += dy, and
     * dz = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) with dxhat = dy * gamma.
     */
    private static void layerNormBackward(float[] dy, int n, float[] xhat, float rstd, ParameterTensor gamma,
                                          ParameterTensor beta, float[] dz, int worker) {
        float[] g = gamma.value[0];
        float[] gg = gamma.grad(worker)[0];
        float[] gb = beta.grad(worker)[0];
        float sum = 0f;
        float sumX = 0f;
        for (int i = 0; i < n; i++) {
            gg[i] = Math.fma(dy[i], xhat[i], gg[i]);
            gb[i] += dy[i];
            float dxh = dy[i] * g[i];
            dz[i] = dxh;
            sum += dxh;
            sumX = Math.fma(dxh, xhat[i], sumX);
        }
        float mean = sum / n;
        float meanX = sumX / n;
        for (int i = 0; i < n; i++) {
            dz[i] = rstd * (dz[i] - mean - xhat[i] * meanX);
        }
    }

    @Override
    public void backward(float[] dLogits, float[] dValues) {
        if (lastBatch < 0) {
            throw new IllegalStateException("backward needs a training forward first");
        }
        int batch = lastBatch;
        lastBatch = -1;
        for (int b = 0; b < batch; b++) {
            System.arraycopy(dLogits, b * actions, dLog[b], 0, actions);
            dVal[b][0] = dValues[b];
        }
        int workers = threads == 2 && batch >= 32 ? 2 : 1;
        parallel(batch, (from, to, w) -> {
            params.zeroGrad(w);
            backwardRows(from, to, laneEnd(to, batch), w);
        });
        // sum the workers' gradients and the squared norm, each thread taking half of the tensors
        parallel(threads == 2 ? 32 : 1, (from, to, w) -> gradSquares[w] = params.reducePart(w, threads, workers));
    }

    /** Rows [r0, r1) of the backward pass (lanes [r0, l1) of the opportunity encoder), on worker w (its own gradient buffers). */
    private void backwardRows(int r0, int r1, int l1, int w) {
        Kernels kk = kernels;
        // heads
        actor1.accumulate(kk, actorH, 0, r0, r1, dLog, 0, w);
        actor1.backwardInput(kk, dLog, 0, r0, r1, dActorH, 0, false);
        critic1.accumulate(kk, criticH, 0, r0, r1, dVal, 0, w);
        critic1.backwardInput(kk, dVal, 0, r0, r1, dCriticH, 0, false);
        for (int b = r0; b < r1; b++) {
            kk.reluBackward(actorH[b], 0, dActorH[b], 0, HEAD_HIDDEN);
            kk.reluBackward(criticH[b], 0, dCriticH[b], 0, HEAD_HIDDEN);
        }
        actor0.accumulate(kk, feat, 0, r0, r1, dActorH, 0, w);
        actor0.backwardInput(kk, dActorH, 0, r0, r1, dFeat, 0, false);
        critic0.accumulate(kk, feat, 0, r0, r1, dCriticH, 0, w);
        critic0.backwardInput(kk, dCriticH, 0, r0, r1, dFeat, 0, true);
        // fusion.1 with its LayerNorm and ReLU
        for (int b = r0; b < r1; b++) {
            kk.reluBackward(feat[b], 0, dFeat[b], 0, FUSION_OUT);
            layerNormBackward(dFeat[b], FUSION_OUT, xhat1[b], rstd1[b], ln1Gamma, ln1Beta, dZ1[b], w);
        }
        fusion1.accumulate(kk, drop0, 0, r0, r1, dZ1, 0, w);
        fusion1.backwardInput(kk, dZ1, 0, r0, r1, dD0, 0, false);
        // dropout, ReLU, LayerNorm, fusion.0
        for (int b = r0; b < r1; b++) {
            float[] mask = dropMask[b];
            float[] d = dD0[b];
            for (int j = 0; j < FUSION_HIDDEN; j++) {
                d[j] *= mask[j];
            }
            kk.reluBackward(act0[b], 0, d, 0, FUSION_HIDDEN);
            layerNormBackward(d, FUSION_HIDDEN, xhat0[b], rstd0[b], ln0Gamma, ln0Beta, dZ0[b], w);
        }
        fusion0.accumulate(kk, fin, 0, r0, r1, dZ0, 0, w);
        fusion0.backwardInput(kk, dZ0, 0, r0, r1, dFin, 0, false);
        for (int b = r0; b < r1; b++) {
            kk.reluBackward(fin[b], 0, dFin[b], 0, FUSION_IN);
        }
        // config and portfolio encoders (inputs need no gradient)
        config.accumulate(kk, obsRows, 0, r0, r1, dFin, 0, w);
        portfolio.accumulate(kk, obsRows, spec.portfolioOffset(), r0, r1, dFin, CONFIG_HIDDEN, w);
        // execution encoder: the max sends each gradient to the slot that held it
        int fe = CONFIG_HIDDEN + PORTFOLIO_HIDDEN;
        for (int b = r0; b < r1; b++) {
            int[] arg = exArg[b];
            float[] df = dFin[b];
            for (int s = 0; s < slotsE; s++) {
                float[] d = dEx[b * slotsE + s];
                for (int j = 0; j < EXECUTION_HIDDEN; j++) {
                    d[j] = arg[j] == s ? df[fe + j] : 0f;
                }
            }
        }
        execution.accumulate(kk, exIn, 0, r0 * slotsE, r1 * slotsE, dEx, 0, w);
        // opportunity encoder: fc, output projection, then the lane-layout part
        int fo = fe + EXECUTION_HIDDEN;
        oppFc.accumulate(kk, pooled, 0, r0, r1, dFin, fo, w);
        oppFc.backwardInput(kk, dFin, fo, r0, r1, dPooled, 0, false);
        attnOut.accumulate(kk, ctx, 0, r0, r1, dPooled, 0, w);
        attnOut.backwardInput(kk, dPooled, 0, r0, r1, dCtx, 0, false);
        opportunityBackward(r0, r1, l1, w);
    }

    /**
     * Backward of {@link #opportunityForward} for lanes [l0, l1) from dCtx rows [l0, r1) (padding lanes get a zero
     * gradient): the value, query, key and embedding gradients of worker w.
     */
    private void opportunityBackward(int l0, int r1, int l1, int w) {
        Kernels kk = kernels;
        int T = slotsO;
        int F = spec.opportunityFeatures();
        int E = OPPORTUNITY_EMBED;
        int D = HEAD_DIM;
        for (int j = 0; j < E; j++) {
            float[] row = dCtxL[j];
            for (int b = l0; b < r1; b++) {
                row[b] = dCtx[b][j];
            }
            for (int b = r1; b < l1; b++) {
                row[b] = 0f;
            }
        }
        // value projection: dWv[:, head dims] += hbar_h x dctx[head dims], dbv += dctx (the attention weights sum to 1);
        // dhbar_h = Wv[:, head dims] dctx[head dims]
        float[][] gv = value.w.grad(w);
        float[] gbv = value.b.grad(w)[0];
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            kk.lanesGemmTN(hbarL, hd * E, 0, E, dCtxL, hd * D, 0, D, 1, gv, hd * D, gbv, l0, l1);
            kk.lanesGemmT(dCtxL, hd * D, D, value.w.value, 0, hd * D, E, dHbarL, hd * E, false, l0, l1);
        }
        // hbar_h = sum_u abar_h[u] h_u  ->  dh_u = sum_h abar_h[u] dhbar_h, dabar_h[u] = h_u . dhbar_h
        for (int u = 0; u < T; u++) {
            for (int c = 0; c < E; c++) {
                kk.lanesDot(abarL, u, T, dHbarL, c, E, ATTENTION_HEADS, dHL[u * E + c], false, l0, l1);
            }
        }
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            for (int u = 0; u < T; u++) {
                kk.lanesDot(hL, u * E, 1, dHbarL, hd * E, 1, E, dAbarL[hd * T + u], false, l0, l1);
            }
        }
        // abar_h[u] = mean_t A_h[t][u]: dA_h[t][u] = dabar_h[u] / T; softmax backward per query t (times the score
        // scale); then dq_t[head dims] = sum_u dS[t][u] k_u, dk_u[head dims] = sum_t dS[t][u] q_t
        float scale = attentionScale / T;
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            for (int t = 0; t < T; t++) {
                kk.lanesSoftmaxBackward(attnL, (hd * T + t) * T, dAbarL, hd * T, T, scale, dSL, t * T, l0, l1);
            }
            for (int t = 0; t < T; t++) {
                for (int j = hd * D; j < (hd + 1) * D; j++) {
                    kk.lanesDot(dSL, t * T, 1, kL, j, E, T, dQL[t * E + j], false, l0, l1);
                }
            }
            for (int u = 0; u < T; u++) {
                for (int j = hd * D; j < (hd + 1) * D; j++) {
                    kk.lanesDot(dSL, u, T, qL, j, E, T, dKL[u * E + j], false, l0, l1);
                }
            }
        }
        // query and key projections: weights from every slot, dh += Wq dq + Wk dk
        kk.lanesGemmTN(hL, 0, E, E, dQL, 0, E, E, T, query.w.grad(w), 0, query.b.grad(w)[0], l0, l1);
        kk.lanesGemmTN(hL, 0, E, E, dKL, 0, E, E, T, key.w.grad(w), 0, key.b.grad(w)[0], l0, l1);
        for (int t = 0; t < T; t++) {
            kk.lanesGemmT(dQL, t * E, E, query.w.value, 0, 0, E, dHL, t * E, true, l0, l1);
            kk.lanesGemmT(dKL, t * E, E, key.w.value, 0, 0, E, dHL, t * E, true, l0, l1);
        }
        for (int r = 0; r < T * E; r++) {
            kk.reluBackward(hL[r], l0, dHL[r], l0, l1 - l0);
        }
        kk.lanesGemmTN(xL, 0, F, F, dHL, 0, E, E, T, embed.w.grad(w), 0, embed.b.grad(w)[0], l0, l1);
    }

    /** The gradient of parameter {@code name} left by the last {@link #backward}, for tests and diagnostics. */
    public NamedTensor gradient(String name) {
        return params.gradient(name);
    }

    @Override
    public double gradientNorm() {
        return Math.sqrt(gradSquares[0] + gradSquares[1]);
    }

    @Override
    public void adamStep(AdamConfig adam, double learningRate, double gradientScale) {
        params.beginAdam();
        // the two halves of the tensors are independent: update them on both threads when there are two
        parallel(threads == 2 ? 32 : 1, (from, to, w) -> params.adamPart(adam, learningRate, gradientScale, w, threads));
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdown();
            worker = null;
        }
    }

    @Override
    public NetworkState state() {
        return params.state(dropoutRng);
    }

    @Override
    public void load(NetworkState state) {
        params.load(state, dropoutRng);
    }
}
